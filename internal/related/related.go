// Package related finds the earlier incidents most like one: BM25 over
// the prose that says what went wrong (root cause, trigger and summary),
// combined with the catalogue keys the two share (services, contributing
// factors, trigger), into one score from 0 to 1 with the evidence for it.
// It is computed locally, from the documents alone.
//
// The score (docs/catalogue.md has the same, for users):
//
//	score = (0.55·text + 0.15·services + 0.20·factors + 0.10·trigger) / (weights of the parts the incident has)
//
//	text     BM25 (k1 1.2, b 0.75) of the candidate for the incident's 25
//	         most significant terms (tf·idf), divided by the incident's
//	         own score for them: 1 when the candidate says all of it
//	services the share of the incident's services the candidate names too
//	factors  the share of its contributing factors the candidate names too
//	trigger  1 when both name the same trigger
//
// A part the incident does not have (no services, say) leaves the score,
// so that a report without catalogue keys can still find its repeat.
package related

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// Weights of the parts of the score.
const (
	WeightText     = 0.55
	WeightServices = 0.15
	WeightFactors  = 0.20
	WeightTrigger  = 0.10
)

// queryTerms is how many of an incident's terms a search uses: its most
// significant ones, as "more like this" searches do, so that a long
// report is compared on what it is about rather than on every word.
const queryTerms = 25

// BM25's parameters, the usual ones.
const (
	k1 = 1.2
	b  = 0.75
)

// Incident is what ranking knows of one postmortem.
type Incident struct {
	// ID names it: the path it was read from.
	ID    string
	Title string
	// Date is its UTC day; zero when unknown.
	Date time.Time
	// Services, Factors and Trigger are vocabulary names (Normalize).
	Services, Factors []string
	Trigger           string
	// Text is the prose searched: root cause, trigger and summary.
	Text string
	// Listed are its `related` entries, as written.
	Listed []string
}

// FromDocument builds an Incident from a document, its catalogue values
// under their vocabulary names (words nil: the built-in vocabulary).
func FromDocument(id string, doc *document.Document, day time.Time, words *vocabulary.Vocabulary) Incident {
	if words == nil {
		words = vocabulary.Default()
	}
	in := Incident{ID: id, Title: doc.Title, Date: day, Listed: doc.Related}
	in.Services = Normalize(doc.Services, words.Services)
	in.Factors = Normalize(document.FactorTerms(doc.ContributingFactors), words.Factors)
	if t := Normalize([]string{doc.Trigger}, words.Triggers); len(t) == 1 {
		in.Trigger = t[0]
	}
	in.Text = strings.Join([]string{doc.RootCause, doc.Trigger, doc.Summary}, "\n\n")
	return in
}

