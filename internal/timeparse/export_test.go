package timeparse

// Hooks for the equivalence tests in duration_test.go, which live in
// package timeparse_test so that they can read the synthetic reports of
// internal/lint/bench.
var (
	ScanDurations   = func(s string) []Span { return scanDurations(nil, s) }
	FindDurationsRE = findDurationsRE
)
