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
//     leaves no room for words about it.
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

// milestone is a pattern for the words that say an entry is one,
// written in lower case and matched against the entry's text cleaned
// (cleanForWords); any is its cheap test: the pattern cannot match a
// text holding none of these words.
type milestone struct {
	name    string
	any     []string
	pattern string
}

// milestoneMarkers are the markers of rule 1.
var milestoneMarkers = []milestone{
	{"started", []string{"start", "begin"}, `<start of (?:the )?outage>|\b(?:outage|incident) begins\b`},
	{"mitigated", []string{"mitigated"}, `\boutage mitigated\b`},
	{"resolved", []string{"end"}, `<end of (?:the )?outage>|\b(?:outage|incident) ends\b`},
}

// milestoneWords are the words of rule 2, in the order incidents happen.
var milestoneWords = []milestone{
	{"started", []string{"first", "impact", "began", "begin", "start", "outage", "incident", "chaos", "down", "unavailable", "offline", "unreachable", "degraded", "stall", "halt", "fail", "terminated", "exploit", "problem", "storm"},
		`\bfirst (?:known )?(?:user |customer )?(?:impact|failures?|failed \w+|errors?|timeouts?)\b` +
			`|\b(?:impact|outage|incident|problem|issue|attack|exploit|storm|wave)(?: of [^.,;]{1,30})? (?:began|begins|started|starts)\b` +
			`|\b(?:began|begins|started|starts|start) (?:returning|failing|to fail|throwing|timing out|to return|experiencing|slowly increasing|increasing)\b` +
			`|\b(?:is|was|went|became|becomes|goes|are|were) (?:hard |completely |fully |now |partially )?(?:down|unavailable|offline|unreachable|degraded)\b` +
			`|\b(?:stalled|stalls|halted|halts)\b|\bfails\b|\bfailed due to\b|\bcrash(?:ed|es)\b|\bterminated\b|\bexploit execution\b` +
			`|\bchaos (?:test |event )?(?:began|begins|started|starts|initiated|triggered)\b`},
	{"detected", []string{"alert", "alarm", "paged", "page", "ping", "notif", "notice", "first", "aware", "detect", "report", "e-mail", "email"},
		`\balerts? (?:was |were )?(?:fired|fires|fire|triggered|triggers|firing|went off|sent)\b|\balarms?\b[^.]{0,80}\bfire[ds]?\b` +
			`|\b(?:paged|alerted|notified)\b|\bpage (?:was )?(?:sent|received)\b|\bpings?\b|\bnotices?\b|\bnoticed\b` +
			`|\bfirst (?:noticed|reports?)\b|\bbec(?:ame|omes?) aware\b|\bdetected\b|\bdetects\b|\breported by\b` +
			`|\breports? (?:unexpected|that|an?|the|issues?|problems?|errors?|failures?)\b|\bsends? (?:the )?first e-?mail\b|\balert(?:ed)? (?:by|from) grafana\b`},
	{"acknowledged", []string{"acknowledg", "acked", "investigat", "came online", "respond", "scene", "war room", "declare"},
		`\b(?:acknowledg\w*|acked)\b|\b(?:begins?|began|starts?|started|start) (?:investigating|to investigate|looking into|(?:an |the )?investigation)\b` +
			`|\binvestigation (?:begins|began|started)\b|\bcame online\b|\b(?:responds?|responded) to (?:the )?(?:page|alert|alarm|ticket)\b` +
			`|\bon the scene\b|\bwar room (?:was )?(?:convened|opened)\b|\bincident (?:was |is )?declared\b|\bdeclares? (?:an |the )?incident\b`},
	{"mitigated", []string{"mitigat", "roll", "revert", "fix", "normal", "working", "resum", "recover", "restor", "again", "patch"},
		`\bmitigat(?:ed|es|ion applied)\b|\brolled back\b|\broll ?back (?:complete|completed|deployed|done)\b|\breverts? (?:were |was )?deployed\b|\breverted\b` +
			`|\b(?:fix|hotfix|patch)\b[^.;]{0,60}\b(?:lands|landed|deployed|deployment completed|applied|rolled out|released)\b|\breleased\b[^.;]{0,40}\bfix(?:es)?\b` +
			`|\bback to normal\b|\b(?:working|functioning|operating|producing) (?:\w+ )?normally\b|\b(?:running|working|available|online|up) again\b` +
			`|\bworking order\b|\bresume[sd]?\b|\bbegins? to recover\b|\b(?:began|started) recovering\b|\brestor(?:ed|ing)\b|\brecovered\b|\bcreated again\b|^(?:gradual |partial )?recovery\b`},
	{"resolved", []string{"resolved", "closed", "over", "end", "clear", "away", "available again", "fully", "close"},
		`(?:^|[^\w])(?:incident|issue|outage|problem|it) (?:is |was |has been |marked |declared )?(?:fully )?(?:resolved|closed|over)\b|\bincident (?:ends|ended)\b` +
			`|\bresolved$|^resolved\b|\bdeclared resolved\b|\ball clear\b|\boutage to an end\b|\b(?:goes|went) away\b|\bavailable again\b` +
			`|\bfully (?:restored|recovered|operational)\b|\bcloses? (?:the )?incident\b`},
}

