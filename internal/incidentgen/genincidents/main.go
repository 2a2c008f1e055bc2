// Command genincidents writes N generated postmortems into a folder, for
// benchmarks and demonstrations (scripts/bench-site.sh):
//
//	go run ./internal/incidentgen/genincidents DIR N [SEED]
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/postmortem-cli/postmortem/internal/incidentgen"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: genincidents DIR N [SEED]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "genincidents: N %q: expected a whole number\n", os.Args[2])
		os.Exit(2)
	}
	seed := int64(1)
	if len(os.Args) > 3 {
		if seed, err = strconv.ParseInt(os.Args[3], 10, 64); err != nil {
			fmt.Fprintf(os.Stderr, "genincidents: SEED %q: expected a whole number\n", os.Args[3])
			os.Exit(2)
		}
	}
	if _, err := incidentgen.Write(os.Args[1], n, seed); err != nil {
		fmt.Fprintln(os.Stderr, "genincidents:", err)
		os.Exit(1)
	}
}
