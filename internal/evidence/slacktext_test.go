package evidence

import (
	"strings"
	"testing"
	"unicode/utf8"
)

type fakeNames struct{}

func (fakeNames) userName(id string) (string, bool) {
	n, ok := map[string]string{"U0ANA": "Ana Lima", "U0BEN": "ben"}[id]
	return n, ok
}

func (fakeNames) channelName(id string) (string, bool) {
	n, ok := map[string]string{"C0GENERAL": "general"}[id]
	return n, ok
}

func TestSlackText(t *testing.T) {
	for in, want := range map[string]string{
		"<@U0ANA> can you look?":                               "@Ana Lima can you look?",
		"<@U0ZED|zed> and <@U0ZED>":                            "@zed and @U0ZED",
		"see <#C0GENERAL> and <#C0OTHER|ops>":                  "see #general and #ops",
		"<!here> <!channel> <!everyone>":                       "@here @channel @everyone",
		"<!subteam^S0ONCALL|@oncall> paged":                    "@oncall paged",
		"<!subteam^S0ONCALL|oncall> paged":                     "@oncall paged",
		"at <!date^1392734382^{date}|Feb 18th, 2014>":          "at Feb 18th, 2014",
		"<https://grafana.acme.dev/d/x?a=1&amp;b=2|dashboard>": "dashboard",
		"<https://grafana.acme.dev/d/x?a=1&amp;b=2>":           "https://grafana.acme.dev/d/x?a=1&b=2",
		"<mailto:ana@acme.dev|ana@acme.dev>":                   "ana@acme.dev",
		"<mailto:ana@acme.dev>":                                "ana@acme.dev",
		"rate &gt; 5% &amp;&amp; p99 &lt; 2s":                  "rate > 5% && p99 < 2s",
		"literal &amp;lt; stays":                               "literal &lt; stays",
		"a < b without a close":                                "a < b without a close",
		"line one\nline two\n\n  three":                        "line one line two three",
		"  ":                                                   "",
	} {
		if got := slackText(in, fakeNames{}); got != want {
			t.Errorf("slackText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSlackText: any text becomes one line, without panicking, and
// valid UTF-8 stays valid.
func FuzzSlackText(f *testing.F) {
	for _, s := range []string{"<@U0ANA> hi", "<#C0GENERAL|general>", "<!subteam^S1|@x>", "<https://a.example|a &amp; b>", "&amp;lt;", "<", ">", "<|>", "<@>", "<!>", "a\n\tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := slackText(s, fakeNames{})
		if strings.ContainsAny(got, "\n\r\t") {
			t.Fatalf("slackText(%q) = %q: not one line", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("slackText(%q) = %q: invalid UTF-8", s, got)
		}
		if got != strings.TrimSpace(got) {
			t.Fatalf("slackText(%q) = %q: not trimmed", s, got)
		}
	})
}
