package markdown

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Milestones are inferred from the words real timelines use, in the
// order incidents happen, and each one is reported as a note at its
// entry so that a reviewer can reject it. A report whose timeline already
// names milestones (a table with a Milestone column) is left as written.
//
//  1. Markers an author writes on purpose ("<START OF OUTAGE>", "OUTAGE
//     MITIGATED", "INCIDENT ENDS") come first; a marker for a milestone
//     leaves no room for words about it, and no milestone is read in the
//     words of an entry before a marked start ("News reports that ..."
//     an hour before "OUTAGE BEGINS" is no detection).
//  2. Then words, each read only in a clause that does not deny or ask
//     it ("if the incident is over or not" is no resolution): the first
//     entry, by time, that says it.
//  3. Milestones stay in the order incidents happen: one that would come
//     before a milestone already set is dropped, with a note.
//  4. A report whose timeline says when the outage ended but not when it
//     began starts its impact where its summary or impact section says
//     ("Between 14:31 and 14:52 UTC, ...") when that lies within the
//     timeline, else at the timeline's first entry; a note says which
//     (docs/import.md, "Milestones").
//  5. A timeline where no entry says the incident was resolved ends with
//     its last recovery: the last entry that says mitigated words is the
//     resolution (the only one is, rather than the mitigation).

// milestone is the rules for the words that say an entry is one: each a
// pattern written in lower case, matched against the entry's text
// cleaned (cleanForWords), with the literal it cannot match without as
// its cheap test.
type milestone struct {
	name  string
	rules []wordRule
}

type wordRule struct{ lit, pattern string }

// beVerb starts "is down", "went completely offline".
const beVerb = `\b(?:is|was|went|became|becomes|goes|are|were) (?:hard |completely |fully |now |partially )?`

// starting are the nouns whose beginning is the incident's.
const starting = `\b(?:impact|outage|incident|problem|issue|attack|exploit|storm|wave|errors|failures|degradation|increase|spike|slowdown)(?: of [^.,;]{1,30})? `

// failing are what a system starts doing when an incident starts.
const failing = ` (?:returning|failing|to fail|throwing|timing out|to return|experiencing|slowly increasing|increasing)\b`

// milestoneMarkers are the markers of rule 1.
var milestoneMarkers = []milestone{
	{"started", []wordRule{{"outage", `<start of (?:the )?outage>|\boutage begins\b`}, {"incident begins", `\bincident begins\b`}}},
	{"mitigated", []wordRule{{"outage mitigated", `\boutage mitigated\b`}}},
	{"resolved", []wordRule{{"outage", `<end of (?:the )?outage>|\boutage ends\b`}, {"incident ends", `\bincident ends\b`}}},
}

