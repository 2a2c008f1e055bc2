package evidence

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
)

// slackChannel is an entry of channels.json, groups.json, mpims.json or
// dms.json.
type slackChannel struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Pins []struct {
		ID string `json:"id"`
	} `json:"pins"`
	// dm is true for a direct message: it has no name, and its folder
	// is its ID.
	dm bool
}

// label names the conversation for people: #inc-checkout, or the DM's ID.
func (ch slackChannel) label() string {
	if ch.dm {
		return "DM " + ch.ID
	}
	return "#" + ch.Name
}

// slackIndexes are the files naming an export's conversations: public
// channels, private ones, group DMs and DMs. A folder of each, named by
// the conversation's name (a DM's by its ID), holds its day files.
var slackIndexes = []string{"channels.json", "groups.json", "mpims.json", "dms.json"}

// slackUser is an entry of users.json.
type slackUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	IsBot    bool   `json:"is_bot"`
	Profile  struct {
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		Email       string `json:"email"`
	} `json:"profile"`
}

// slackMessage is one message of a channel's day file. Fields the
// timeline does not use (blocks, user_profile, ...) are skipped.
type slackMessage struct {
	Type       string `json:"type"`
	Subtype    string `json:"subtype"`
	User       string `json:"user"`
	BotID      string `json:"bot_id"`
	Username   string `json:"username"`
	BotProfile *struct {
		Name string `json:"name"`
	} `json:"bot_profile"`
	// UserProfile is the author as the message saw them: the only name
	// there is for a user users.json lacks (another organisation's, in
	// a shared channel).
	UserProfile *struct {
		DisplayName string `json:"display_name"`
		RealName    string `json:"real_name"`
		Name        string `json:"name"`
	} `json:"user_profile"`
	Text string `json:"text"`
	// Blocks are parsed only for a message without text (blocksText).
	Blocks    json.RawMessage `json:"blocks"`
	TS        string          `json:"ts"`
	ThreadTS  string          `json:"thread_ts"`
	Reactions []struct {
		Name string `json:"name"`
	} `json:"reactions"`
	Files []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
		// Mode is "tombstone" for a deleted file, "hidden_by_limit"
		// for one a free workspace's export leaves out.
		Mode string `json:"mode"`
	} `json:"files"`
	Attachments []struct {
		Fallback string `json:"fallback"`
		Pretext  string `json:"pretext"`
		Title    string `json:"title"`
		Text     string `json:"text"`
	} `json:"attachments"`
	PinnedTo []string `json:"pinned_to"`
}

// notEvents are the subtypes of channel housekeeping: joins and leaves
// (of people, bots and apps), topic, purpose and name changes, pins,
// archiving, posting permissions, deleted parents, and the change events
// the API leaves in some exports.
var notEvents = map[string]bool{
	"channel_join": true, "channel_leave": true, "group_join": true, "group_leave": true,
	"channel_topic": true, "group_topic": true, "channel_purpose": true, "group_purpose": true,
	"channel_name": true, "group_name": true, "pinned_item": true, "unpinned_item": true,
	"channel_archive": true, "channel_unarchive": true, "group_archive": true, "group_unarchive": true,
	"tombstone": true, "channel_convert_to_private": true, "channel_convert_to_public": true,
	"bot_add": true, "bot_remove": true, "app_conversation_join": true, "app_conversation_leave": true,
	"channel_posting_permissions": true, "message_changed": true, "message_deleted": true,
}

// slackExport is an open export with what its index files say.
type slackExport struct {
	tree     exportTree
	path     string
	channels []slackChannel
	byID     map[string]string // channel ID -> name
	users    map[string]*slackPerson
}

type slackPerson struct {
	name  string
	isBot bool
}

func (x *slackExport) userName(id string) (string, bool) {
	if u, ok := x.users[id]; ok {
		return u.name, true
	}
	return "", false
}

func (x *slackExport) channelName(id string) (string, bool) {
	n, ok := x.byID[id]
	return n, ok
}