var (
	milestonePatterns = sync.OnceValue(func() []*regexp.Regexp { return compileMilestones(milestoneWords) })
	markerPatterns    = sync.OnceValue(func() []*regexp.Regexp { return compileMilestones(milestoneMarkers) })
	// denial is a word that denies or questions what follows it in its
	// clause: "no abnormal activity was detected", "if the incident is
	// over or not".
	denial = pattern(`\b(?:no|not|never|if|whether|before|until|unless|without|or not|stops?|stopped)\b|n't\b`)
	// modal is a word that makes what follows a plan, not an event: "a
	// patch ... should be released".
	modal = pattern(`\b(?:should|will|would|could|may|might|plans? to|to be)\b`)
	// quantityRecovered is funds or data recovered, not a service:
	// "857.49 pxETH recovered".
	quantityRecovered = pattern(`\d[\d.,]*\s+\S+\s+recovered\b`)
	// wordsSpace is what cleanForWords turns into a space.
	wordsSpace = strings.NewReplacer("&lt;", "<", "&gt;", ">", "\\", "", "*", "", "_", " ", "`", "", "\n", " ")
)

func compileMilestones(ms []milestone) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(ms))
	for k, m := range ms {
		out[k] = regexp.MustCompile(m.pattern)
	}
	return out
}

// cleanForWords is an entry's text as the milestone patterns read it:
// folded, without emphasis, escapes and entities, single-spaced.
func cleanForWords(s string) string {
	return strings.Join(strings.Fields(fold.String(wordsSpace.Replace(strings.TrimRight(s, ". ")))), " ")
}

// sayIn reports whether text says milestone k of ms in a clause that
// does not deny or question it.
func sayIn(ms []milestone, pats []*regexp.Regexp, k int, text string) bool {
	if !slices.ContainsFunc(ms[k].any, func(w string) bool { return strings.Contains(text, w) }) {
		return false
	}
	for _, m := range pats[k].FindAllStringIndex(text, -1) {
		clause := text[:m[0]]
		if i := strings.LastIndexAny(clause, ".;,:"); i >= 0 {
			clause = clause[i+1:]
		}
		if denial().MatchString(clause) || strings.HasSuffix(text, "?") || modal().MatchString(text[m[0]:m[1]]) {
			continue
		}
		if ms[k].name == "mitigated" && quantityRecovered().MatchString(text) {
			continue
		}
		return true
	}
	return false
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
	var taken []int
	first := func(ms []milestone, pats []*regexp.Regexp, k int) int {
		for _, i := range order {
			if !slices.Contains(taken, i) && sayIn(ms, pats, k, texts[i]) {
				return i
			}
		}
		return -1
	}
	for k := range chosen {
		chosen[k] = -1
		if m := slices.IndexFunc(milestoneMarkers, func(m milestone) bool { return m.name == milestoneWords[k].name }); m >= 0 {
			if i := first(milestoneMarkers, markerPatterns(), m); i >= 0 {
				chosen[k], from[k] = i, "its marker"
				taken = append(taken, i)
			}
		}
	}
	// The ends matter most to the metrics: "resolved" and "started" choose
	// first, so that "back to normal; incident resolved" is the resolution
	// rather than the mitigation.
	for _, k := range []int{4, 0, 1, 2, 3} {
		if chosen[k] < 0 {
			if chosen[k] = first(milestoneWords, milestonePatterns(), k); chosen[k] >= 0 {
				from[k] = "its words"
				taken = append(taken, chosen[k])
			}
		}
	}
	if chosen[4] < 0 && chosen[3] >= 0 {
		// rule 5: no entry says the incident was resolved; its last
		// recovery ends it
		chosen[4], from[4] = lastSaying(order, texts, 3, chosen[3]), "the last recovery in the timeline (no entry says it was resolved)"
		if chosen[4] == chosen[3] {
			chosen[3] = -1
		}
	}
	placeMilestones(doc, r, chosen, from, out)
}