// milestoneWords are the words of rule 2, in the order incidents happen.
var milestoneWords = []milestone{
	{"started", []wordRule{
		{"first", `\bfirst (?:known )?(?:user |customer )?(?:\w+ )?(?:impact|failures?|failed \w+|errors?|timeouts?)\b`},
		{"beg", starting + `beg(?:an|ins?)\b|\bbeg(?:an|ins?)` + failing},
		{"start", starting + `start(?:ed|s)?\b|\bstart(?:ed|s)?` + failing},
		{"down", beVerb + `down\b`}, {"unavailable", beVerb + `unavailable\b`}, {"offline", beVerb + `offline\b`},
		{"unreachable", beVerb + `unreachable\b`}, {"degraded", beVerb + `degraded\b`},
		{"stall", `\bstall(?:ed|s)\b`}, {"halt", `\bhalt(?:ed|s)\b`}, {"fails", `\bfails\b`}, {"failed due to", `\bfailed due to\b`},
		{"crash", `\bcrash(?:ed|es)\b`}, {"terminated", `\bterminated\b`}, {"exploit execution", `\bexploit execution\b`},
		{"chaos", `\bchaos (?:test |event )?(?:began|begins|started|starts|initiated|triggered)\b`},
	}},
	{"detected", []wordRule{
		{"alert", `\balerts? (?:"[^"]{1,60}" |“[^”]{1,60}” |\x60[^\x60]{1,60}\x60 )?(?:was |were )?(?:fired|fires|fire|triggered|triggers|firing|went off|sent)\b|\balerted\b|\balert(?:ed)? (?:by|from) grafana\b`},
		{"alarm", `\balarms?\b[^.]{0,80}\bfire[ds]?\b`},
		{"paged", `\bpaged\b`}, {"pages", `\bpages (?:the )?(?:on-?call|engineers?|responders?|team)\b`},
		{"pager", `\bpager (?:storm|alert|alarm|went off|goes off|fired|fires)\b`}, {"receive", `\breceive[sd]? (?:a |the )?pages?\b`}, {"page", `\bpage (?:was )?(?:sent|received)\b`}, {"ping", `\bpings?\b`},
		{"notified", `\bnotified\b`}, {"notice", `\bnotices?\b|\bnoticed\b`},
		{"first", `\bfirst (?:noticed|reports?)\b`}, {"aware", `\bbec(?:ame|omes?) aware\b`}, {"detect", `\bdetect(?:ed|s)\b`},
		{"report", `\breported by\b|\breports? (?:unexpected|that|an?|the|issues?|problems?|errors?|failures?)\b`},
		{"mail", `\bsends? (?:the )?first e-?mail\b`},
	}},
	{"acknowledged", []wordRule{
		{"acknowledg", `\backnowledg\w*`}, {"acked", `\backed\b`},
		{"beg", `\bbeg(?:ins?|an) (?:investigating|to investigate|(?:an |the )?investigation|looking into)\b`},
		{"start", `\bstart(?:s|ed)? (?:investigating|to investigate|(?:an |the )?investigation|looking into)\b`},
		{"investigation ", `\binvestigation (?:begins|began|started)\b`}, {"investigating", `\b(?:are|is) (?:currently |now )?investigating\b`}, {"came online", `\bcame online\b`},
		{"respond", `\b(?:responds?|responded) to (?:the )?(?:page|alert|alarm|ticket)\b`}, {"on the scene", `\bon the scene\b`},
		{"war room", `\bwar room (?:was )?(?:convened|opened)\b`}, {"declare", `\bincident (?:was |is )?declared\b|\bdeclares? (?:an |the )?incident\b`},
	}},
	{"mitigated", []wordRule{
		{"mitigat", `\bmitigat(?:ed|es|ion applied)\b`}, {"roll", `\brolled back\b|\broll ?back (?:complete|completed|deployed|done)\b`},
		{"revert", `\breverts? (?:were |was )?deployed\b|\breverted\b`},
		{"fix", `\b(?:fix|hotfix)\b[^.;]{0,60}\b(?:lands|landed|deployed|deployment completed|applied|rolled out|released|implemented)\b|\breleased\b[^.;]{0,40}\bfix(?:es)?\b`},
		{"patch", `\bpatch\b[^.;]{0,60}\b(?:lands|landed|deployed|deployment completed|applied|rolled out|released)\b`},
		{"normal", `\bback to normal\b|\b(?:working|functioning|operating|producing) (?:\w+ )?normally\b`},
		{"again", `\b(?:running|working|available|online|up|created) again\b`}, {"working order", `\bworking order\b`},
		{"resum", `\bresume[sd]?\b`}, {"restor", `\brestor(?:ed|ing)\b`},
		{"recovered", `\brecovered\b`}, {"to recover", `\bbegins? to recover\b`},
		{"recovering", `\b(?:began|started) recovering\b`}, {"recovery", `^(?:gradual |partial )?recovery\b`},
	}},
	{"resolved", []wordRule{
		{"resolved", `(?:^|[^\w])(?:incident|issue|outage|problem|it) (?:is |was |has been |marked |declared )?(?:fully )?resolved\b|\bresolved$|^resolved\b|\bdeclared resolved\b`},
		{"closed", `(?:^|[^\w])(?:incident|issue|outage|problem|it) (?:is |was |has been |marked )?closed\b`},
		{" over", `(?:^|[^\w])(?:incident|issue|outage|problem|it) (?:is |was |has been )?over\b`},
		{"incident end", `\bincident (?:ends|ended)\b`}, {"an end", `\boutage to an end\b`}, {"all clear", `\ball clear\b`},
		{"away", `\b(?:goes|went) away\b`}, {"available again", `\bavailable again\b`},
		{"fully", `\bfully (?:restored|recovered|operational)\b`}, {"close", `\bcloses? (?:the )?incident\b`},
	}},
}