// Normalize maps values to their vocabulary names (an alias to its term),
// lower-cases what the vocabulary does not know, and drops empty values
// and repeats.
func Normalize(vals []string, l *vocabulary.List) []string {
	var out []string
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if t, ok := l.Lookup(v); ok {
			v = t.Name
		} else {
			v = strings.ToLower(v)
		}
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// posting is one document holding a term, with the term's BM25 weight
// there before idf: tf·(k1+1) / (tf + lengthNorm), computed once when
// the catalogue is built.
type posting struct {
	doc int32
	w   float32
}

// Catalogue is a set of incidents indexed for ranking. It is read-only
// once built and safe for concurrent searches.
type Catalogue struct {
	Incidents []Incident
	postings  map[string][]posting
	length    []int     // terms in each document
	norm      []float64 // lengthNorm of each document
	day       []int32   // dayNumber of each incident's date
	avgLen    float64
	byService map[string][]int32
	byFactor  map[string][]int32
	scratch   sync.Pool
}

// scratch is one search's tables, kept for the next search.
type scratch struct {
	text    []float64
	seen    []bool
	touched []int32
	pool    *sync.Pool
}

// put clears what the search wrote and returns the tables to the pool.
func (sc *scratch) put() {
	for _, d := range sc.touched {
		sc.text[d], sc.seen[d] = 0, false
	}
	sc.touched = sc.touched[:0]
	sc.pool.Put(sc)
}

// New indexes incidents.
func New(incidents []Incident) *Catalogue {
	c := &Catalogue{Incidents: incidents, postings: map[string][]posting{}, length: make([]int, len(incidents)),
		byService: map[string][]int32{}, byFactor: map[string][]int32{}}
	c.scratch.New = func() any { return &scratch{pool: &c.scratch} }
	total := 0
	tf := map[string]int32{}
	for i, in := range incidents {
		clear(tf)
		terms := Terms(in.Text, nil)
		for _, t := range terms {
			tf[t]++
		}
		for t, n := range tf {
			c.postings[t] = append(c.postings[t], posting{int32(i), float32(n)}) // weighed below
		}
		c.length[i] = len(terms)
		total += len(terms)
		for _, s := range in.Services {
			c.byService[s] = append(c.byService[s], int32(i))
		}
		for _, f := range in.Factors {
			c.byFactor[f] = append(c.byFactor[f], int32(i))
		}
	}
	if len(incidents) > 0 {
		c.avgLen = float64(total) / float64(len(incidents))
	}
	c.norm = make([]float64, len(incidents))
	c.day = make([]int32, len(incidents))
	for i := range incidents {
		c.norm[i] = c.lengthNorm(c.length[i])
		c.day[i] = dayNumber(incidents[i].Date)
	}
	for _, ps := range c.postings {
		for i := range ps {
			ps[i].w = float32(weight(1, ps[i].w, c.norm[ps[i].doc]))
		}
	}
	return c
}

// idf is BM25's inverse document frequency of a term held by df of the
// catalogue's documents (never negative).
func (c *Catalogue) idf(df int) float64 {
	n := float64(len(c.Incidents))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// lengthNorm is BM25's k1·(1 - b + b·length/average) for a document of
// a length.
func (c *Catalogue) lengthNorm(length int) float64 {
	if c.avgLen == 0 {
		return k1
	}
	return k1 * (1 - b + b*float64(length)/c.avgLen)
}

// weight is one term's BM25 contribution for a term frequency in a
// document whose lengthNorm is norm.
func weight(idf float64, tf float32, norm float64) float64 {
	f := float64(tf)
	return idf * f * (k1 + 1) / (f + norm)
}

// Match is one similar incident and why.
type Match struct {
	// Index is the incident's place in Catalogue.Incidents.
	Index int
	// Score is the combined similarity, 0 to 1; Text is its prose part.
	Score, Text float64
	// Services and Factors are the values both name; Trigger is the
	// trigger both name, "" when they differ.
	Services, Factors []string
	Trigger           string
	// Words are the shared words that weigh most in the prose part, as
	// the incident writes them.
	Words []string
}

// Options shape a search.
type Options struct {
	// Limit is how many matches to return (0: all).
	Limit int
	// Later includes incidents dated after the one searched for; by
	// default only earlier ones (and undated ones) are candidates.
	Later bool
	// MinScore drops weaker matches.
	MinScore float64
}

type queryTerm struct {
	term string
	idf  float64
	tf   int
	word string
}

// Similar ranks the catalogue's incidents by likeness to q, best first.
// q itself (same ID) is never a match.
func (c *Catalogue) Similar(q Incident, opt Options) []Match {
	words := map[string]string{}
	tf := map[string]int{}
	qLen := 0
	for _, t := range Terms(q.Text, func(t, w string) {
		if _, ok := words[t]; !ok {
			words[t] = w
		}
	}) {
		tf[t]++
		qLen++
	}
	// The query's most significant terms, by tf-idf; rarer first on ties.
	var qs []queryTerm
	for t, n := range tf {
		df := len(c.postings[t])
		if df == 0 {
			continue
		}
		qs = append(qs, queryTerm{t, c.idf(df), n, words[t]})
	}
	sort.Slice(qs, func(i, j int) bool {
		wi, wj := float64(qs[i].tf)*qs[i].idf, float64(qs[j].tf)*qs[j].idf
		if wi != wj {
			return wi > wj
		}
		return qs[i].term < qs[j].term
	})
	if len(qs) > queryTerms {
		qs = qs[:queryTerms]
	}
	self, qNorm := 0.0, c.lengthNorm(qLen)
	for _, t := range qs {
		self += weight(t.idf, float32(t.tf), qNorm)
	}

	// Accumulate the prose part over the postings, and collect the
	// candidates that share a service or factor without a word, in a
	// scratch table as long as the catalogue (a search over 10,000
	// incidents touches thousands of them).
	sc := c.scratch.Get().(*scratch)
	defer sc.put()
	if len(sc.text) < len(c.Incidents) {
		sc.text, sc.seen = make([]float64, len(c.Incidents)), make([]bool, len(c.Incidents))
	}
	touch := func(d int32) {
		if !sc.seen[d] {
			sc.seen[d] = true
			sc.touched = append(sc.touched, d)
		}
	}
	for _, t := range qs {
		for _, p := range c.postings[t.term] {
			sc.text[p.doc] += t.idf * float64(p.w)
			touch(p.doc)
		}
	}
	for _, s := range q.Services {
		for _, d := range c.byService[s] {
			touch(d)
		}
	}
	for _, f := range q.Factors {
		for _, d := range c.byFactor[f] {
			touch(d)
		}
	}

	// Score every candidate; keep the best Limit in a small heap rather
	// than sort thousands (a search in a folder of one kind of incident
	// touches most of it).
	qDay := dayNumber(q.Date)
	best := &topK{limit: opt.Limit, less: func(a, b scored) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return c.Incidents[a.doc].ID > c.Incidents[b.doc].ID
	}}
	for _, d := range sc.touched {
		in := &c.Incidents[d]
		if !opt.Later && qDay != 0 && c.day[d] > qDay || in.ID == q.ID {
			continue
		}
		text := 0.0
		if self > 0 {
			text = min(1, sc.text[d]/self)
		}
		score := c.combine(q, in, text, self > 0, nil)
		if score <= 0 || score < opt.MinScore {
			continue
		}
		best.push(scored{d, score, text})
	}
	out := make([]Match, 0, len(best.items))
	for _, it := range best.sorted() {
		m := Match{Index: int(it.doc), Text: it.text}
		m.Score = c.combine(q, &c.Incidents[it.doc], it.text, self > 0, &m)
		m.Words = c.evidenceWords(qs, int(it.doc))
		out = append(out, m)
	}
	return out
}

// dayNumber counts days since the epoch; 0 for an unknown date.
func dayNumber(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	return int32(t.Unix()/86400) + 1
}

// scored is a candidate while a search runs.
type scored struct {
	doc         int32
	score, text float64
}

// topK keeps the best limit items pushed (all of them when limit is 0),
// as a min-heap on less.
type topK struct {
	limit int
	less  func(a, b scored) bool
	items []scored
}

func (h *topK) push(x scored) {
	if h.limit <= 0 || len(h.items) < h.limit {
		h.items = append(h.items, x)
		for i := len(h.items) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.less(h.items[i], h.items[p]) {
				break
			}
			h.items[i], h.items[p] = h.items[p], h.items[i]
			i = p
		}
		return
	}
	if !h.less(h.items[0], x) {
		return
	}
	h.items[0] = x
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.items) && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < len(h.items) && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

