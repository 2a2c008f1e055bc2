package related

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// A search: Similar and its steps (newSearch, essentialTerms, gather,
// rankTouched, and the others only when one of them could still enter).

// catalogueKey is a service, factor or trigger (kind 's', 'f', 't').
type catalogueKey struct {
	kind  byte
	value string
}

// keyNumber numbers a catalogue key, a new one the next number.
func (c *Catalogue) keyNumber(kind byte, value string) int32 {
	k := catalogueKey{kind, value}
	n, ok := c.keyNumbers[k]
	if !ok {
		n = int32(len(c.keyNumbers))
		c.keyNumbers[k] = n
	}
	return n
}

// scratch is one search's tables, kept for the next search.
type scratch struct {
	text []float64
	// listed says a document is one of the others already.
	listed []bool
	// touched are the documents the essential terms reached; others
	// those only a shared value reached.
	touched, others []int32
	pool            *sync.Pool
}

func (sc *scratch) size(n int) {
	if len(sc.text) < n {
		sc.text = make([]float64, n)
		sc.listed = make([]bool, n)
	}
}

// put clears what the search wrote and returns the tables to the pool.
func (sc *scratch) put() {
	for _, d := range sc.touched {
		sc.text[d] = 0
	}
	for _, d := range sc.others {
		sc.text[d], sc.listed[d] = 0, false
	}
	sc.touched, sc.others = sc.touched[:0], sc.others[:0]
	sc.pool.Put(sc)
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
	s := c.newSearch(q, opt)
	if s.weights == 0 {
		return nil
	}
	s.sc = c.scratch.Get().(*scratch)
	defer s.sc.put()
	s.sc.size(len(c.Incidents))
	essential, rest := c.essentialTerms(s.qs, s.self, s.weights, opt.MinScore)
	s.gather(essential)
	c.addRest(s.sc, rest, s.sc.touched)
	best := s.rankTouched()
	if s.othersMayEnter(best, rest) {
		s.gatherOthers()
		s.rankOthers(best, rest)
	}
	return s.matches(best)
}

// search is one Similar call: the query's terms and the scratch tables
// its scores accumulate in.
type search struct {
	c       *Catalogue
	q       Incident
	opt     Options
	selfIdx int32
	qs      []queryTerm
	self    float64 // the query's text score against itself
	weights float64 // the sum of the weights of the parts q has
	sc      *scratch
	qDay    int32
	// qKeys are the query's services, factors and trigger that some
	// document of the catalogue names, by number.
	qKeys []queryKey
}

type queryKey struct {
	n    int32
	kind byte
}

// newSearch picks the query's most significant terms (by tf-idf, rarer
// first on ties) and the weights of the parts the incident has.
func (c *Catalogue) newSearch(q Incident, opt Options) *search {
	s := &search{c: c, q: q, opt: opt, selfIdx: -1, qDay: dayNumber(q.Date)}
	var terms []docTerm
	qLen := 0
	if i, ok := c.byID[q.ID]; ok {
		s.selfIdx = i
		terms, qLen = c.terms[i], c.length[i]
	} else {
		terms, qLen = termsOf(q.Text)
	}
	for _, t := range terms {
		// A word in more than a third of the reports tells none apart
		// (idf under ln 3) and costs a pass over a third of them.
		df := len(c.postings[t.term])
		if df == 0 || df > len(c.Incidents)/3 && len(c.Incidents) >= 30 {
			continue
		}
		s.qs = append(s.qs, queryTerm{t.term, c.idf(df), t.tf, t.word})
	}
	sort.Slice(s.qs, func(i, j int) bool {
		wi, wj := float64(s.qs[i].tf)*s.qs[i].idf, float64(s.qs[j].tf)*s.qs[j].idf
		if wi != wj {
			return wi > wj
		}
		return s.qs[i].term < s.qs[j].term
	})
	if len(s.qs) > queryTerms {
		s.qs = s.qs[:queryTerms]
	}
	qNorm := c.lengthNorm(qLen)
	for _, t := range s.qs {
		s.self += weight(t.idf, float32(t.tf), qNorm)
	}
	if s.self > 0 {
		s.weights += WeightText
	}
	if len(q.Services) > 0 {
		s.weights += WeightServices
	}
	if len(q.Factors) > 0 {
		s.weights += WeightFactors
	}
	if q.Trigger != "" {
		s.weights += WeightTrigger
	}
	for _, k := range []struct {
		kind   byte
		values []string
	}{{'s', q.Services}, {'f', q.Factors}, {'t', []string{q.Trigger}}} {
		for _, v := range k.values {
			if n, ok := c.keyNumbers[catalogueKey{k.kind, v}]; ok {
				s.qKeys = append(s.qKeys, queryKey{n, k.kind})
			}
		}
	}
	return s
}

