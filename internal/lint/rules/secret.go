package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/lint"
)

// Secret reports credentials pasted into a report: API keys, bearer
// tokens, JWTs, key=/token= query values, private keys. Messages never
// contain the secret, only what kind it is and how long.
type Secret struct{}

func (Secret) Doc() lint.Doc {
	return lint.Doc{
		ID:       "secret",
		Severity: lint.Error,
		Summary:  "a credential (API key, bearer token, JWT, key in a URL, private key) is in the report",
		Rationale: `Postmortems quote curl commands and log lines, and with them the credentials in
them. A report is committed and shared widely: treat a credential in it as leaked,
rotate it, and write "Bearer $TOKEN" instead. The finding names the kind of secret
and its length, never the value, so CI logs and SARIF uploads do not leak it again.
Obvious placeholders (YOUR_API_KEY, <token>, $TOKEN, xxxx) are not reported.`,
		Bad:  "curl -H 'Authorization: Bearer 8f3a9c...' https://pizza-factory.example/api/order",
		Good: "curl -H \"Authorization: Bearer $FACTORY_TOKEN\" https://pizza-factory.example/api/order",
	}
}

type secretPattern struct {
	kind string
	re   *regexp.Regexp
	// group is the submatch holding the secret value (0: whole match).
	group int
	// hints are substrings of the folded line (fold.String) one of
	// which every match contains: a cheap test that skips the regexp on
	// most lines.
	hints []string
}

// secretPatterns are compiled on first use.
var secretPatterns = sync.OnceValue(func() []secretPattern {
	return []secretPattern{
		{"private key", regexp.MustCompile(`-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----`), 0, []string{"-----begin"}},
		{"AWS access key ID", regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`), 0, []string{"akia", "asia"}},
		{"GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b`), 0, []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}},
		{"Slack token", regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`), 0, []string{"xox"}},
		{"Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`), 0, []string{"aiza"}},
		{"Stripe key", regexp.MustCompile(`\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b`), 0, []string{"sk_", "rk_"}},
		{"JWT", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`), 0, []string{"eyj"}},
		{"bearer token", regexp.MustCompile(`(?i)\bBearer\s+([A-Za-z0-9._~+/=-]{16,})`), 1, []string{"bearer"}},
		{"basic auth credentials", regexp.MustCompile(`(?i)\bBasic\s+([A-Za-z0-9+/]{16,}={0,2})`), 1, []string{"basic"}},
		{"credential in a URL", regexp.MustCompile(`(?i)[?&](api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|key|sig|signature)=([^&#\s"'\\)]+)`), 2, []string{"="}},
		{"credential", regexp.MustCompile(`(?i)\b(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password)\s*[=:]\s*([A-Za-z0-9._~+/-]{16,})`), 2, []string{"key", "token", "secret", "password"}},
		{"password in a URL", regexp.MustCompile(`\b[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s@]{6,})@`), 1, []string{"://"}},
		{"credential assignment", regexp.MustCompile(`(?i)["']?\b(api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|password)["']?\s*[:=]\s*["']([^"'\s]{12,})["']`), 2, []string{"key", "token", "secret", "password"}},
	}
})

var placeholderValue = pattern(`(?i)^(?:\$\{?[A-Z_][A-Z0-9_]*\}?|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|\.+|\*+|x+|your[_-]?.*|.*(?:redacted|example|placeholder|changeme|dummy).*|(?:my|the)?[_-]?(?:factory)?[_-]?(?:api)?[_-]?(?:key|token|secret))$`)

// isPlaceholder tells "YOUR_API_KEY", "$TOKEN", "<token>", "..." and
// words such as "myfactoryAPIKey" (no digit) from real values.
func isPlaceholder(v string) bool {
	if placeholderValue().MatchString(v) {
		return true
	}
	if !strings.ContainsAny(v, "0123456789") {
		return true // real keys and tokens have digits; words do not
	}
	return len(strings.Trim(v, v[:1])) == 0 // one character repeated
}

func (Secret) Check(in *lint.Input, emit func(lint.Finding)) {
	for ln := 1; ln <= in.LineCount(); ln++ {
		line := in.Line(ln)
		if !mayHoldSecret(line) {
			continue
		}
		lower := fold.String(line)
		var taken [][2]int
		for _, p := range secretPatterns() {
			if !hinted(lower, p.hints) {
				continue
			}
			for _, m := range p.re.FindAllStringSubmatchIndex(line, -1) {
				lo, hi := m[2*p.group], m[2*p.group+1]
				if lo < 0 {
					continue
				}
				v := line[lo:hi]
				if p.kind != "private key" && isPlaceholder(v) {
					continue
				}
				overlap := false
				for _, t := range taken {
					if lo < t[1] && t[0] < hi {
						overlap = true
					}
				}
				if overlap {
					continue
				}
				taken = append(taken, [2]int{lo, hi})
				what := p.kind
				if p.kind == "credential in a URL" || p.kind == "credential assignment" || p.kind == "credential" {
					what = fmt.Sprintf("%s (%s)", p.kind, line[m[2]:m[3]])
				}
				msg := fmt.Sprintf("possible %s, %d characters (not shown); remove it, rotate it, and write a placeholder such as $TOKEN", what, len([]rune(v)))
				if p.kind == "private key" {
					msg = "a private key is pasted here; remove it and replace the key pair"
				}
				emit(lint.Finding{Line: ln, Column: col(line, lo), Message: msg})
			}
		}
	}
}

func hinted(lower string, hints []string) bool {
	for _, h := range hints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return len(hints) == 0
}

// mayHoldSecret is the cheap test before the patterns: every one of
// them needs "-----BEGIN" (a private key) or a run of at least 16 token
// bytes (a key, a token, a URL with a key in it); prose words are shorter.
func mayHoldSecret(line string) bool {
	if strings.Contains(line, "-----BEGIN") {
		return true
	}
	run := 0
	for i := 0; i < len(line); i++ {
		if c := line[i]; isTokenByte(c) {
			if run++; run >= 16 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// isTokenByte is a byte of a key or token: a letter, a digit or one of
// "_-+/=.~:?&%#@".
func isTokenByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_-+/=.~:?&%#@", c) >= 0
}
