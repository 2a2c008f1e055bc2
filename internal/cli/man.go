package cli

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The man page is one page, postmortem(1), that holds every command, the
// help topics and the exit codes: for a tool of about ten commands one
// page to search with '/' is handier than a page per command, and it is
// what the release archives and the deb/rpm packages install as
// man1/postmortem.1.gz. It is written here rather than with
// github.com/spf13/cobra/doc because cobra/doc renders each Long text as
// Markdown (our column-aligned lists would be refilled into one paragraph),
// makes a page per command, and leaves help topics out; a small roff
// writer keeps the layout of the --help text and adds no dependency.

func newManCmd(env *Env) *cobra.Command {
	var (
		out   string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "man",
		Short: "Write the postmortem(1) man page",
		Long: `Write the postmortem(1) man page in roff, to standard output or a file.

The page holds every command with its flags and examples, the help topics
(times, metrics) and the exit codes. Release archives and the deb and rpm
packages ship it already; this command is for installs from source.

The date in the page header is today's, or SOURCE_DATE_EPOCH's for a
reproducible build.`,
		Example: `  postmortem man | man -l -
  postmortem man -o /usr/local/share/man/man1/postmortem.1
  postmortem man | gzip -9n > postmortem.1.gz`,
		Hidden: true,
		Args:   argsBetween(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeOutput(env, out, manPage(cmd.Root(), env), force)
		},
	}
	withOutputFlags(cmd, &out, &force)
	return cmd
}

// manPage renders the whole command tree as one roff page.
func manPage(root *cobra.Command, env *Env) []byte {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	var b bytes.Buffer
	m := &roff{&b}
	date := env.Now().UTC().Format("January 2006")
	fmt.Fprintf(&b, ".TH POSTMORTEM 1 %s %s %s\n", roffQuote(date), roffQuote("postmortem "+Version()), roffQuote("User Commands"))
	m.section("NAME")
	m.line(roffEscape(root.Name()) + ` \- ` + roffEscape(root.Short))
	m.section("SYNOPSIS")
	m.line(`.B postmortem`)
	m.line(`.I command`)
	m.line(`[\fIflags\fR] [\fIarguments\fR]`)
	m.line(`.br`)
	m.line(`.B postmortem`)
	m.line(`[\fB\-\-help\fR | \fB\-\-version\fR]`)
	m.section("DESCRIPTION")
	m.text(root.Long)
	m.section("COMMANDS")
	for _, c := range root.Commands() {
		m.command(c)
	}
	if root.LocalFlags().HasAvailableFlags() {
		m.section("GLOBAL OPTIONS")
		m.flags(root.LocalFlags())
	}
	for _, t := range root.Commands() {
		if !t.IsAdditionalHelpTopicCommand() || t.Name() == "exit-codes" {
			continue
		}
		m.section(strings.ToUpper(t.Name()))
		m.text(t.Long)
	}
	m.section("EXIT STATUS")
	m.text(strings.TrimPrefix(exitCodesHelp, "Exit codes:\n"))
	m.section("ENVIRONMENT")
	m.tagged(`\fBVISUAL\fR, \fBEDITOR\fR`, "The editor the interview opens for long answers (VISUAL first, as git does).")
	m.tagged(`\fBTERM\fR`, "TERM=dumb makes the interview ask its questions line by line (accessible mode) and turns colour off.")
	m.tagged(`\fBNO_COLOR\fR`, "When set and not empty, output carries no colour.")
	m.tagged(`\fBSOURCE_DATE_EPOCH\fR`, "Seconds since 1970 in UTC that replace the clock: what 'today' and 'now' mean for new documents, and the date of this page. Makes output reproducible.")
	m.section("FILES")
	m.tagged(`\fI.postmortem.yaml\fR`, "The repository's configuration: template, required sections, lint rules. 'postmortem init' writes a commented one.")
	m.tagged(`\fIpostmortems/\fR`, "Where 'postmortem init' puts the repository's postmortems.")
	m.section("SEE ALSO")
	var refs []string
	for _, t := range root.Commands() {
		if t.IsAdditionalHelpTopicCommand() {
			refs = append(refs, `\fBpostmortem help `+roffEscape(t.Name())+`\fR`)
		}
	}
	m.line(strings.Join(refs, ", ") + ",")
	m.line("and the project's docs/ folder.")
	return b.Bytes()
}