// gather reads the essential terms' postings in full into the text
// scores; a document is touched once, when its text score turns positive
// (every weight is).
func (s *search) gather(essential []queryTerm) {
	c, sc := s.c, s.sc
	for _, t := range essential {
		for _, p := range c.postings[t.term] {
			if sc.text[p.doc] == 0 {
				sc.touched = append(sc.touched, p.doc)
			}
			sc.text[p.doc] += t.idf * float64(p.w)
		}
	}
}

// gatherOthers finds the documents that share a service, factor or
// trigger with the query and no essential term: the others.
func (s *search) gatherOthers() {
	c, sc := s.c, s.sc
	add := func(docs []int32) {
		for _, d := range docs {
			if sc.text[d] == 0 && !sc.listed[d] {
				sc.listed[d] = true
				sc.others = append(sc.others, d)
			}
		}
	}
	for _, v := range s.q.Services {
		add(c.byService[v])
	}
	for _, v := range s.q.Factors {
		add(c.byFactor[v])
	}
	if s.q.Trigger != "" {
		add(c.byTrigger[s.q.Trigger])
	}
}

// shares counts the services and factors document d shares with the
// query, and whether it names the same trigger.
func (s *search) shares(d int32) (services, factors int, trigger bool) {
	c := s.c
	for _, k := range c.keys[c.keyAt[d]:c.keyAt[d+1]] {
		for _, q := range s.qKeys {
			if q.n != k {
				continue
			}
			switch q.kind {
			case 's':
				services++
			case 'f':
				factors++
			default:
				trigger = true
			}
		}
	}
	return services, factors, trigger
}

// score is document d's likeness to the query, and its text part.
func (s *search) score(d int32) (score, text float64) {
	if s.self > 0 {
		text = min(1, s.sc.text[d]/s.self)
	}
	sum := WeightText * text
	services, factors, trigger := s.shares(d)
	if len(s.q.Services) > 0 {
		sum += WeightServices * float64(services) / float64(len(s.q.Services))
	}
	if len(s.q.Factors) > 0 {
		sum += WeightFactors * float64(factors) / float64(len(s.q.Factors))
	}
	if trigger {
		sum += WeightTrigger
	}
	return sum / s.weights, text
}

func (s *search) candidate(d int32) bool {
	return (s.opt.Later || s.qDay == 0 || s.c.day[d] <= s.qDay) && d != s.selfIdx
}

// rankTouched scores the touched documents, keeping the best Limit in a
// small heap rather than sorting thousands. A document whose text, with
// every value of the query shared, could not enter is passed over before
// its shared values are counted: once the heap holds strong matches,
// that is most of them.
func (s *search) rankTouched() *topK {
	c := s.c
	best := &topK{limit: s.opt.Limit, less: func(a, b scored) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return c.Incidents[a.doc].ID > c.Incidents[b.doc].ID
	}}
	keys := s.keysBound()
	for _, d := range s.sc.touched {
		if !s.candidate(d) {
			continue
		}
		if s.self > 0 && s.cannotEnter(best, WeightText*min(1, s.sc.text[d]/s.self)/s.weights+keys) {
			continue
		}
		s.consider(best, d)
	}
	return best
}

// consider keeps document d if its score is positive and reaches the
// minimum score.
func (s *search) consider(best *topK, d int32) {
	sc, text := s.score(d)
	// scores are shown to three places: 0.1996 counts as 0.2
	if sc <= 0 || sc < s.opt.MinScore && math.Round(sc*1000)/1000 < s.opt.MinScore {
		return
	}
	best.push(scored{d, sc, text})
}

// restBound is the most the rest terms can add to a score: a term weighs
// less than idf·(k1+1) in any document.
func (s *search) restBound(rest []queryTerm) float64 {
	if s.self <= 0 {
		return 0
	}
	sum := 0.0
	for _, t := range rest {
		sum += t.idf * (k1 + 1)
	}
	return WeightText * min(1, sum/s.self) / s.weights
}

