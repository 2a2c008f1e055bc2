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
//	text     BM25 (k1 1.2, b 0.75) of the candidate for the incident's 15
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
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
// significant ones, as "more like this" searches do, so that a report is
// compared on what it is about rather than on every word. The text
// searched (root cause, trigger, summary) has 40 to 80 distinct words; 15
// find the same repeats as 25 on the generated families and the
// reference reports (TestFamiliesFindEachOther, TestPlantedRepeat) and
// read a third fewer postings, which a site of 10,000 pages feels.
const queryTerms = 15

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
	byTrigger map[string][]int32
	// keys are the services, factors and trigger each document names, as
	// numbers: document d's are keys[keyAt[d]:keyAt[d+1]]. A search counts
	// a document's shared values from them, and reads the lists above only
	// for the documents no essential term reached (gatherOthers).
	keys       []int32
	keyAt      []int32
	keyNumbers map[catalogueKey]int32
	byID       map[string]int32
	// terms are each document's distinct terms, for searching with a
	// document of the catalogue without reading its text again.
	terms   [][]docTerm
	scratch sync.Pool
}

// docTerm is one distinct term of a document, how often it occurs and
// the word it was first made from.
type docTerm struct {
	term, word string
	tf         int
}

// termsOf reads a text's distinct terms, in order of first use.
func termsOf(text string) (out []docTerm, length int) {
	at := map[string]int{}
	for _, t := range Terms(text, func(t, w string) {
		if _, ok := at[t]; !ok {
			at[t] = len(out)
			out = append(out, docTerm{term: t, word: w})
		}
	}) {
		out[at[t]].tf++
		length++
	}
	return out, length
}

// New indexes incidents.
func New(incidents []Incident) *Catalogue {
	c := &Catalogue{Incidents: incidents, postings: map[string][]posting{}, length: make([]int, len(incidents)),
		byService: map[string][]int32{}, byFactor: map[string][]int32{}, byTrigger: map[string][]int32{}, byID: map[string]int32{},
		keyAt: make([]int32, len(incidents)+1), keyNumbers: map[catalogueKey]int32{}}
	c.scratch.New = func() any { return &scratch{pool: &c.scratch} }
	c.terms = make([][]docTerm, len(incidents))
	// Reading the texts is most of the work and each is its own: in
	// parallel, then indexed in order.
	parallel(len(incidents), func(i int) { c.terms[i], c.length[i] = termsOf(incidents[i].Text) })
	total := 0
	for i, in := range incidents {
		terms, length := c.terms[i], c.length[i]
		for _, t := range terms {
			c.postings[t.term] = append(c.postings[t.term], posting{int32(i), float32(t.tf)}) // weighed below
		}
		total += length
		c.keyAt[i] = int32(len(c.keys))
		for _, s := range in.Services {
			c.byService[s] = append(c.byService[s], int32(i))
			c.keys = append(c.keys, c.keyNumber('s', s))
		}
		for _, f := range in.Factors {
			c.byFactor[f] = append(c.byFactor[f], int32(i))
			c.keys = append(c.keys, c.keyNumber('f', f))
		}
		if in.Trigger != "" {
			c.byTrigger[in.Trigger] = append(c.byTrigger[in.Trigger], int32(i))
			c.keys = append(c.keys, c.keyNumber('t', in.Trigger))
		}
		c.byID[in.ID] = int32(i)
	}
	c.keyAt[len(incidents)] = int32(len(c.keys))
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

// parallel runs work(i) for i in [0, n) on GOMAXPROCS goroutines.
func parallel(n int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				work(i)
			}
		}()
	}
	wg.Wait()
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

// full reports whether the heap holds limit items (never without one).
func (h *topK) full() bool { return h.limit > 0 && len(h.items) == h.limit }

// weakest is the score of the weakest item kept.
func (h *topK) weakest() float64 { return h.items[0].score }

// sorted returns the items best first.
func (h *topK) sorted() []scored {
	sort.Slice(h.items, func(i, j int) bool { return h.less(h.items[j], h.items[i]) })
	return h.items
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