type roff struct{ b *bytes.Buffer }

func (m *roff) line(s string) { m.b.WriteString(s + "\n") }

func (m *roff) section(name string) { m.line(".SH " + roffQuote(name)) }

func (m *roff) tagged(tag, text string) {
	m.line(".TP")
	m.line(tag)
	m.line(roffEscape(text))
}

// command documents one command and, below it, its subcommands.
func (m *roff) command(c *cobra.Command) {
	if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
		return
	}
	if c == completionCmd(c.Root()) {
		// cobra's per-shell pages repeat each other; one entry says it all.
		m.line(".SS " + roffQuote("postmortem completion bash|zsh|fish|powershell"))
		m.text(completionManText)
		return
	}
	if c.Runnable() {
		m.line(".SS " + roffQuote(strings.TrimSuffix(c.UseLine(), " [flags]")))
		if c.Long != "" {
			m.text(c.Long)
		} else {
			m.text(c.Short + ".")
		}
		if c.LocalFlags().HasAvailableFlags() {
			m.line(".PP")
			m.line("Options:")
			m.flags(c.LocalFlags())
		}
		if c.Example != "" {
			m.line(".PP")
			m.line("Examples:")
			m.pre(c.Example)
		}
	}
	for _, sub := range c.Commands() {
		m.command(sub)
	}
}

// flags lists flags as tagged paragraphs: "-o, --output FILE" then usage.
func (m *roff) flags(fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		tag := `\fB\-\-` + roffEscape(f.Name) + `\fR`
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			tag = `\fB\-` + roffEscape(f.Shorthand) + `\fR, ` + tag
		}
		if name != "" {
			tag += ` \fI` + roffEscape(name) + `\fR`
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		m.line(".TP")
		m.line(tag)
		m.line(roffEscape(usage))
	})
}

// text renders help prose: unindented lines are filled into paragraphs;
// indented lines (lists, examples, tables) keep their layout.
func (m *roff) text(s string) {
	for _, para := range strings.Split(strings.Trim(s, "\n"), "\n\n") {
		lines := strings.Split(para, "\n")
		m.line(".PP")
		for i := 0; i < len(lines); {
			if !isIndented(lines[i]) {
				m.line(roffEscape(strings.TrimSpace(lines[i])))
				i++
				continue
			}
			j := i
			for j < len(lines) && isIndented(lines[j]) {
				j++
			}
			m.pre(strings.Join(lines[i:j], "\n"))
			i = j
		}
	}
}

func isIndented(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
}

// pre is a no-fill block that keeps each line and its spacing.
func (m *roff) pre(s string) {
	m.line(".RS 2")
	m.line(".nf")
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		m.line(roffEscape(strings.TrimPrefix(strings.TrimPrefix(l, "  "), "\t")))
	}
	m.line(".fi")
	m.line(".RE")
}

// roffEscape makes text literal in roff: backslashes and hyphens are
// escaped, characters beyond ASCII become \[uXXXX] (troff reads bytes, not
// UTF-8, unless a preprocessor runs first), and a line starting with a control character ('.' or ') is
// protected with the zero-width \&.
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	s = nonASCII().ReplaceAllStringFunc(s, func(r string) string {
		return fmt.Sprintf(`\[u%04X]`, []rune(r)[0])
	})
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

var nonASCII = pattern(`[^\x00-\x7f]`)

// roffQuote is a macro argument: escaped, in double quotes.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roffEscape(s), `"`, `\(dq`) + `"`
}

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