var (
	milestonePatterns = sync.OnceValue(func() [][]*regexp.Regexp { return compileMilestones(milestoneWords) })
	markerPatterns    = sync.OnceValue(func() [][]*regexp.Regexp { return compileMilestones(milestoneMarkers) })
	// denial is a word that denies or questions what follows it in its
	// clause: "no abnormal activity was detected", "if the incident is
	// over or not".
	denial = pattern(`\b(?:no|not|never|if|whether|before|until|unless|without|or not|stops?|stopped)\b|n't\b`)
	// modal is a word that makes what follows a plan, not an event: "a
	// patch ... should be released".
	modal = pattern(`\b(?:should|will|would|could|may|might|plans? to|to be|being)\b`)
	// quantityRecovered is funds or data recovered, not a service:
	// "857.49 pxETH recovered".
	quantityRecovered = pattern(`\d[\d.,]*\s+\S+\s+recovered\b`)
	// wordsSpace is what cleanForWords turns into a space.
	wordsSpace = strings.NewReplacer("&lt;", "<", "&gt;", ">", "\\", "", "*", "", "_", " ", "`", "", "\n", " ")
)

func compileMilestones(ms []milestone) [][]*regexp.Regexp {
	out := make([][]*regexp.Regexp, len(ms))
	for k, m := range ms {
		for _, r := range m.rules {
			out[k] = append(out[k], regexp.MustCompile(r.pattern))
		}
	}
	return out
}

// cleanForWords is an entry's text as the milestone patterns read it:
// folded, without emphasis, escapes and entities, single-spaced.
func cleanForWords(s string) string {
	s = strings.TrimRight(s, ". ")
	if strings.ContainsAny(s, "&\\*_`\n") {
		s = wordsSpace.Replace(s)
	}
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return fold.String(s)
}

// sayIn reports whether text says milestone k of ms in a clause that
// does not deny, question or plan it.
func sayIn(ms []milestone, pats [][]*regexp.Regexp, k int, text string) bool {
	for j, rule := range ms[k].rules {
		at := strings.Index(text, rule.lit)
		if at < 0 {
			continue
		}
		// search from a little before the literal: what a rule matches
		// starts at most a few words before it (or at the start, "^")
		from := 0
		if !strings.Contains(rule.pattern, "^") {
			from = max(0, at-lookBehind)
			for from > 0 && text[from] != ' ' {
				from-- // at a word's start
			}
		}
		re := pats[k][j]
		m := re.FindStringIndex(text[from:])
		if m == nil {
			continue
		}
		if meant(ms[k].name, text, []int{from + m[0], from + m[1]}) {
			return true
		}
		for _, m := range re.FindAllStringIndex(text[from:], -1)[1:] {
			if meant(ms[k].name, text, []int{from + m[0], from + m[1]}) {
				return true
			}
		}
	}
	return false
}

// lookBehind is how far before its literal a rule's match may start:
// "alarms focused on AWS timelord usage ... fire" is the longest reach,
// after the literal; before it, a few words ("began investigating").
const lookBehind = 40

// meant reports whether the words of milestone name at text[m[0]:m[1]]
// say it happened: no denial or question in their clause, no plan in
// them, and, for a recovery, not funds recovered.
func meant(name, text string, m []int) bool {
	clause := text[:m[0]]
	if i := strings.LastIndexAny(clause, ".;,:"); i >= 0 {
		clause = clause[i+1:]
	}
	if strings.HasSuffix(text, "?") || denial().MatchString(clause) || modal().MatchString(text[m[0]:m[1]]) {
		return false
	}
	return name != "mitigated" || !quantityRecovered().MatchString(text)
}

