package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// client drives a server in-process through the real framing, as an
// editor would: requests wait for their response, notifications from
// the server queue up for the test to read.
type client struct {
	t      testing.TB
	toSrv  *io.PipeWriter
	mu     sync.Mutex
	nextID int
	waits  map[string]chan *message
	notes  chan *message
	served chan error
	// requests the server sent to the client (client/registerCapability)
	serverRequests chan *message
}

func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, toSrv: inW, waits: map[string]chan *message{}, notes: make(chan *message, 4096),
		served: make(chan error, 1), serverRequests: make(chan *message, 16)}
	if opts.RulesURL == "" {
		opts.RulesURL = "https://example.test/docs/rules.md"
	}
	go func() {
		err := Serve(inR, outW, opts)
		outW.Close()
		c.served <- err
	}()
	go c.read(bufio.NewReader(outR))
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-c.served:
		case <-time.After(10 * time.Second):
			t.Errorf("server did not stop after its input closed")
		}
	})
	return c
}

func (c *client) read(r *bufio.Reader) {
	for {
		body, err := readMessage(r)
		if err != nil {
			close(c.notes)
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON: %s", body)
			continue
		}
		switch {
		case m.Method != "" && len(m.ID) > 0:
			c.serverRequests <- &m
		case m.Method != "":
			c.notes <- &m
		default:
			c.mu.Lock()
			ch := c.waits[string(m.ID)]
			delete(c.waits, string(m.ID))
			c.mu.Unlock()
			if ch == nil {
				c.notes <- &m // a response to a raw message the test sent
				continue
			}
			ch <- &m
		}
	}
}

// raw writes bytes to the server as they are.
func (c *client) raw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.toSrv, s); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *client) send(m *message) {
	c.t.Helper()
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// call sends a request and decodes its result into result; it returns
// the error response, if any.
func (c *client) call(method string, params, result any) *rpcError {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := json.RawMessage(strconv.Itoa(c.nextID))
	ch := make(chan *message, 1)
	c.waits[string(id)] = ch
	c.mu.Unlock()
	c.send(&message{ID: id, Method: method, Params: mustJSON(params)})
	select {
	case m := <-ch:
		if m.Error != nil {
			return m.Error
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
			}
		}
		return nil
	case <-time.After(10 * time.Second):
		c.t.Fatalf("%s: no response", method)
		return nil
	}
}

func (c *client) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: error %d: %s", method, err.Code, err.Message)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(&message{Method: method, Params: mustJSON(params)})
}

// next returns the next notification (or unrouted response).
func (c *client) next() *message {
	c.t.Helper()
	select {
	case m, ok := <-c.notes:
		if !ok {
			c.t.Fatalf("server closed its output")
		}
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no message from the server")
		return nil
	}
}

// diagnostics waits for the diagnostics of uri at a version (any
// version when version < 0), skipping other notifications.
func (c *client) diagnostics(uri string, version int) publishDiagnosticsParams {
	c.t.Helper()
	for {
		m := c.next()
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p publishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri && (version < 0 || p.Version != nil && *p.Version == version) {
			return p
		}
	}
}

func (c *client) initialize() {
	c.t.Helper()
	var res initializeResult
	c.mustCall("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &res)
	c.notify("initialized", map[string]any{})
}

// open sends didOpen for a file's text under a URI in dir.
func (c *client) open(path, text string) string {
	c.t.Helper()
	uri := fileURI(path)
	lang := "markdown"
	if filepath.Ext(path) != ".md" {
		lang = "yaml"
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": lang, "version": 1, "text": text}})
	return uri
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// workspace copies a fixture into a fresh folder (so that no
// .postmortem.yaml above it applies) and returns the copy's path.
func workspace(t testing.TB, name string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	text := readFixture(t, name)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, text
}

// openFixture starts an initialized server and opens a copy of a
// fixture in it.
func openFixture(t testing.TB, name string) (c *client, uri, path, text string) {
	t.Helper()
	path, text = workspace(t, name)
	c = startServer(t, Options{})
	c.initialize()
	return c, c.open(path, text), path, text
}

func positionIn(uri string, p Position) textDocumentPositionParams {
	return textDocumentPositionParams{documentParams{textDocumentIdentifier{uri}}, p}
}
