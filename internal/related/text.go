package related

import (
	"strings"
	"sync"
	"unicode"
)

// Terms splits prose into index terms: words of letters and digits,
// lower-cased, without stop words, numbers and one-letter words, each
// stemmed so that "timeouts", "timed out" and "timeout" meet. surface
// receives each term with the word it was made from (first seen), for
// evidence a person can read; it may be nil.
func Terms(text string, surface func(term, word string)) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(text[start:end])
		start = -1
		if len(w) < 2 || stopWords()[w] || allDigits(w) {
			return
		}
		t := stem(w)
		if surface != nil {
			surface(t, w)
		}
		out = append(out, t)
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

func allDigits(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stem takes the common English inflections off a word: a light suffix
// stripper in the spirit of Porter's first steps, enough to make plural
// and tense forms of incident vocabulary meet ("retries", "retried",
// "retrying" give "retri"; "failures", "failing" give "fail"; "cached",
// "caching" give "cach").
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "i"
	case n > 5 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "i"
	case n > 3 && strings.HasSuffix(w, "ss"):
		return w
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
		n--
	}
	if n > 4 {
		w = stripSuffix(w)
	}
	// "retry", "retries" and "retried" meet at "retri" (Porter's step 1c).
	if m := len(w); m > 3 && w[m-1] == 'y' {
		w = w[:m-1] + "i"
	}
	return w
}

// stripSuffix takes one derivational or inflectional ending off a word
// of five letters or more, keeping a stem of at least four.
func stripSuffix(w string) string {
	n := len(w)
	for _, suf := range []string{"ational", "ization", "fulness", "ousness", "iveness", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "edly", "ed", "ly", "er", "es", "ures", "ure", "e"} {
		if strings.HasSuffix(w, suf) && n-len(suf) >= 4 {
			w = w[:n-len(suf)]
			break
		}
	}
	// "stopped" and "stopping" both end up "stopp": fold the double
	// consonant so they meet "stop".
	if m := len(w); m > 3 && w[m-1] == w[m-2] && !strings.ContainsRune("aeiouls", rune(w[m-1])) {
		w = w[:m-1]
	}
	return w
}

// stopWords are English function words and the words every postmortem
// uses ("incident", "users", "issue"), which say nothing about which
// incident it is.
var stopWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being below between both but by can could did do does doing down during each few
		for from further had has have having he her here hers him his how i if in into is it its itself just
		me more most my no nor not now of off on once only or other our ours out over own same she should so
		some such than that the their theirs them then there these they this those through to too under until
		up very was we were what when where which while who whom why will with would you your yours
		one two three four five six seven eight nine ten first second third minute minutes hour hours day days
		week weeks am pm utc gmt mst pst est cet time times today yesterday around approximately
		incident incidents outage outages issue issues problem problems user users customer customers team
		teams engineer engineers service services system systems postmortem report summary root cause causes
		caused causing trigger triggered resolution resolved impact impacted affected due result resulted
		led lead however still able unable also then which began started start http https www com org`) {
		m[w] = true
	}
	return m
})