// cannotEnter reports whether a document whose score is at most bound is
// left out: under the minimum score (shown to three places), or under the
// weakest of a full heap.
func (s *search) cannotEnter(best *topK, bound float64) bool {
	return bound < s.opt.MinScore-0.0005 || best.full() && bound < best.weakest()
}

// othersMayEnter reports whether a document no essential term reached
// could still enter, were it to share every service, factor and trigger
// of the query and hold every rest term. With Limit strong matches among
// the touched documents it cannot, and the search never reads the key
// lists, which name a large share of a big folder.
func (s *search) othersMayEnter(best *topK, rest []queryTerm) bool {
	return len(s.qKeys) > 0 && !s.cannotEnter(best, s.keysBound()+s.restBound(rest))
}

// keysBound is the most shared services, factors and trigger add to a
// score: all of the query's.
func (s *search) keysBound() float64 {
	keys := 0.0
	if len(s.q.Services) > 0 {
		keys += WeightServices
	}
	if len(s.q.Factors) > 0 {
		keys += WeightFactors
	}
	if s.q.Trigger != "" {
		keys += WeightTrigger
	}
	return keys / s.weights
}

// rankOthers scores the others, each only if it could still enter with
// its shared values and every rest term (in a large folder most are
// passed over so).
func (s *search) rankOthers(best *topK, rest []queryTerm) {
	restBound := s.restBound(rest)
	for _, d := range s.sc.others {
		if !s.candidate(d) {
			continue
		}
		bound, _ := s.score(d)
		if s.cannotEnter(best, bound+restBound) {
			continue
		}
		s.c.addRest(s.sc, rest, []int32{d})
		s.consider(best, d)
	}
}

// matches turns the best scores into matches with their evidence.
func (s *search) matches(best *topK) []Match {
	out := make([]Match, 0, len(best.items))
	for _, it := range best.sorted() {
		in := &s.c.Incidents[it.doc]
		m := Match{Index: int(it.doc), Text: it.text, Score: math.Round(it.score*1000) / 1000,
			Services: shared(s.q.Services, in.Services), Factors: shared(s.q.Factors, in.Factors),
			Words: s.c.evidenceWords(s.qs, int(it.doc))}
		if s.q.Trigger != "" && s.q.Trigger == in.Trigger {
			m.Trigger = s.q.Trigger
		}
		out = append(out, m)
	}
	return out
}

// shared are the values of a that b has too, in a's order.
func shared(a, b []string) []string {
	var out []string
	for _, v := range a {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// essentialTerms splits the query's terms for a search that only wants
// scores of at least minScore (the MaxScore method of top-k retrieval):
// the rarest terms are essential, their postings read in full; the
// commonest ones, whose weights together could not lift a document to
// minScore without an essential term or a shared service, factor or
// trigger, are rest, looked up only for the documents found otherwise. A
// term weighs less than idf·(k1+1) in any document. Results at or above
// minScore are exactly those of reading every posting.
func (c *Catalogue) essentialTerms(qs []queryTerm, self, weights, minScore float64) (essential, rest []queryTerm) {
	if minScore <= 0 || self <= 0 {
		return qs, nil
	}
	byIDF := slices.Clone(qs)
	sort.SliceStable(byIDF, func(i, j int) bool { return byIDF[i].idf > byIDF[j].idf })
	cut, bound := len(byIDF), 0.0
	for k := len(byIDF) - 1; k >= 0; k-- {
		bound += byIDF[k].idf * (k1 + 1)
		if WeightText*min(1, bound/self)/weights >= minScore-0.0005 { // scores round to 0.001
			break
		}
		cut = k
	}
	return byIDF[:cut], byIDF[cut:]
}

// addRest adds the rest terms' weights to the documents docs (touched
// by the essential terms, or one other): a binary search in the term's
// postings per document, or one pass over postings shorter than that.
func (c *Catalogue) addRest(sc *scratch, rest []queryTerm, docs []int32) {
	for _, t := range rest {
		ps := c.postings[t.term]
		if len(docs) > 1 && len(docs)*bits.Len(uint(len(ps))) > len(ps) {
			// docs are the touched ones: those whose text is positive
			for _, p := range ps {
				if sc.text[p.doc] > 0 {
					sc.text[p.doc] += t.idf * float64(p.w)
				}
			}
			continue
		}
		for _, d := range docs {
			if i, ok := slices.BinarySearchFunc(ps, d, func(p posting, d int32) int { return int(p.doc - d) }); ok {
				sc.text[d] += t.idf * float64(ps[i].w)
			}
		}
	}
}
