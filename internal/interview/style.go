package interview

import (
	"io"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles prepares lipgloss for the interview and returns the huh theme.
//
// Nothing here asks the terminal anything: the background is taken from
// COLORFGBG when the terminal sets it and assumed dark otherwise, because
// an OSC 11 query blocks for up to five seconds on terminals that do not
// answer, and must never happen when the answers come from a pipe.
// Accessible mode gets no colour or styling at all: screen readers and
// logs want plain text. Colours follow the UI's own stream (stderr), not
// stdout, which may well be redirected.
func Styles(ui io.Writer, accessible bool, getenv func(string) string) *huh.Theme {
	if accessible {
		r := lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.Ascii))
		r.SetHasDarkBackground(true)
		lipgloss.SetDefaultRenderer(r)
		return huh.ThemeBase()
	}
	r := lipgloss.NewRenderer(ui)
	if getenv("NO_COLOR") != "" {
		r.SetColorProfile(termenv.Ascii)
	}
	r.SetHasDarkBackground(darkBackground(getenv("COLORFGBG")))
	lipgloss.SetDefaultRenderer(r)
	return huh.ThemeCharm()
}

// darkBackground reads COLORFGBG ("15;0": white on black); the last
// field is the background colour index, 0-6 and 8 being dark.
func darkBackground(colorfgbg string) bool {
	parts := strings.Split(colorfgbg, ";")
	switch parts[len(parts)-1] {
	case "7", "9", "10", "11", "12", "13", "14", "15":
		return false
	}
	return true
}
