package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// The examples of the JSON-RPC 2.0 specification (section 7), as they
// apply to a server without batches: what each message is, or the error
// it gets.
func TestJSONRPCSpecificationExamples(t *testing.T) {
	tests := []struct {
		name, body string
		code       int    // 0: valid
		kind       string // request or notification when valid
		id         string // the id the error response carries
	}{
		{"positional params", `{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}`, 0, "request", ""},
		{"named params", `{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}`, 0, "request", ""},
		{"notification", `{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}`, 0, "notification", ""},
		{"notification without params", `{"jsonrpc": "2.0", "method": "foobar"}`, 0, "notification", ""},
		{"string id", `{"jsonrpc": "2.0", "method": "foobar", "id": "1"}`, 0, "request", ""},
		{"invalid JSON", `{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]`, codeParseError, "", "null"},
		{"invalid request object", `{"jsonrpc": "2.0", "method": 1, "params": "bar"}`, codeInvalidRequest, "", "null"},
		{"invalid request with id", `{"jsonrpc": "2.0", "method": 1, "params": "bar", "id": 7}`, codeInvalidRequest, "", "7"},
		{"batch, invalid JSON", `[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method"]`, codeParseError, "", "null"},
		{"empty array", `[]`, codeInvalidRequest, "", "null"},
		{"batch", `[1,2,3]`, codeInvalidRequest, "", "null"},
		{"not 2.0", `{"jsonrpc": "1.0", "method": "x", "id": 2}`, codeInvalidRequest, "", "2"},
		{"object id", `{"jsonrpc": "2.0", "method": "x", "id": {"a": 1}}`, codeInvalidRequest, "", "null"},
		{"no method", `{"jsonrpc": "2.0", "id": 5}`, codeInvalidRequest, "", "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := parseMessage([]byte(tt.body))
			if tt.code == 0 {
				if err != nil {
					t.Fatalf("error %d %s", err.Code, err.Message)
				}
				if (tt.kind == "request") != m.isRequest() || (tt.kind == "notification") != m.isNotification() {
					t.Errorf("read as request=%v notification=%v, want %s", m.isRequest(), m.isNotification(), tt.kind)
				}
				return
			}
			if err == nil || err.Code != tt.code {
				t.Fatalf("error %+v, want code %d", err, tt.code)
			}
			id := "null"
			if m != nil && len(m.ID) > 0 {
				id = string(m.ID)
			}
			if id != tt.id {
				t.Errorf("error response id %s, want %s", id, tt.id)
			}
		})
	}
}

// The base protocol's framing: the specification's example header block
// (with the optional Content-Type), header names in any case, and the
// output the server writes.
func TestFraming(t *testing.T) {
	body := `{"jsonrpc":"2.0","id":1,"method":"textDocument/completion","params":{}}`
	in := fmt.Sprintf("Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%scontent-length: 2\r\n\r\n{}", len(body), body)
	r := bufio.NewReader(strings.NewReader(in))
	got, err := readMessage(r)
	if err != nil || string(got) != body {
		t.Fatalf("first message %q, %v", got, err)
	}
	if got, err := readMessage(r); err != nil || string(got) != "{}" {
		t.Fatalf("second message %q, %v", got, err)
	}
	if _, err := readMessage(r); err != io.EOF {
		t.Fatalf("after the last message: %v, want EOF", err)
	}
	for _, bad := range []string{"Content-Type: x\r\n\r\n{}", "Content-Length: ten\r\n\r\n{}", "nonsense\r\n\r\n"} {
		if _, err := readMessage(bufio.NewReader(strings.NewReader(bad))); !errors.As(err, new(errFraming)) {
			t.Errorf("%q: %v, want a framing error", bad, err)
		}
	}
	if _, err := readMessage(bufio.NewReader(strings.NewReader("Content-Length: 10\r\n\r\n{}"))); err != io.ErrUnexpectedEOF {
		t.Errorf("a cut body: %v", err)
	}

	var out bytes.Buffer
	w := &writer{w: &out}
	if err := w.reply(json.RawMessage("1"), nil, nil); err != nil {
		t.Fatal(err)
	}
	if want := "Content-Length: 38\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"result":null}`; out.String() != want {
		t.Errorf("reply written as %q, want %q", out.String(), want)
	}
}

