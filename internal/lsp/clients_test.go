package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// What clients other than the two the server was written against send:
// Helix, VS Code, Zed, Emacs (eglot, lsp-mode), Sublime LSP, Kakoune's
// kak-lsp. Each test is one part of LSP 3.17 those clients differ on.

// initializeWith initializes with the given client capabilities and
// returns the server's answer.
func (c *client) initializeWith(params map[string]any) initializeResult {
	c.t.Helper()
	if params["capabilities"] == nil {
		params["capabilities"] = map[string]any{}
	}
	var res initializeResult
	c.mustCall("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// unitsIn counts s in a position encoding the way a client would: bytes,
// code points or UTF-16 code units.
func unitsIn(enc, s string) int {
	switch enc {
	case "utf-8":
		return len(s)
	case "utf-32":
		return utf8.RuneCountInString(s)
	}
	return units16(s)
}

// TestPositionEncodingNegotiation: the server takes the first encoding
// the client offers that it knows, and UTF-16 when the client offers
// none; positions in diagnostics and edits then count that encoding's
// units (the summary line has emoji and accented letters before its
// finding).
func TestPositionEncodingNegotiation(t *testing.T) {
	tests := []struct {
		offered any
		want    string
	}{
		{nil, "utf-16"},
		{[]string{}, "utf-16"},
		{[]string{"utf-8", "utf-32", "utf-16"}, "utf-8"}, // Helix
		{[]string{"utf-8", "utf-16", "utf-32"}, "utf-8"}, // Neovim 0.10
		{[]string{"utf-32", "utf-16"}, "utf-32"},
		{[]string{"utf-16", "utf-8"}, "utf-16"}, // the client's preference wins
		{[]string{"utf-7", "ebcdic"}, "utf-16"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.offered), func(t *testing.T) {
			path, text := workspace(t, "incident.md")
			c := startServer(t, Options{})
			caps := map[string]any{}
			if tt.offered != nil {
				caps["general"] = map[string]any{"positionEncodings": tt.offered}
			}
			if res := c.initializeWith(map[string]any{"processId": nil, "capabilities": caps}); res.Capabilities.PositionEncoding != tt.want {
				t.Fatalf("positionEncoding %q, want %q", res.Capabilities.PositionEncoding, tt.want)
			}
			uri := c.open(path, text)
			got := c.diagnostics(uri, 1).Diagnostics
			lines := strings.Split(text, "\n")
			for i, f := range lintFile(t, path, text) {
				prefix := string([]rune(lines[f.Line-1])[:f.Column-1])
				if got[i].Range.Start.Character != unitsIn(tt.want, prefix) {
					t.Errorf("%s at character %d, want %d", f.Rule, got[i].Range.Start.Character, unitsIn(tt.want, prefix))
				}
			}
			// An edit between two emoji, in the same units.
			md := c.open(filepath.Join(filepath.Dir(path), "e.md"), "# 🍕🍕 end\n")
			at := Position{0, unitsIn(tt.want, "# 🍕")}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": md, "version": 2},
				"contentChanges": []map[string]any{{"range": Range{at, at}, "text": "é"}}})
			var syms []DocumentSymbol
			c.mustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": md}}, &syms)
			if len(syms) != 1 || syms[0].Name != "🍕é🍕 end" || syms[0].SelectionRange.End.Character != unitsIn(tt.want, "# 🍕é🍕 end") {
				t.Errorf("after an edit at %+v: %+v", at, syms)
			}
		})
	}
}

// TestEncodingArithmetic: in every encoding, every character boundary
// survives offset → position → offset, and a character offset inside a
// character moves past it.
func TestEncodingArithmetic(t *testing.T) {
	s := "a é 日 🍕x\r\nb"
	for _, enc := range []encoding{encUTF16, encUTF8, encUTF32} {
		tx := newTextIn(s, enc)
		for off := range tx.line(0) {
			if p := tx.position(off); tx.offset(p) != off || p != (Position{0, unitsIn(enc.String(), s[:off])}) {
				t.Errorf("%s: offset %d → %+v → %d", enc, off, p, tx.offset(p))
			}
		}
		pizza := strings.Index(s, "🍕")
		if got := tx.offset(Position{0, unitsIn(enc.String(), s[:pizza]) + 1}); enc != encUTF32 && got != pizza+len("🍕") {
			t.Errorf("%s: inside the emoji → byte %d, want %d", enc, got, pizza+len("🍕"))
		}
	}
}