// sorted returns the items best first.
func (h *topK) sorted() []scored {
	sort.Slice(h.items, func(i, j int) bool { return h.less(h.items[j], h.items[i]) })
	return h.items
}

// combine weighs the parts of the score that q has; m, when not nil,
// receives the values both name.
func (c *Catalogue) combine(q Incident, in *Incident, text float64, hasText bool, m *Match) float64 {
	sum, weights := 0.0, 0.0
	if hasText {
		sum += WeightText * text
		weights += WeightText
	}
	if len(q.Services) > 0 {
		n := 0
		for _, v := range q.Services {
			if slices.Contains(in.Services, v) {
				n++
				if m != nil {
					m.Services = append(m.Services, v)
				}
			}
		}
		sum += WeightServices * float64(n) / float64(len(q.Services))
		weights += WeightServices
	}
	if len(q.Factors) > 0 {
		n := 0
		for _, v := range q.Factors {
			if slices.Contains(in.Factors, v) {
				n++
				if m != nil {
					m.Factors = append(m.Factors, v)
				}
			}
		}
		sum += WeightFactors * float64(n) / float64(len(q.Factors))
		weights += WeightFactors
	}
	if q.Trigger != "" {
		if q.Trigger == in.Trigger {
			if m != nil {
				m.Trigger = q.Trigger
			}
			sum += WeightTrigger
		}
		weights += WeightTrigger
	}
	if weights == 0 {
		return 0
	}
	return math.Round(sum/weights*1000) / 1000
}

// evidenceWords are the (at most five) query terms that add most to a
// document's prose score, as the query writes them.
func (c *Catalogue) evidenceWords(qs []queryTerm, doc int) []string {
	type contrib struct {
		word string
		w    float64
	}
	var cs []contrib
	for _, t := range qs {
		ps := c.postings[t.term] // in document order
		if i, ok := slices.BinarySearchFunc(ps, int32(doc), func(p posting, d int32) int { return int(p.doc - d) }); ok {
			cs = append(cs, contrib{t.word, t.idf * float64(ps[i].w)})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].w > cs[j].w })
	var out []string
	for _, x := range cs {
		if len(out) == 5 {
			break
		}
		out = append(out, x.word)
	}
	return out
}

// DefaultThreshold is the score at which `related --check` expects a
// match to be listed in `related`: above it, generated incidents of one
// kind find each other and incidents of other kinds stay below it
// (TestFamiliesFindEachOther).
const DefaultThreshold = 0.5
