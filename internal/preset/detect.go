package preset

import "sync"

// Heading is a heading of a report as detection reads it: its text,
// level (0 for a label line such as "Summary:" in a report without
// Markdown headings) and the document fields the importer's table maps
// it to (markdown.SectionKinds; the importer has them for every section
// it found).
type Heading struct {
	Text  string
	Level int
	Kinds []string
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
	preset int // index in builtins()
	slot   int // the preset heading it stands for, numbered across presets
	weight float64
	child  bool // a sub-heading the template nests under a section
}

// index maps a normalised heading to what it says for each preset; slot
// numbers each preset's headings (a synonym shares its heading's slot),
// slots counts them and total is each preset's weight. Made once.
type index struct {
	byHeading map[string][]evidence
	slot      map[string]int // preset name + "\x00" + heading -> slot
	slots     int
	total     []float64
}

func slotKey(preset, heading string) string { return preset + "\x00" + heading }

var detectIndex = sync.OnceValue(func() *index {
	ps := builtins()
	ix := &index{byHeading: map[string][]evidence{}, slot: map[string]int{}, total: make([]float64, len(ps))}
	add := func(p int, h, as string, w float64, child bool) {
		k := slotKey(ps[p].Name, as)
		slot, ok := ix.slot[k]
		if !ok {
			slot = ix.slots
			ix.slot[k] = slot
			ix.slots++
		}
		n := norm(h)
		for _, e := range ix.byHeading[n] {
			if e.preset == p {
				return // a synonym already counted for this preset
			}
		}
		ix.byHeading[n] = append(ix.byHeading[n], evidence{p, slot, w, child})
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

// tally is what a report's headings say for every preset at once.
type tally struct {
	got         []float64 // matched weight, by preset
	distinctive []int     // distinctive headings (or the title) matched, by preset
	matched     []bool    // by slot
	title       []bool    // the title form matched, by preset
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
	t := tally{got: make([]float64, len(ps)), distinctive: make([]int, len(ps)), matched: make([]bool, ix.slots), title: make([]bool, len(ps))}
	// section: the heading is a section some template or the document
	// format names, and not a sub-heading of one (variant reads it).
	section := make([]bool, len(heads))
	parent := 0 // level of the last heading a template names
	for k, h := range heads {
		ev := ix.byHeading[norm(h.Text)]
		nested := h.Level > 0 && parent > 0 && h.Level > parent
		switch {
		case nested:
		case len(ev) > 0 || len(h.Kinds) > 0:
			section[k] = true
			if h.Level > 0 {
				parent = h.Level
			}
		case h.Level > 0:
			parent = 0 // an unknown heading at the section level ends the section
		}
		for _, e := range ev {
			if nested && !e.child || t.matched[e.slot] {
				continue
			}
			t.matched[e.slot] = true
			t.got[e.preset] += e.weight
			if e.weight > generic {
				t.distinctive[e.preset]++
			}
		}
	}
	for i, p := range ps {
		if p.Title.Mark != nil && title != "" && p.Title.Mark().MatchString(title) {
			t.got[i] += p.Title.Weight
			t.distinctive[i]++
			t.title[i] = true
		}
	}
	return choose(ps, ix, t, heads, section)
}

// choose picks the best family's preset when it passes the thresholds.
func choose(ps []*Preset, ix *index, t tally, heads []Heading, section []bool) Detection {
	best, second := -1, -1
	score := func(i int) float64 { return t.got[i] / ix.total[i] }
	for i, p := range ps {
		if p.IsNone() || i > 0 && ps[i-1].family == p.family || ix.total[i] == 0 {
			continue // one candidate per family (its variants follow it and score alike)
		}
		switch {
		case best < 0 || score(i) > score(best):
			best, second = i, best
		case second < 0 || score(i) > score(second):
			second = i
		}
	}
	d := Detection{Preset: None}
	if best < 0 || score(best) == 0 {
		return d
	}
	lead := score(best)
	if second >= 0 && score(second) > 0 {
		d.RunnerUp, d.RunnerUpScore = ps[second], round2(score(second))
		lead -= score(second)
	}
	if score(best) < minScore || t.distinctive[best] < minDistinctive || lead < minLead {
		// Not clear enough: the best candidate is kept as the runner-up
		// so that --verbose can say how close it came.
		d.RunnerUp, d.RunnerUpScore = ps[best], round2(score(best))
		return d
	}
	p := variant(ps[best], heads, section)
	d.Preset, d.Score = p, round2(score(best))
	if t.title[best] {
		d.Matched = append(d.Matched, "title")
	}
	for _, s := range p.Sections {
		if t.matched[ix.slot[slotKey(ps[best].Name, s.Heading)]] {
			d.Matched = append(d.Matched, s.Heading)
		}
		for _, c := range s.Children {
			if t.matched[ix.slot[slotKey(ps[best].Name, c.Heading)]] {
				d.Matched = append(d.Matched, c.Heading)
			}
		}
	}
	return d
}

// variant picks the version of a template the report's heading levels
// follow: the course's second version puts every section at one level,
// the first puts Root cause, Prevention and Action items a level up.
func variant(p *Preset, heads []Heading, section []bool) *Preset {
	if p.family != "course" {
		return p
	}
	level, uniform, n := 0, true, 0
	for k, h := range heads {
		if h.Level == 0 || !section[k] {
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