// lastSaying is the last entry, by time, that says milestone k, or
// fallback when none is later than it.
func lastSaying(order []int, texts []string, k, fallback int) int {
	for j := len(order) - 1; j >= 0; j-- {
		i := order[j]
		if i == fallback {
			return fallback
		}
		if sayIn(milestoneWords, milestonePatterns(), k, texts[i]) {
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
			p := doc.Source.Pos("timeline." + itoa(i))
			out.note(p.Line, p.Column, "%q reads as the started milestone, but other milestones come before it; not inferred", shorten(doc.Timeline[i].Event))
			continue
		}
		p := doc.Source.Pos("timeline." + itoa(i))
		if r.Times[i].Before(last) {
			out.note(p.Line, p.Column, "%q reads as the %s milestone, but it is before %s; not inferred", shorten(doc.Timeline[i].Event), m.name, lastName)
			continue
		}
		doc.Timeline[i].Milestone = m.name
		last, lastName = r.Times[i], m.name
		out.note(p.Line, p.Column, "milestone %s inferred from %s: %q (set another milestone in the document if this is wrong)", m.name, from[k], shorten(doc.Timeline[i].Event))
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

// statedWindow is the start of the first window ("between 14:31 and
// 14:52", "from 16:58 to 18:46 UTC") the summary or the impact section
// states, placed on the report's date and in its zone; zero if none.
func statedWindow(lines []line, out *Report, set *setting) (time.Time, Position) {
	if set.date.IsZero() {
		return time.Time{}, Position{}
	}
	for _, s := range out.Sections {
		if !slices.Contains(s.Kinds, "summary") && !slices.Contains(s.Kinds, "impact") {
			continue
		}
		for n := max(s.BodyStart, 1); n <= s.BodyEnd && n <= len(lines); n++ {
			l := &lines[n-1]
			if t, at, ok := windowStartIn(l.tokens, set); ok {
				return t, Position{l.n, l.col + at}
			}
		}
	}
	return time.Time{}, Position{}
}

// windowStartIn reads "between|from CLOCK and|to|- CLOCK" in a line's
// tokens: the first clock, in its zone or the second's or the report's.
func windowStartIn(toks []timeparse.Token, set *setting) (time.Time, int, bool) {
	for k := 0; k+3 < len(toks); k++ {
		w, a, r, b := toks[k], toks[k+1], toks[k+2], toks[k+3]
		if w.Kind != timeparse.RangeWord || w.Word != "between" && w.Word != "from" || a.Kind != timeparse.Clock || r.Kind != timeparse.RangeWord || b.Kind != timeparse.Clock || a.Err != nil {
			continue
		}
		zone := set.zone
		if zone == nil {
			zone = set.inferred
		}
		loc := time.UTC
		switch {
		case a.Stamp.Zone != nil:
			loc = a.Stamp.Zone.Location
		case b.Stamp.Zone != nil:
			loc = b.Stamp.Zone.Location
		case zone != nil:
			loc = zoneLoc(*zone)
		}
		d := set.date
		return time.Date(d.Year(), d.Month(), d.Day(), a.Hour, a.Minute, a.Second, 0, loc), a.Start, true
	}
	return time.Time{}, 0, false
}

// shorten is an entry's text cut for a note.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