// ReadSlack reads the messages of the named channels (names with or
// without #, or channel IDs) of a Slack export: a workspace export .zip,
// the folder it unpacks to, or slackdump's export-compatible zip. With no
// names, an export of one channel reads that one.
func (c *Collection) ReadSlack(path string, channels []string) error {
	tree, err := openExport(path)
	if err != nil {
		return err
	}
	defer tree.close()
	x := &slackExport{tree: tree, path: path, byID: map[string]string{}}
	if err := x.readChannels(); err != nil {
		return err
	}
	if err := x.readUsers(c); err != nil {
		return err
	}
	chosen, err := x.choose(channels)
	if err != nil {
		return err
	}
	for _, ch := range chosen {
		n, err := x.readChannel(c, ch)
		if err != nil {
			return err
		}
		c.count("slack "+ch.label(), n)
	}
	return nil
}

func (x *slackExport) readChannels() error {
	found := false
	for _, index := range slackIndexes {
		f, ok := x.tree.file(index)
		if !ok {
			continue
		}
		found = true
		if err := x.readIndex(f, index == "dms.json"); err != nil {
			return err
		}
	}
	if !found {
		return errorf(x.path, 0, 0, "no channels.json: expected a Slack export (a .zip, or its folder, holding channels.json, users.json and a folder of YYYY-MM-DD.json files per channel)")
	}
	return nil
}

// readIndex reads one index file. A DM has no name: its ID names it and
// its folder.
func (x *slackExport) readIndex(f file, dms bool) error {
	return streamFile(f, func(ch *slackChannel, at int64) error {
		if dms && ch.ID != "" {
			ch.Name, ch.dm = ch.ID, true
		}
		if ch.ID == "" || ch.Name == "" {
			return f.at(at, "a conversation needs an id and a name")
		}
		x.channels = append(x.channels, *ch)
		if !ch.dm {
			x.byID[ch.ID] = ch.Name
		}
		return nil
	})
}

// readUsers maps user IDs to the names people know them by: users.json,
// or org_users.json in an Enterprise Grid organisation's export. Without
// either the IDs stay (or the name a message's user_profile gives), with
// a warning.
func (x *slackExport) readUsers(c *Collection) error {
	x.users = map[string]*slackPerson{}
	f, ok := x.tree.file("users.json")
	if !ok {
		f, ok = x.tree.file("org_users.json")
	}
	if !ok {
		c.warn("%s: no users.json; people are shown by their Slack IDs (such as U024BE7LH) unless their messages carry a profile", x.path)
		return nil
	}
	return streamFile(f, func(u *slackUser, at int64) error {
		if u.ID == "" {
			return f.at(at, "a user needs an id")
		}
		name := firstNonEmpty(u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name, u.ID)
		x.users[u.ID] = &slackPerson{name: name, isBot: u.IsBot}
		if !u.IsBot {
			c.People.Add(u.ID, name, u.Profile.RealName, u.RealName, u.Name, u.Profile.Email)
		}
		return nil
	})
}

// choose finds the channels asked for; an unknown name lists the ones
// there are.
func (x *slackExport) choose(names []string) ([]slackChannel, error) {
	var all []string
	dms := 0
	for _, ch := range x.channels {
		if ch.dm {
			dms++
		} else {
			all = append(all, ch.Name)
		}
	}
	slices.Sort(all)
	listed := strings.Join(all, ", ")
	if dms > 0 {
		listed += fmt.Sprintf("; DMs, named by their IDs: %d", dms)
	}
	if len(names) == 0 {
		if len(x.channels) == 1 {
			return x.channels, nil
		}
		return nil, errorf(x.path, 0, 0, "the export has %d channels; name the incident's with --channel (channels: %s)", len(x.channels), listed)
	}
	var out []slackChannel
	for _, n := range names {
		n = strings.TrimPrefix(strings.TrimSpace(n), "#")
		i := slices.IndexFunc(x.channels, func(ch slackChannel) bool { return ch.Name == n || ch.ID == n })
		if i < 0 {
			hint := ""
			if s := didyoumean.Closest(n, all, 3); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, errorf(x.path, 0, 0, "no channel %q in the export%s; channels: %s", n, hint, listed)
		}
		if !slices.ContainsFunc(out, func(ch slackChannel) bool { return ch.ID == x.channels[i].ID }) {
			out = append(out, x.channels[i])
		}
	}
	return out, nil
}

