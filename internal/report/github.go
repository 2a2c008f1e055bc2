package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// GitHub prints workflow commands that GitHub Actions shows as
// annotations on the pull request:
// ::error file=F,line=L,col=C,title=RULE::message. GitHub shows only ten
// annotations per level per step, so a summary line follows.
type GitHub struct {
	W io.Writer
}

func (g *GitHub) File(r lint.Result) error {
	if r.Err != nil {
		_, err := fmt.Fprintf(g.W, "::error file=%s,title=%s::%s\n", EscapeProperty(r.Path), "unusable", EscapeData(r.Err.Error()))
		return err
	}
	for _, f := range r.Findings {
		level := "error"
		switch f.Severity {
		case lint.Warning:
			level = "warning"
		case lint.Info:
			level = "notice"
		}
		if _, err := fmt.Fprintf(g.W, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			EscapeProperty(f.Path), f.Line, f.Column, EscapeProperty(f.Rule), EscapeData(f.Message+" ["+f.Rule+"]")); err != nil {
			return err
		}
	}
	return nil
}

func (g *GitHub) Close(s Summary) error {
	_, err := fmt.Fprintln(g.W, s.Line())
	return err
}

// EscapeData escapes a workflow command's message: %, CR and LF.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a property value: also ':' and ',', which would
// otherwise end the value.
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