// inferMilestones marks the entries whose words say they are milestones;
// r is the document resolved, for the entries' times. It returns the
// notes a reviewer should see.
func inferMilestones(doc *document.Document, r *document.Resolved, out *Report) {
	texts := make([]string, len(doc.Timeline))
	for i, ev := range doc.Timeline {
		texts[i] = cleanForWords(ev.Event)
	}
	// order is the entries with a time, earliest first.
	var order []int
	for i := range doc.Timeline {
		if !r.Times[i].IsZero() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return r.Times[a].Compare(r.Times[b]) })
	chosen := make([]int, len(milestoneWords))
	from := make([]string, len(milestoneWords))
	rd := &readings{texts: texts, said: make([][8]int8, len(texts))}
	var taken []int
	var notBefore time.Time // a marked start: no milestone is read before it
	first := func(marker bool, k int) int {
		for _, i := range order {
			if !r.Times[i].Before(notBefore) && !slices.Contains(taken, i) && rd.says(i, marker, k) {
				return i
			}
		}
		return -1
	}
	for k := range chosen {
		chosen[k] = -1
		if m := slices.IndexFunc(milestoneMarkers, func(m milestone) bool { return m.name == milestoneWords[k].name }); m >= 0 {
			if i := first(true, m); i >= 0 {
				chosen[k], from[k] = i, "its marker"
				taken = append(taken, i)
			}
		}
	}
	if chosen[0] >= 0 {
		notBefore = r.Times[chosen[0]]
	}
	// The ends matter most to the metrics: "resolved" and "started" choose
	// first, so that "back to normal; incident resolved" is the resolution
	// rather than the mitigation.
	for _, k := range []int{4, 0, 1, 2, 3} {
		if chosen[k] < 0 {
			if chosen[k] = first(false, k); chosen[k] >= 0 {
				from[k] = "its words"
				taken = append(taken, chosen[k])
			}
		}
	}
	if chosen[4] < 0 && chosen[3] >= 0 {
		// rule 5: no entry says the incident was resolved; its last
		// recovery ends it
		chosen[4], from[4] = rd.last(order, 3, chosen[3]), "the last recovery in the timeline (no entry says it was resolved)"
		if chosen[4] == chosen[3] {
			chosen[3] = -1
		}
	}
	placeMilestones(doc, r, chosen, from, out)
}

// readings says which milestones each entry's words say, reading each
// entry with each pattern once: said[i][k] is 1 (yes) or -1 (no) for
// words milestone k, and for marker m at k = len(milestoneWords)+m; 0
// before it is read.
type readings struct {
	texts []string
	said  [][8]int8
}

func (rd *readings) says(i int, marker bool, k int) bool {
	ms, pats, slot := milestoneWords, milestonePatterns(), k
	if marker {
		ms, pats, slot = milestoneMarkers, markerPatterns(), len(milestoneWords)+k
	}
	if rd.said[i][slot] == 0 {
		rd.said[i][slot] = -1
		if sayIn(ms, pats, k, rd.texts[i]) {
			rd.said[i][slot] = 1
		}
	}
	return rd.said[i][slot] == 1
}

// last is the last entry, by time, that says milestone k, or fallback
// when none is later than it.
func (rd *readings) last(order []int, k, fallback int) int {
	for j := len(order) - 1; j >= 0; j-- {
		i := order[j]
		if i == fallback {
			return fallback
		}
		if rd.says(i, false, k) {
			return i
		}
	}
	return fallback
}

// placeMilestones sets the chosen milestones in the order incidents
// happen and notes each one; one out of order is dropped, with a note.
func placeMilestones(doc *document.Document, r *document.Resolved, chosen []int, from []string, out *Report) {
	var last time.Time
	lastName := ""
	for k, m := range milestoneWords {
		i := chosen[k]
		if i < 0 {
			continue
		}
		if k == 0 && startsLate(r, chosen) {
			// an incident starts before anything else happens in it: words
			// that say so after the detection said something else
			p := out.Entries[i].Position
			out.note(p.Line, 1, "%q reads as the started milestone, but other milestones come before it; not inferred", shorten(doc.Timeline[i].Event))
			continue
		}
		p := out.Entries[i].Position // entry i of the timeline
		if r.Times[i].Before(last) {
			out.note(p.Line, 1, "%q reads as the %s milestone, but it is before %s; not inferred", shorten(doc.Timeline[i].Event), m.name, lastName)
			continue
		}
		doc.Timeline[i].Milestone = m.name
		last, lastName = r.Times[i], m.name
		out.note(p.Line, 1, "milestone %s inferred from %s: %q (set another milestone in the document if this is wrong)", m.name, from[k], shorten(doc.Timeline[i].Event))
	}
}

