package discover

import "testing"

// BenchmarkEach hands 10,000 items of uneven cost (1 to 8 units, as
// reports of 4 to 15 timeline entries are) to two workers: what the
// pool itself costs around the work.
func BenchmarkEach(b *testing.B) {
	for b.Loop() {
		Each(10000, 2, func(i int) int {
			s := 0
			for k := 0; k < 500*(1+i*7919%8); k++ {
				s += k ^ i
			}
			return s
		}, func(i, v int) {})
	}
}
