package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the real entry point as the `postmortem`
// command inside scripts, in-process-built and without a separate binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"postmortem": func() { os.Exit(Main(os.Args[1:], System())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script. Set
// UPDATE_SCRIPTS=1 to rewrite their expected output after a deliberate
// change (then review the diff).
func TestScripts(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	shared := filepath.Join(repo, "..", "shared")
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(repo, "testdata", "script"),
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
		Setup: func(e *testscript.Env) error {
			e.Setenv("REPO", repo)
			e.Setenv("SHARED", shared)
			e.Setenv("SOURCE_DATE_EPOCH", "1733356800") // 2024-12-05T00:00:00Z
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TERM", "dumb")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"zipdir": zipDir, // timeline_test.go
		},
		Condition: func(cond string) (bool, error) {
			if cond == "shared" {
				_, err := os.Stat(filepath.Join(shared, "reference"))
				return err == nil, nil
			}
			return false, nil
		},
	})
}
