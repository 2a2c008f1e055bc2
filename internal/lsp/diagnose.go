package lsp

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// schedule asks the worker to lint a document and publish its
// diagnostics. A document already waiting is not queued twice: the
// worker lints whatever text it has when its turn comes. A client that
// pulls diagnostics asks for them itself.
func (s *server) schedule(uri string) {
	s.mu.Lock()
	if s.pull {
		s.mu.Unlock()
		return
	}
	if !s.pending[uri] {
		s.pending[uri] = true
		s.order = append(s.order, uri)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// worker publishes diagnostics for scheduled documents, one at a time,
// until the server stops.
func (s *server) worker() {
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		for {
			s.mu.Lock()
			if len(s.order) == 0 {
				s.mu.Unlock()
				break
			}
			uri := s.order[0]
			s.order = s.order[1:]
			delete(s.pending, uri)
			d := s.docs[uri]
			s.mu.Unlock()
			if d != nil {
				s.publish(d)
			}
		}
	}
}

// publish lints a document's current text and sends its diagnostics,
// tagged with the version they were computed for.
func (s *server) publish(d *doc) {
	defer func() {
		if p := recover(); p != nil {
			s.logf(messageError, "internal error while checking %s: %v; please report it at https://github.com/postmortem-cli/postmortem/issues", d.uri, p)
			fmt.Fprintf(s.opts.Log, "postmortem lsp: panic while checking %s: %v\n%s", d.uri, p, debug.Stack())
		}
	}()
	snap := s.analyse(d)
	diags := s.diagnostics(snap)
	version := snap.version
	s.w.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: snap.uri, Version: &version, Diagnostics: diags})
}

// pullDiagnostics answers textDocument/diagnostic: the document's
// diagnostics, or "unchanged" when the client's previous result is
// still the current analysis. A configuration's own problem is pushed
// in both models (the configuration is seldom open), so a pull on it
// reports nothing.
func (s *server) pullDiagnostics(params json.RawMessage) (any, error) {
	p, snap, err := decodeDocument[documentDiagnosticParams](s, params)
	if err != nil {
		return nil, err
	}
	id := strconv.Itoa(snap.an.serial)
	if p.PreviousResultID == id {
		return unchangedReport{Kind: reportUnchanged, ResultID: id}, nil
	}
	items := []Diagnostic{}
	if !isConfig(snap.an.path) {
		items = s.diagnostics(snap)
	}
	return fullReport{Kind: reportFull, ResultID: id, Items: items}, nil
}

// diagnostics are the snapshot's problems as the editor shows them.
func (s *server) diagnostics(snap *snapshot) []Diagnostic {
	out := []Diagnostic{}
	if isConfig(snap.an.path) {
		s.mu.Lock()
		p := s.problems[snap.an.path]
		s.mu.Unlock()
		if p != nil {
			out = append(out, configDiagnostic(p))
		}
		return out
	}
	if snap.an.ignored {
		return out
	}
	for _, p := range snap.an.problems {
		out = append(out, s.diagnostic(snap.t, p))
	}
	return out
}

// diagnostic places a problem: from its column to the end of its last
// line, which is what a reader must look at.
func (s *server) diagnostic(t *text, p problem) Diagnostic {
	start := t.at(p.Line, p.Col)
	endLine := max(p.EndLine, p.Line) - 1
	end := t.lineEnd(endLine)
	if end.Line == start.Line && end.Character <= start.Character {
		end.Character = start.Character
	}
	d := Diagnostic{Range: Range{start, end}, Severity: p.Severity, Source: "postmortem", Message: p.Message, Code: p.Rule}
	if p.Rule != "" && s.opts.RulesURL != "" {
		d.CodeDescription = &codeDescription{Href: s.opts.RulesURL + "#" + p.Rule}
	}
	return d
}

// reportConfig publishes a broken configuration's problem as one
// diagnostic on the configuration file, once per distinct problem.
func (s *server) reportConfig(p *configProblem) {
	if p.Path == "" {
		s.logf(messageError, "%s", p.Message)
		return
	}
	s.mu.Lock()
	old := s.problems[p.Path]
	s.problems[p.Path] = p
	s.mu.Unlock()
	if old != nil && *old == *p {
		return
	}
	s.w.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: fileURI(p.Path), Diagnostics: []Diagnostic{configDiagnostic(p)}})
	s.logf(messageWarning, "%s: %s; using the default settings", p.Path, p.Message)
}

// configDiagnostic is a broken configuration's one diagnostic: its whole
// line, or the first line when the error names none.
func configDiagnostic(p *configProblem) Diagnostic {
	line := max(p.Line, 1) - 1
	return Diagnostic{Range: Range{Position{line, 0}, Position{line + 1, 0}}, Severity: severityError, Source: "postmortem",
		Message: p.Message + " (files are checked with the default settings until it is fixed)"}
}

// reloadConfigs forgets every configuration read, says again what is
// wrong with each configuration that was broken or is open (clearing
// the ones now fixed), and checks every open document again.
func (s *server) reloadConfigs() {
	s.mu.Lock()
	s.configs = newConfigs()
	paths := map[string]bool{}
	for path := range s.problems {
		paths[path] = true
	}
	s.problems = map[string]*configProblem{}
	var uris []string
	for uri, d := range s.docs {
		d.an, d.anText = nil, nil
		if isConfig(d.path) {
			paths[d.path] = true
		} else {
			uris = append(uris, uri)
		}
	}
	cfgs := s.configs
	s.mu.Unlock()
	for path := range paths {
		if _, prob := cfgs.settingsFor(filepath.Join(filepath.Dir(path), "file.md")); prob != nil && prob.Path == path {
			s.reportConfig(prob)
		} else {
			s.w.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: fileURI(path), Diagnostics: []Diagnostic{}})
		}
	}
	for _, uri := range uris {
		s.schedule(uri)
	}
	s.mu.Lock()
	refresh := s.pull && s.refresh
	s.mu.Unlock()
	if refresh {
		s.w.send(&message{ID: s.requestID("refresh"), Method: "workspace/diagnostic/refresh"})
	}
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