// TestRobustness: whatever the client sends, the server answers with an
// error and goes on; it never stops early or crashes.
func TestRobustness(t *testing.T) {
	c := startServer(t, Options{})
	expectError := func(what string, code int, id string) {
		t.Helper()
		m := c.next()
		if m.Error == nil || m.Error.Code != code || string(m.ID) != id {
			t.Errorf("%s: got %+v (error %+v), want code %d id %s", what, m, m.Error, code, id)
		}
	}
	if err := c.call("textDocument/hover", map[string]any{}, nil); err == nil || err.Code != codeServerNotInitialized {
		t.Errorf("a request before initialize: %+v", err)
	}
	c.initialize()
	c.raw("Content-Length: 9\r\n\r\n{not json")
	expectError("malformed JSON", codeParseError, "null")
	c.raw("Content-Length: 29\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"x\"}   ")
	expectError("no method", codeInvalidRequest, `"x"`)
	c.raw("Content-Length: 3\r\nContent-Length: nope\r\n\r\n")
	expectError("bad header", codeParseError, "null")
	huge := fmt.Sprintf("Content-Length: %d\r\n\r\n%s", maxMessage+1, strings.Repeat(" ", maxMessage+1))
	go c.raw(huge) // the pipe blocks until the server has skipped it
	expectError("oversized message", codeInvalidRequest, "null")

	if err := c.call("no/such/method", map[string]any{}, nil); err == nil || err.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", err)
	}
	unknown := map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.md"}, "position": Position{}}
	if err := c.call("textDocument/hover", unknown, nil); err == nil || err.Code != codeRequestFailed || !strings.Contains(err.Message, "not open") {
		t.Errorf("unknown document: %+v", err)
	}
	if err := c.call("textDocument/hover", "not an object", nil); err == nil || err.Code != codeInvalidParams {
		t.Errorf("params of the wrong shape: %+v", err)
	}

	// A document over the size limit: one diagnostic saying so, and
	// requests on it get an error.
	big := strings.Repeat("All times are UTC.\n", maxDocument/19+1)
	uri := c.open("/tmp/big.md", big)
	if d := c.diagnostics(uri, 1); len(d.Diagnostics) != 1 || !strings.Contains(d.Diagnostics[0].Message, "the limit is 4194304") {
		t.Errorf("oversized document: %+v", d.Diagnostics)
	}
	if err := c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": Range{}}, nil); err == nil || err.Code != codeRequestFailed {
		t.Errorf("a request on an oversized document: %+v", err)
	}

	// A handler that panics answers with an internal error; the next
	// request is served.
	requests["test/panic"] = func(*server, json.RawMessage) (any, error) { panic("boom") }
	defer delete(requests, "test/panic")
	if err := c.call("test/panic", nil, nil); err == nil || err.Code != codeInternalError || !strings.Contains(err.Message, "boom") {
		t.Errorf("panicking handler: %+v", err)
	}
	var res any
	c.mustCall("shutdown", nil, &res)
	if err := c.call("textDocument/hover", unknown, nil); err == nil || err.Code != codeInvalidRequest {
		t.Errorf("a request after shutdown: %+v", err)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		if err != nil {
			t.Errorf("exit after shutdown: %v", err)
		}
		c.served <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestExitWithoutShutdown: exit after initialize, or before it, without
// shutdown ends the server with the error that makes exit code 1.
func TestExitWithoutShutdown(t *testing.T) {
	for _, initialize := range []bool{true, false} {
		c := startServer(t, Options{})
		if initialize {
			c.initialize()
		}
		c.notify("exit", nil)
		err := <-c.served
		if !errors.Is(err, ErrExitWithoutShutdown) {
			t.Errorf("exit without shutdown (initialized %v): %v", initialize, err)
		}
		c.served <- err
	}
}

// TestEndOfInput: a client that closes the stream ends the server
// cleanly, even mid-message.
func TestEndOfInput(t *testing.T) {
	for _, tail := range []string{"", "Content-Length: 50\r\n\r\n{\"jsonrpc\""} {
		var out bytes.Buffer
		done := make(chan error, 1)
		go func() { done <- Serve(strings.NewReader(tail), &out, Options{}) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%q: %v", tail, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: the server did not stop at the end of its input", tail)
		}
	}
}

// FuzzReadMessage: no input makes the framing or the message parser
// panic, and a message read is never longer than its header said.
func FuzzReadMessage(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 44\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}"))
	f.Add([]byte("content-length:5\n\n[1,2]"))
	f.Add([]byte("\r\n\r\nContent-Length: -1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for range 8 {
			body, err := readMessage(r)
			if err != nil {
				if err == io.EOF || err == io.ErrUnexpectedEOF {
					return
				}
				continue
			}
			if len(body) > len(data) {
				t.Fatalf("body of %d bytes from %d bytes of input", len(body), len(data))
			}
			parseMessage(body)
		}
	})
}
