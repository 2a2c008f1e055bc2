package preset

import (
	"sort"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// Heading is a heading of a report as detection reads it: its text and
// level (0 for a label line such as "Summary:" in a report without
// Markdown headings).
type Heading struct {
	Text  string
	Level int
}

// Detection is what Detect found: the preset (None when no template is
// clear), its score and the evidence, and the runner-up.
type Detection struct {
	Preset *Preset
	// Score is the share of the preset's weight the report's headings
	// (and title) match, 0 to 1.
	Score float64
	// Matched are the preset's headings the report has, as the preset
	// writes them, in the preset's order ("title" for its title form).
	Matched []string
	// RunnerUp is the next best template and its score (nil when no
	// other template matched anything).
	RunnerUp      *Preset
	RunnerUpScore float64
}

// The thresholds a template must pass to be chosen: a share of its
// weight, at least two distinctive headings (or its title form), and a
// lead over the next template. Tuned on the course corpus, the
// published templates and ../shared/real-world (docs/templates.md).
const (
	minScore       = 0.45
	minDistinctive = 2
	minLead        = 0.10
)

// evidence is one heading that speaks for a preset.
type evidence struct {
	preset  int // index in builtins()
	heading string
	weight  float64
	child   bool // a sub-heading the template nests under a section
}

// index maps a normalised heading to what it says for each preset, and
// total is each preset's total weight; made once.
type index struct {
	byHeading map[string][]evidence
	total     []float64
}

var detectIndex = sync.OnceValue(func() *index {
	ps := builtins()
	ix := &index{byHeading: map[string][]evidence{}, total: make([]float64, len(ps))}
	add := func(p int, h, as string, w float64, child bool) {
		n := norm(h)
		for _, e := range ix.byHeading[n] {
			if e.preset == p {
				return // a synonym already counted for this preset
			}
		}
		ix.byHeading[n] = append(ix.byHeading[n], evidence{p, as, w, child})
	}
	for i, p := range ps {
		for _, s := range p.Sections {
			ix.total[i] += s.Weight
			add(i, s.Heading, s.Heading, s.Weight, false)
			for _, a := range s.Also {
				add(i, a, s.Heading, s.Weight, false)
			}
			for _, c := range s.Children {
				ix.total[i] += c.Weight
				add(i, c.Heading, c.Heading, c.Weight, true)
			}
		}
		ix.total[i] += p.Title.Weight
	}
	return ix
})

// score is one template's tally.
type score struct {
	got         float64
	distinctive int
	matched     map[string]bool
}

// Detect recognises the template a report follows from its title and its
// headings, in order. A sub-heading under a heading some template names
// is part of that section and does not count ("### Prevention" under
// "## Action items" groups action items), unless the template itself
// puts it there ("### Where we got lucky"). It returns None when no
// template passes the thresholds.
func Detect(title string, heads []Heading) Detection {
	ix := detectIndex()
	ps := builtins()
	tally := make([]score, len(ps))
	for i := range tally {
		tally[i].matched = map[string]bool{}
	}
	top := make([]bool, len(heads)) // not a sub-heading of a named section
	parent := 0                     // level of the last heading a template names
	for k, h := range heads {
		ev := ix.byHeading[norm(h.Text)]
		nested := h.Level > 0 && parent > 0 && h.Level > parent
		top[k] = !nested
		switch {
		case nested:
		case len(ev) > 0 || len(markdown.SectionKinds(h.Text)) > 0:
			if h.Level > 0 {
				parent = h.Level
			}
		case h.Level > 0:
			parent = 0 // an unknown heading at the section level ends the section
		}
		for _, e := range ev {
			if nested && !e.child {
				continue
			}
			t := &tally[e.preset]
			if t.matched[e.heading] {
				continue
			}
			t.matched[e.heading] = true
			t.got += e.weight
			if e.weight > generic {
				t.distinctive++
			}
		}
	}
	for i, p := range ps {
		if p.Title.Mark != nil && title != "" && p.Title.Mark().MatchString(title) {
			tally[i].got += p.Title.Weight
			tally[i].distinctive++
			tally[i].matched["title"] = true
		}
	}
	return choose(ps, ix, tally, heads, top)
}

// choose picks the best family's preset when it passes the thresholds.
func choose(ps []*Preset, ix *index, tally []score, heads []Heading, top []bool) Detection {
	type cand struct {
		i     int
		score float64
	}
	var cands []cand
	seen := map[string]bool{}
	for i, p := range ps {
		if p.IsNone() || seen[p.family] || ix.total[i] == 0 {
			continue // one candidate per family: the variants score alike
		}
		seen[p.family] = true
		cands = append(cands, cand{i, tally[i].got / ix.total[i]})
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	d := Detection{Preset: None}
	if len(cands) == 0 || cands[0].score == 0 {
		return d
	}
	best := cands[0]
	if len(cands) > 1 && cands[1].score > 0 {
		d.RunnerUp, d.RunnerUpScore = ps[cands[1].i], round2(cands[1].score)
	}
	lead := best.score
	if len(cands) > 1 {
		lead -= cands[1].score
	}
	if best.score < minScore || tally[best.i].distinctive < minDistinctive || lead < minLead {
		// Not clear enough: the best candidate is kept as the runner-up
		// so that --verbose can say how close it came.
		d.RunnerUp, d.RunnerUpScore = ps[best.i], round2(best.score)
		return d
	}
	p := variant(ps[best.i], heads, top)
	d.Preset, d.Score = p, round2(best.score)
	if p.Title.Mark != nil && tally[best.i].matched["title"] {
		d.Matched = append(d.Matched, "title")
	}
	for _, s := range p.Sections {
		if tally[best.i].matched[s.Heading] {
			d.Matched = append(d.Matched, s.Heading)
		}
		for _, c := range s.Children {
			if tally[best.i].matched[c.Heading] {
				d.Matched = append(d.Matched, c.Heading)
			}
		}
	}
	return d
}

// variant picks the version of a template the report's heading levels
// follow: the course's second version puts every section at one level,
// the first puts Root cause, Prevention and Action items a level up.
func variant(p *Preset, heads []Heading, top []bool) *Preset {
	if p.family != "course" {
		return p
	}
	level, uniform, n := 0, true, 0
	for k, h := range heads {
		if h.Level == 0 || !top[k] || len(markdown.SectionKinds(h.Text)) == 0 {
			continue
		}
		if level == 0 {
			level = h.Level
		}
		uniform = uniform && h.Level == level
		n++
	}
	name := "course"
	if uniform && n > 1 {
		name = "course-v2"
	}
	v, _ := Lookup(name)
	return v
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
