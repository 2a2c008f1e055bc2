package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/preset"
	"github.com/postmortem-cli/postmortem/internal/render"
)

var outputFormats = []string{"markdown", "json", "yaml"}

func newRenderCmd(env *Env) *cobra.Command {
	var (
		out, tmplName, format string
		force, mermaid        bool
	)
	cmd := &cobra.Command{
		Use:   "render FILE",
		Short: "Render a postmortem document as Markdown, JSON or YAML",
		Long: `Render a postmortem document (YAML or JSON, or - for standard input).

Every time is checked and converted to UTC first; a document with problems
is not rendered (run 'postmortem validate' to see them all). The impact
duration and the response metrics are computed from the timeline.

Formats:
  markdown  the report, through a template (default)
  json      the document with times in UTC and the computed metrics
  yaml      the document normalised: times in UTC, keys in order

Templates: a preset's name writes that template's shape: course (also
` + "`default`" + `, the course report: the 2024-12-04 incident's shape), course-v2
(every section ##), google-sre, pagerduty, atlassian; ` + "`tables`" + ` puts every
section at one level, timeline and action items as tables, with a metrics
block; or give the path of a Go text/template file (see docs/templates.md).
The preset templates name themselves in a comment under the title, so that
'postmortem lint' judges the report against them with no configuration.`,
		Example: `  postmortem render testdata/2024-12-04.yaml
  postmortem render report.yaml -o report.md
  postmortem render report.yaml --template tables
  postmortem render report.yaml --template google-sre
  postmortem render report.yaml --template ./our-template.md.tmpl
  postmortem render report.yaml --format json | jq .metrics
  cat report.yaml | postmortem render -`,
		Args: argsBetween(1, 1, "one document (FILE or -)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(outputFormats, format) {
				return usageErrorf("--format %q: expected one of %s", format, strings.Join(outputFormats, ", "))
			}
			var tmpl *render.Template
			if format == "markdown" {
				var err error
				if tmpl, err = loadTemplate(env, tmplName); err != nil {
					return err
				}
			}
			doc, err := loadDocument(env, args[0])
			if err != nil {
				return err
			}
			r, probs := document.Validate(doc)
			if printProblems(env, doc, probs) {
				return &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: %d problem(s); nothing rendered", doc.Source.Name, len(probs))}
			}
			var data []byte
			switch format {
			case "json":
				data, err = document.MarshalJSON(doc, r)
				data = append(data, '\n')
			case "yaml":
				data, err = document.Marshal(document.Normalize(doc, r))
			default:
				data, err = tmpl.Markdown(doc, r, render.Options{Mermaid: mermaid})
			}
			if err != nil {
				return withCode(ExitUsage, err)
			}
			return writeOutput(env, out, data, force)
		},
	}
	withOutputFlags(cmd, &out, &force)
	f := cmd.Flags()
	f.StringVarP(&tmplName, "template", "t", render.DefaultTemplate, "preset or built-in template `NAME` ("+strings.Join(templateNames(), ", ")+") or a template file PATH")
	f.StringVarP(&format, "format", "f", "markdown", "output `FORMAT`: "+strings.Join(outputFormats, ", "))
	f.BoolVar(&mermaid, "mermaid", false, "add a Mermaid diagram of the timeline and phases")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(outputFormats...))
	_ = cmd.RegisterFlagCompletionFunc("template", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return templateNames(), cobra.ShellCompDirectiveDefault
	})
	return cmd
}

// suggestTemplate is "; did you mean X?" for a misspelt template name.
func suggestTemplate(name string) string {
	if best := didyoumean.Closest(name, templateNames(), 3); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// templateNames are the names --template takes: the presets that write a
// shape of their own and the other built-in templates.
func templateNames() []string {
	var out []string
	for _, p := range preset.All() {
		if p.Render != "" {
			out = append(out, p.Name)
		}
	}
	for _, b := range render.Builtins() {
		if _, ok := preset.Lookup(b); !ok && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// loadTemplate takes a preset's name (its render template), a built-in
// template's name, or a path when the name looks like one (contains a
// slash or ends in .tmpl).
func loadTemplate(env *Env, name string) (*render.Template, error) {
	if p, ok := preset.Lookup(name); ok {
		name = p.Render
		if name == "" {
			name = render.DefaultTemplate // none: no template of its own
		}
	}
	if !strings.ContainsAny(name, `/\`) && !strings.HasSuffix(name, ".tmpl") {
		t, err := render.Builtin(name)
		if err != nil {
			return nil, usageErrorf("unknown template %q (templates: %s; or give a path to a .tmpl file)%s", name, strings.Join(templateNames(), ", "), suggestTemplate(name))
		}
		return t, nil
	}
	path, text, err := readInput(env, name)
	if err != nil {
		return nil, err
	}
	t, err := render.Compile(path, string(text))
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return t, nil
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