// readChannel reads every day file of a channel. The files are named by
// day, but the day of whoever exported them, and thread replies sit in
// the file of the day they were posted: times come from ts alone, and
// the collection sorts by them. Day files are decoded in parallel, one
// per processor at a time (decoding is most of the cost of reading an
// export), and their entries kept in file order, so the result is the
// same as reading them one by one, and so is the error reported: the
// first file's.
func (x *slackExport) readChannel(c *Collection, ch slackChannel) (int, error) {
	days := x.tree.dayFiles(ch.Name)
	if len(days) == 0 {
		c.warn("%s: no day files for %s (expected %s/YYYY-MM-DD.json)", x.path, ch.label(), ch.Name)
		return 0, nil
	}
	pinned := make(map[string]bool, len(ch.Pins))
	for _, p := range ch.Pins {
		if t, ok := parseTS(p.ID); ok {
			pinned[canonicalTS(t)] = true
		}
	}
	results := make([]dayResult, len(days))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(days)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Files are handed out in order, so every file before a
			// failed one was started and finishes.
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(days) {
					return
				}
				results[i] = x.readDay(c.Options, ch, pinned, days[i])
				if results[i].err != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, r := range results {
		if r.err != nil {
			return 0, r.err
		}
		n += len(r.entries)
	}
	c.Entries = slices.Grow(c.Entries, n)
	for _, r := range results {
		for _, e := range r.entries {
			c.add(e)
		}
		for _, aliases := range r.strangers {
			c.People.Add(aliases...)
		}
	}
	return n, nil
}

// dayResult is what one day file gave: its entries, the users that
// users.json does not know (their ID and the names their profile
// gives), or the error that stopped it.
type dayResult struct {
	entries   []Entry
	strangers [][]string
	err       error
}

func (x *slackExport) readDay(opt Options, ch slackChannel, pinned map[string]bool, day string) (r dayResult) {
	f, _ := x.tree.file(day)
	r.err = streamFile(f, func(m *slackMessage, at int64) error {
		e, ok, err := x.message(opt, ch, pinned, f, m, at)
		if ok {
			r.entries = append(r.entries, e)
			if _, known := x.users[m.User]; !known && m.User != "" && !isBot(m) {
				aliases := []string{m.User}
				if p := m.UserProfile; p != nil {
					aliases = append(aliases, p.DisplayName, p.RealName, p.Name)
				}
				r.strangers = append(r.strangers, aliases)
			}
		}
		return err
	})
	return r
}

// message turns one message into an entry, if it is one and falls in
// the window.
func (x *slackExport) message(opt Options, ch slackChannel, pinned map[string]bool, f file, m *slackMessage, at int64) (Entry, bool, error) {
	if (m.Type != "" && m.Type != "message") || notEvents[m.Subtype] {
		return Entry{}, false, nil
	}
	t, ok := parseTS(m.TS)
	if !ok {
		return Entry{}, false, f.at(at, "message ts %q is not a Slack timestamp (epoch seconds such as \"1701720000.000100\")", m.TS)
	}
	if !opt.Window.Contains(t) {
		return Entry{}, false, nil
	}
	text := x.body(m)
	if text == "" {
		return Entry{}, false, nil
	}
	ts := canonicalTS(t)
	keep := pinned[ts] || slices.Contains(m.PinnedTo, ch.ID) || x.reacted(m, opt.Reactions)
	thread := ""
	if tt, ok := parseTS(m.ThreadTS); ok {
		thread = canonicalTS(tt)
	}
	return Entry{
		Time: t, Event: x.author(m) + ": " + text, Kind: Slack, Default: keep, Where: ch.label(),
		Source: "slack:" + ch.ID + "/" + ts,
		Link:   permalink(opt.SlackURL, ch.ID, ts, thread),
	}, true, nil
}

func isBot(m *slackMessage) bool {
	return m.Subtype == "bot_message" || (m.User == "" && m.BotID != "")
}

