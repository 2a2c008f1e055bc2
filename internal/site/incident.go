package site

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/related"
	"github.com/postmortem-cli/postmortem/internal/render"
)

type section struct {
	ID, Title string
	HTML      template.HTML
}

type factorView struct {
	Term, Note, Description string
}

type link struct {
	Href, Title, Date, Text string
	// External is true for a URL out of the site (a link, never loaded).
	External bool
}

type similarView struct {
	link
	Score    string
	Evidence []string
}

type timelineEntry struct {
	UTC, Shown, Event, Milestone string
}

type incidentPage struct {
	Layout
	Row      row
	Source   string
	Authors  string
	Affected string
	Impact   template.HTML
	// Before are the sections above the impact (summary, detection),
	// After those below the timeline.
	Before, After []section
	Timeline      []timelineEntry
	Metrics       []render.MetricView
	Actions       []render.ActionView
	Factors       []factorView
	Listed        []link
	Missing       []string
	Similar       []similarView
}

func (s *site) incidentPage(i int) incidentPage {
	in := s.incs[i]
	doc := in.Doc
	v := viewOf(in)
	r := s.rows[i]
	p := incidentPage{Layout: s.layout(r.Title, "", "../"), Row: r, Source: in.File,
		Authors: strings.Join(doc.Authors, ", "), Metrics: v.Metrics, Actions: v.ActionItems}
	for _, f := range doc.ContributingFactors {
		fv := factorView{Term: f.Term, Note: f.Note}
		if t, ok := s.opt.Vocabulary.Factors.Lookup(f.Term); ok {
			fv.Term, fv.Description = t.Name, t.Description
		}
		p.Factors = append(p.Factors, fv)
	}
	// The impact: the renderer's computed sentences, then the description.
	var impact []string
	for _, line := range []string{v.Impact.Lead, v.Impact.Affected, v.Impact.Submitted} {
		if line != "" {
			impact = append(impact, line)
		}
	}
	p.Impact = Markdown(strings.Join(impact, "\n\n"))
	for _, sec := range []struct{ id, title, text string }{
		{"summary", "Summary", doc.Summary}, {"detection", "Detection", doc.Detection},
	} {
		if strings.TrimSpace(sec.text) != "" {
			p.Before = append(p.Before, section{sec.id, sec.title, Markdown(sec.text)})
		}
	}
	for k, e := range v.Timeline {
		te := timelineEntry{UTC: e.UTC, Event: e.Event, Milestone: e.Milestone, Shown: e.Time}
		if t := in.R.Times[k]; !t.IsZero() {
			te.Shown = t.UTC().Format("2006-01-02 15:04")
			if t.Second() != 0 {
				te.Shown = t.UTC().Format("2006-01-02 15:04:05")
			}
		}
		p.Timeline = append(p.Timeline, te)
	}
	for _, sec := range []struct{ id, title, text string }{
		{"response", "Response", doc.Response}, {"root-cause", "Root cause", doc.RootCause},
		{"resolution", "Resolution", doc.Resolution}, {"prevention", "Prevention", doc.Prevention},
	} {
		if strings.TrimSpace(sec.text) != "" {
			p.After = append(p.After, section{sec.id, sec.title, Markdown(sec.text)})
		}
	}
	for k, sec := range doc.Sections {
		p.After = append(p.After, section{fmt.Sprintf("section-%d", k+1), sec.Heading, Markdown(sec.Body)})
	}
	s.relatedLinks(i, &p)
	return p
}

// relatedLinks fills the incidents the report lists and the ones most
// like it (earlier and later), each linked to its page.
func (s *site) relatedLinks(i int, p *incidentPage) {
	in := s.incs[i]
	listed := map[int]bool{}
	for _, e := range in.Doc.Related {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case related.IsURL(e):
			p.Listed = append(p.Listed, link{Href: e, Title: e, External: true})
		default:
			files := s.resolver.Resolve(in.File, e)
			if len(files) == 0 {
				p.Missing = append(p.Missing, e)
				continue
			}
			for _, f := range files {
				k := s.indexOf(f)
				if k < 0 || listed[k] {
					continue
				}
				listed[k] = true
				p.Listed = append(p.Listed, s.linkTo(k))
			}
		}
	}
	q := s.cat.Incidents[i]
	for _, m := range s.cat.Similar(q, related.Options{Limit: s.opt.Similar + len(listed), Later: true, MinScore: s.opt.MinScore}) {
		if listed[m.Index] || len(p.Similar) == s.opt.Similar {
			continue
		}
		sv := similarView{link: s.linkTo(m.Index), Score: fmt.Sprintf("%.2f", m.Score)}
		for _, r := range m.Reasons() {
			if r.What == "words" {
				sv.Evidence = append(sv.Evidence, "similar words: "+r.Detail)
			} else {
				sv.Evidence = append(sv.Evidence, "same "+r.What+": "+r.Detail)
			}
		}
		p.Similar = append(p.Similar, sv)
	}
}

func (s *site) indexOf(file string) int {
	if k, ok := s.byFile[file]; ok {
		return k
	}
	return -1
}

// linkTo is a link from an incident page to another incident's page.
func (s *site) linkTo(k int) link {
	r := s.rows[k]
	return link{Href: "../" + r.Href, Title: r.Title, Date: r.Date}
}