// TestPullDiagnostics: a client that pulls diagnostics (VS Code, Helix,
// Neovim 0.10) is offered the pull model and gets no pushed ones for
// its documents, which it would show twice; an unchanged document
// answers "unchanged"; a configuration reload asks it to pull again.
func TestPullDiagnostics(t *testing.T) {
	path, text := workspace(t, "incident.md")
	c := startServer(t, Options{Debounce: time.Millisecond})
	res := c.initializeWith(map[string]any{"capabilities": map[string]any{
		"textDocument": map[string]any{"diagnostic": map[string]any{"dynamicRegistration": false}},
		"workspace":    map[string]any{"diagnostics": map[string]any{"refreshSupport": true}},
	}})
	if dp := res.Capabilities.DiagnosticProvider; dp == nil || dp.Identifier != "postmortem" || dp.WorkspaceDiagnostics {
		t.Fatalf("diagnosticProvider %+v", dp)
	}
	uri := c.open(path, text)
	pull := func(previous string) (report map[string]json.RawMessage, items []Diagnostic) {
		t.Helper()
		c.mustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}, "previousResultId": previous}, &report)
		if report["items"] != nil {
			if err := json.Unmarshal(report["items"], &items); err != nil {
				t.Fatal(err)
			}
		}
		return report, items
	}
	first, items := pull("")
	if string(first["kind"]) != `"full"` || len(items) != len(lintFile(t, path, text)) || len(items) != 6 {
		t.Fatalf("first pull: %s with %d items", first["kind"], len(items))
	}
	var id string
	json.Unmarshal(first["resultId"], &id)
	if again, _ := pull(id); string(again["kind"]) != `"unchanged"` || string(again["resultId"]) != string(first["resultId"]) || again["items"] != nil {
		t.Errorf("a pull of the same text: %v", again)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": text + "\n## Notes\n"}}})
	if after, _ := pull(id); string(after["kind"]) != `"full"` || string(after["resultId"]) == string(first["resultId"]) {
		t.Errorf("a pull after an edit: %v", after)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(filepath.Join(filepath.Dir(path), ".postmortem.yaml")), "type": 1}}})
	select {
	case m := <-c.serverRequests:
		if m.Method != "workspace/diagnostic/refresh" {
			t.Errorf("after a configuration change the server asked %s", m.Method)
		}
		c.send(&message{ID: m.ID, Result: null})
	case <-time.After(10 * time.Second):
		t.Fatal("no workspace/diagnostic/refresh after a configuration change")
	}
	// Nothing was pushed for the document.
	time.Sleep(50 * time.Millisecond) // many times the 1 ms debounce
	c.mustCall("shutdown", nil, nil)
	c.notify("exit", nil)
	for m := range c.notes {
		if m.Method == "textDocument/publishDiagnostics" && strings.Contains(string(m.Params), uri) {
			t.Errorf("diagnostics pushed to a client that pulls them: %s", m.Params)
		}
	}
}