// startsLate reports whether the chosen started entry comes after
// another chosen milestone.
func startsLate(r *document.Resolved, chosen []int) bool {
	for _, i := range chosen[1:] {
		if i >= 0 && r.Times[i].Before(r.Times[chosen[0]]) {
			return true
		}
	}
	return false
}

// measureStart applies rule 4; stated is the start of the window the
// summary or impact section states, zero if none. It returns whether it
// set the impact start.
func measureStart(doc *document.Document, r *document.Resolved, stated time.Time, statedAt Position, out *Report) bool {
	if doc.Impact.Start != "" || !r.ImpactStart.IsZero() {
		return false
	}
	end, ended := r.Milestones["resolved"]
	if !ended {
		return false
	}
	first, _ := r.Span()
	for _, t := range r.Times {
		if !t.IsZero() && t.Before(first) {
			first = t
		}
	}
	if !stated.IsZero() && !stated.Before(first) && !stated.After(end) {
		doc.Impact.Start = utcTime(stated, doc.Date)
		out.set("impact.start", statedAt.Line, statedAt.Col)
		out.note(statedAt.Line, statedAt.Col, "no timeline entry says when the impact began; it starts where this window does (%s)", doc.Impact.Start)
		return true
	}
	for i, t := range r.Times {
		if t.Equal(first) && !first.IsZero() {
			doc.Impact.Start = utcTime(t, doc.Date)
			p := doc.Source.Pos("timeline." + itoa(i))
			out.set("impact.start", p.Line, p.Column)
			out.note(p.Line, p.Column, "the report does not say when the impact began; it is taken to start with the timeline's first entry (%s)", doc.Impact.Start)
			return true
		}
	}
	return false
}

// utcTime writes an instant as the document stores a time it computed:
// RFC 3339 in UTC, whatever zone the document's other times are in.
func utcTime(t time.Time, _ string) string {
	return t.UTC().Format(time.RFC3339)
}

// statedWindow is the first impact window the summary or impact
// section states ("Between 14:31 and 14:52 UTC, ...", "from 13:39 to
// 15:52 US/Pacific") on the incident's date: its start and end (an end
// before the start on the next day) and where it is written; zero
// times when there is none.
func statedWindow(lines []line, out *Report, set *setting) (start, end time.Time, at Position) {
	if set.date.IsZero() {
		return time.Time{}, time.Time{}, Position{}
	}
	for _, s := range out.Sections {
		if !slices.Contains(s.Kinds, "summary") && !slices.Contains(s.Kinds, "impact") {
			continue
		}
		for n := max(s.BodyStart, 1); n <= s.BodyEnd && n <= len(lines); n++ {
			l := &lines[n-1]
			if start, end, off, ok := windowIn(l.tokens, set); ok {
				return start, end, Position{l.n, l.col + off}
			}
		}
	}
	return time.Time{}, time.Time{}, Position{}
}

// windowIn reads "between|from CLOCK and|to|- CLOCK" in a line's tokens:
// the two clocks on the incident's date, each in its zone or the other's
// or the report's, and where the first is written.
func windowIn(toks []timeparse.Token, set *setting) (start, end time.Time, off int, ok bool) {
	for k := 0; k+3 < len(toks); k++ {
		w, a, r, b := toks[k], toks[k+1], toks[k+2], toks[k+3]
		if w.Kind != timeparse.RangeWord || w.Word != "between" && w.Word != "from" || a.Kind != timeparse.Clock || r.Kind != timeparse.RangeWord || b.Kind != timeparse.Clock || a.Err != nil || b.Err != nil {
			continue
		}
		start, end = set.onDate(a, a.Stamp.Zone, b.Stamp.Zone), set.onDate(b, a.Stamp.Zone, b.Stamp.Zone)
		if end.Before(start) {
			end = end.AddDate(0, 0, 1)
		}
		return start, end, a.Start, true
	}
	return time.Time{}, time.Time{}, 0, false
}

// shorten is an entry's text cut for a note.
func shorten(s string) string {
	if strings.ContainsAny(s, "\n\t") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	if len(s) <= 60 {
		return s
	}
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