// author is who wrote the message: a person's name, or a bot's.
func (x *slackExport) author(m *slackMessage) string {
	if isBot(m) {
		bot := ""
		if m.BotProfile != nil {
			bot = m.BotProfile.Name
		}
		if name, ok := x.userName(m.User); ok && m.Username == "" && bot == "" {
			return name
		}
		return firstNonEmpty(m.Username, bot, m.BotID, "bot")
	}
	if u, ok := x.users[m.User]; ok {
		return u.name
	}
	if p := m.UserProfile; p != nil {
		if name := firstNonEmpty(p.DisplayName, p.RealName, p.Name); name != "" {
			return name
		}
	}
	return firstNonEmpty(m.User, m.Username, "someone")
}

// body is the message's text, else its blocks' (a message sent with
// blocks alone), else its first attachment's (alerts post attachments),
// with the files it shares named; a huddle says it started.
func (x *slackExport) body(m *slackMessage) string {
	text := slackText(m.Text, x)
	if text == "" {
		text = blocksText(m.Blocks, x)
	}
	if text == "" && len(m.Attachments) > 0 {
		a := m.Attachments[0]
		text = slackText(firstNonEmpty(a.Fallback, a.Title, a.Text, a.Pretext), x)
	}
	for _, fl := range m.Files {
		text = strings.TrimSpace(text + " " + fileNote(fl.Title, fl.Name, fl.Mode))
	}
	if text == "" && m.Subtype == "huddle_thread" {
		text = "started a huddle"
	}
	return text
}

// fileNote names a shared file; one the export does not hold (deleted,
// or beyond a free workspace's history limit) is still said to be there.
func fileNote(title, name, mode string) string {
	if n := oneLine(firstNonEmpty(title, name)); n != "" {
		return "(file: " + n + ")"
	}
	if mode == "tombstone" {
		return "(a file since deleted)"
	}
	return "(a file the export does not hold)"
}

func (x *slackExport) reacted(m *slackMessage, wanted []string) bool {
	for _, r := range m.Reactions {
		name, _, _ := strings.Cut(r.Name, "::") // pushpin::skin-tone-2
		if slices.Contains(wanted, name) {
			return true
		}
	}
	return false
}

// parseTS reads Slack's ts, epoch seconds with up to six decimals, into
// an exact instant: as a float it would lose the microseconds that order
// messages sent in the same second.
func parseTS(ts string) (time.Time, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	if sec == "" || len(sec) > 12 || len(frac) > 6 || !allDigits(sec) || !allDigits(frac) {
		return time.Time{}, false
	}
	s, _ := strconv.ParseInt(sec, 10, 64)
	us := 0
	if frac != "" {
		us, _ = strconv.Atoi(frac + strings.Repeat("0", 6-len(frac)))
	}
	return time.Unix(s, int64(us)*1000).UTC(), true
}

// canonicalTS writes an instant as Slack writes a ts, with six decimals:
// the form of permalinks (p + 16 digits) and pins, whatever form the
// export gave.
func canonicalTS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// permalink is the message's address: Slack's permalink form, under the
// workspace's address when it is known. A reply names its thread.
func permalink(base, channel, ts, threadTS string) string {
	link := strings.TrimSuffix(base, "/") + "/archives/" + channel + "/p" + strings.Replace(ts, ".", "", 1)
	if threadTS != "" && threadTS != ts {
		link += "?thread_ts=" + threadTS + "&cid=" + channel
	}
	return link
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// exportTree is a Slack export, zipped or unpacked.
type exportTree interface {
	// file finds a file by its path inside the export.
	file(rel string) (file, bool)
	// dayFiles lists a channel folder's YYYY-MM-DD.json files, sorted.
	dayFiles(dir string) []string
	close() error
}

// isDayFile matches YYYY-MM-DD.json.
func isDayFile(name string) bool {
	if len(name) != len("2006-01-02.json") || !strings.HasSuffix(name, ".json") {
		return false
	}
	_, err := time.Parse(time.DateOnly, name[:10])
	return err == nil
}