// TestPushWithoutPullSupport: a client that does not declare pull
// support (Neovim 0.7, eglot, kak-lsp) is not offered it and gets
// pushed diagnostics; one that pulls without refresh support is not
// sent a refresh.
func TestPushWithoutPullSupport(t *testing.T) {
	path, text := workspace(t, "incident.md")
	c := startServer(t, Options{})
	if res := c.initializeWith(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": nil}}}); res.Capabilities.DiagnosticProvider != nil {
		t.Errorf("diagnosticProvider offered to a client without pull support")
	}
	uri := c.open(path, text)
	if d := c.diagnostics(uri, 1); len(d.Diagnostics) != 6 {
		t.Errorf("pushed %d diagnostics, want 6", len(d.Diagnostics))
	}

	c2 := startServer(t, Options{})
	c2.initializeWith(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	c2.open(path, text)
	c2.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
	c2.mustCall("shutdown", nil, nil)
	select {
	case m := <-c2.serverRequests:
		t.Errorf("a client without refresh support was sent %s", m.Method)
	default:
	}
}

// TestInitializeParamsOfEveryShape: what clients put in initialize
// besides capabilities (initializationOptions of any shape, a null
// rootUri, several workspace folders, trace, locale) is accepted.
func TestInitializeParamsOfEveryShape(t *testing.T) {
	for _, opts := range []any{nil, "string", 42, []any{1}, map[string]any{"postmortem": map[string]any{"x": true}}} {
		c := startServer(t, Options{})
		res := c.initializeWith(map[string]any{"processId": 1, "rootUri": nil, "rootPath": nil, "initializationOptions": opts,
			"trace": "verbose", "locale": "fr", "clientInfo": map[string]any{"name": "Sublime Text LSP"},
			"workspaceFolders": []map[string]any{{"uri": "file:///a", "name": "a"}, {"uri": "file:///b", "name": "b"}}})
		if res.ServerInfo.Name != "postmortem" || res.Capabilities.PositionEncoding != "utf-16" {
			t.Errorf("initializationOptions %v: %+v", opts, res)
		}
	}
	c := startServer(t, Options{})
	if err := c.call("initialize", nil, nil); err == nil || err.Code != codeInvalidParams {
		t.Errorf("initialize with null params: %+v", err)
	}
}

// TestWorkspaceFolders: folders do not change what a file is checked
// with: as for `postmortem lint`, the nearest .postmortem.yaml above the
// file applies, in any root or outside all of them; folders added or
// removed later change nothing, and didChangeConfiguration reads the
// configurations again.
func TestWorkspaceFolders(t *testing.T) {
	text := readFixture(t, "incident.md")
	base := t.TempDir()
	write := func(rel, s string) string {
		p := filepath.Join(base, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a/.postmortem.yaml", "rules:\n  template-leftover: off\n")
	a, b, outside := write("a/r.md", text), write("b/r.md", text), write("elsewhere/r.md", text)
	c := startServer(t, Options{})
	c.initializeWith(map[string]any{"workspaceFolders": []map[string]any{
		{"uri": fileURI(filepath.Join(base, "a")), "name": "a"}, {"uri": fileURI(filepath.Join(base, "b")), "name": "b"}}})
	count := func(uri string, version int) int { return len(c.diagnostics(uri, version).Diagnostics) }
	ua, ub, uo := c.open(a, text), c.open(b, text), c.open(outside, text)
	want := func(p string) int { return len(lintFile(t, p, text)) }
	if na, nb, no := count(ua, 1), count(ub, 1), count(uo, 1); na != want(a) || na >= nb || nb != want(b) || no != want(outside) {
		t.Errorf("diagnostics: root a (template-leftover off) %d, root b %d, outside %d; want %d, %d, %d", na, nb, no, want(a), want(b), want(outside))
	}
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added": []map[string]any{{"uri": fileURI(filepath.Join(base, "elsewhere")), "name": "e"}}, "removed": []map[string]any{}}})
	write("elsewhere/.postmortem.yaml", "rules:\n  template-leftover: off\n")
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{}})
	if no := count(uo, 1); no != want(outside) || no == want(b) {
		t.Errorf("after didChangeConfiguration, outside: %d diagnostics, want %d (its new configuration read)", no, want(outside))
	}
}

// TestRequestIDsAndCancellation: a response carries the request's id as
// sent (a string stays a string); a $/cancelRequest for a request
// already answered (requests are answered in order, in milliseconds)
// gets no response and changes nothing; $/ requests the server does not
// know are MethodNotFound, $/ and unknown notifications are ignored;
// null params are invalid where params are needed.
func TestRequestIDsAndCancellation(t *testing.T) {
	c, uri, _, _ := openFixture(t, "incident.md")
	hover := fmt.Sprintf(`{"textDocument":{"uri":%q},"position":{"line":0,"character":0}}`, uri)
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	c.raw(frame(`{"jsonrpc":"2.0","id":"req-1","method":"textDocument/hover","params":`+hover+`}`) +
		frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"req-1"}}`) +
		frame(`{"jsonrpc":"2.0","id":9007199254740993,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"`+uri+`"}}}`) +
		frame(`{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"verbose"}}`) +
		frame(`{"jsonrpc":"2.0","method":"custom/notification","params":null}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"$/customRequest","params":{}}`) +
		frame(`{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":null}`) +
		frame(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover"}`) +
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}`) +
		frame(`{"jsonrpc":"2.0","id":6,"method":"shutdown","params":null}`))
	want := []struct {
		id   string
		code int
	}{{`"req-1"`, 0}, {"9007199254740993", 0}, {"3", codeMethodNotFound}, {"4", codeInvalidParams}, {"5", codeInvalidParams}, {"6", 0}}
	for _, w := range want {
		m := c.next()
		for m.Method != "" { // diagnostics; the null didOpen's log message
			m = c.next()
		}
		code := 0
		if m.Error != nil {
			code = m.Error.Code
		}
		if string(m.ID) != w.id || code != w.code {
			t.Errorf("response id %s code %d (%v), want id %s code %d", m.ID, code, m.Error, w.id, w.code)
		}
	}
}

// TestLifecycle: before initialize, requests get ServerNotInitialized
// and notifications are dropped; initialize comes once (exit before it:
// TestExitWithoutShutdown).
func TestLifecycle(t *testing.T) {
	path, text := workspace(t, "incident.md")
	c := startServer(t, Options{})
	uri := c.open(path, text) // dropped
	if err := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, nil); err == nil || err.Code != codeServerNotInitialized {
		t.Errorf("a request before initialize: %+v", err)
	}
	c.initialize()
	if err := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, nil); err == nil || !strings.Contains(err.Message, "not open") {
		t.Errorf("a didOpen before initialize was not dropped: %+v", err)
	}
	if err := c.call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); err == nil || err.Code != codeInvalidRequest {
		t.Errorf("a second initialize: %+v", err)
	}
}

// TestLanguages: a document in a language the server does not check
// gets no diagnostics and empty answers; a file without a known
// extension (a README, an unsaved buffer) is checked in the format its
// languageId names, whatever the client calls it.
func TestLanguages(t *testing.T) {
	dir := t.TempDir()
	text := readFixture(t, "incident.md")
	c := startServer(t, Options{})
	c.initialize()
	open := func(uri, lang, body string) int {
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": lang, "version": 1, "text": body}})
		return len(c.diagnostics(uri, 1).Diagnostics)
	}
	for _, tt := range []struct {
		uri, lang string
		want      int
	}{
		{fileURI(filepath.Join(dir, "main.go")), "go", 0},
		{fileURI(filepath.Join(dir, "notes.txt")), "plaintext", 0},
		{"untitled:Untitled-1", "plaintext", 0},
		{fileURI(filepath.Join(dir, "README")), "markdown", 6},
		{fileURI(filepath.Join(dir, "INCIDENT")), "gfm", 6}, // eglot's gfm-mode
		{"untitled:Untitled-2", "markdown", 6},
		{fileURI(filepath.Join(dir, "r.md")), "plaintext", 6}, // the extension decides
	} {
		if got := open(tt.uri, tt.lang, text); got != tt.want {
			t.Errorf("%s (%s): %d diagnostics, want %d", tt.uri, tt.lang, got, tt.want)
		}
	}
	goURI := fileURI(filepath.Join(dir, "main.go"))
	var syms []DocumentSymbol
	c.mustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": goURI}}, &syms)
	var hints []InlayHint
	c.mustCall("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": goURI}, "range": Range{End: Position{99, 0}}}, &hints)
	if len(syms) != 0 || len(hints) != 0 {
		t.Errorf("a Go file: symbols %v, hints %v", syms, hints)
	}
	if n := open(fileURI(filepath.Join(dir, "ci.yaml")), "yaml", "on: push\njobs: {}\n"); n != 0 {
		t.Errorf("a CI workflow: %d diagnostics", n)
	}
}

// TestDidSave: a save with the text (clients that send it although the
// server does not ask) checks that text; one without checks the text
// the server has.
func TestDidSave(t *testing.T) {
	c, uri, _, _ := openFixture(t, "incident.md")
	if n := len(c.diagnostics(uri, 1).Diagnostics); n != 6 {
		t.Fatalf("%d diagnostics on open", n)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if n := len(c.diagnostics(uri, 1).Diagnostics); n != 6 {
		t.Errorf("save without text: %d diagnostics, want 6", n)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}, "text": "# Incident\n\nAll times are UTC.\n"})
	if d := c.diagnostics(uri, 1).Diagnostics; len(d) == 6 || strings.Contains(fmt.Sprint(d), "duration-mismatch") {
		t.Errorf("save with text: the saved text was not checked: %+v", d)
	}
}

// TestFramingAsClientsWriteIt: the header block with Content-Type,
// headers ended by a bare \n, a message written a few bytes at a time,
// several in one write, and a message of several megabytes.
func TestFramingAsClientsWriteIt(t *testing.T) {
	path, text := workspace(t, "incident.md")
	c := startServer(t, Options{})
	c.initialize()
	uri := fileURI(path)
	open, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen",
		"params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
	msg := fmt.Sprintf("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(open), open)
	for i := 0; i < len(msg); i += 7 {
		c.raw(msg[i:min(i+7, len(msg))])
	}
	if n := len(c.diagnostics(uri, 1).Diagnostics); n != 6 {
		t.Errorf("a message in 7-byte pieces: %d diagnostics", n)
	}
	sym := fmt.Sprintf(`{"jsonrpc":"2.0","id":%%d,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":%q}}}`, uri)
	one, two := fmt.Sprintf(sym, 101), fmt.Sprintf(sym, 102)
	c.raw(fmt.Sprintf("Content-Length: %d\n\n%sContent-Length: %d\r\n\r\n%s", len(one), one, len(two), two))
	for _, id := range []string{"101", "102"} {
		if m := c.next(); string(m.ID) != id || m.Error != nil {
			t.Errorf("merged frames: got id %s error %v, want %s", m.ID, m.Error, id)
		}
	}
	// A report of 3 MB with a non-ASCII line, in one message.
	big := text + strings.Repeat("Plus de détails sur le café ☕.\n", 3<<20/34)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []map[string]any{{"text": big}}})
	if n := len(c.diagnostics(uri, 2).Diagnostics); n < 6 {
		t.Errorf("a 3 MB report: %d diagnostics", n)
	}
}
