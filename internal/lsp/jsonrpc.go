package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The base protocol: JSON-RPC 2.0 messages, each preceded by a header
// block ("Content-Length: N\r\n\r\n"). No Go library that is served here
// and maintained speaks LSP 3.17 (inlay hints): tliron/glsp stops at
// 3.16 and gopls keeps its protocol package internal. The layer is small
// enough to own: framing, one message type, the error codes.

// maxMessage bounds one message's body. A postmortem is at most
// document.MaxSize (4 MiB); JSON escaping can double that, and a client
// sends the whole text on open. A larger body is skipped, not read.
const maxMessage = 16 << 20

// JSON-RPC and LSP error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
)

// rpcError is a JSON-RPC error object; it is also the Go error handlers
// return to choose the code.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return e.Message }

func errorf(code int, format string, args ...any) *rpcError {
	return &rpcError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// message is any JSON-RPC message: a request (ID and Method), a
// notification (Method only) or a response (ID and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// null is the JSON null: the id of a response to a message whose id
// could not be read, and the result of a request that returns nothing.
var null = json.RawMessage("null")

func (m *message) isRequest() bool      { return m.Method != "" && len(m.ID) > 0 }
func (m *message) isNotification() bool { return m.Method != "" && len(m.ID) == 0 }

// errFraming is a header block that cannot be read; the stream may
// still recover at the next header.
type errFraming struct{ msg string }

func (e errFraming) Error() string { return e.msg }

// errTooLarge is a message over maxMessage; its body was skipped.
type errTooLarge struct{ size int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("message of %d bytes is over the %d-byte limit (a postmortem is at most 4 MiB)", e.size, maxMessage)
}

// readMessage reads one header block and its body. io.EOF means the
// client closed the stream between messages.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := int64(-1)
	sawHeader := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && !sawHeader && line == "" {
				return nil, io.EOF
			}
			return nil, io.ErrUnexpectedEOF
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !sawHeader {
				continue // stray blank lines between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, errFraming{fmt.Sprintf("header line %q: expected Name: value", line)}
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				return nil, errFraming{fmt.Sprintf("Content-Length %q: expected a byte count", strings.TrimSpace(value))}
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errFraming{"header block without Content-Length"}
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, r, length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, errTooLarge{length}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// parseMessage checks a body against JSON-RPC 2.0. The error is the
// response to send (with the id when it could be read).
func parseMessage(body []byte) (*message, *rpcError) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if !json.Valid(trimmed) {
			return nil, &rpcError{codeParseError, "parse error: the message is not JSON"}
		}
		return nil, &rpcError{codeInvalidRequest, "invalid request: batches are not part of the Language Server Protocol"}
	}
	var m message
	if err := json.Unmarshal(trimmed, &m); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || !json.Valid(trimmed) {
			return nil, &rpcError{codeParseError, "parse error: the message is not JSON: " + err.Error()}
		}
		return &message{ID: idOf(trimmed)}, &rpcError{codeInvalidRequest, "invalid request: " + err.Error()}
	}
	if m.JSONRPC != "2.0" {
		return &m, &rpcError{codeInvalidRequest, `invalid request: "jsonrpc" must be "2.0"`}
	}
	if len(m.ID) > 0 && !validID(m.ID) {
		m.ID = nil
		return &m, &rpcError{codeInvalidRequest, "invalid request: id must be a number or a string"}
	}
	if m.Method == "" && m.Result == nil && m.Error == nil {
		return &m, &rpcError{codeInvalidRequest, "invalid request: no method"}
	}
	return &m, nil
}

// idOf digs the id out of an object whose other fields did not decode.
func idOf(body []byte) json.RawMessage {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &probe) == nil && validID(probe.ID) {
		return probe.ID
	}
	return nil
}

func validID(id json.RawMessage) bool {
	if len(id) == 0 {
		return false
	}
	switch id[0] {
	case '"':
		var s string
		return json.Unmarshal(id, &s) == nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		return json.Unmarshal(id, &n) == nil
	}
	return false
}

// writer sends messages; handlers and the diagnostics worker share it.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error // the first write error; later writes are dropped
}

func (w *writer) send(m *message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		w.err = err
		return err
	}
	if _, err := w.w.Write(body); err != nil {
		w.err = err
	}
	return w.err
}

// reply answers a request: result, or the error when err is not nil.
func (w *writer) reply(id json.RawMessage, result any, err error) error {
	if len(id) == 0 {
		id = null
	}
	m := &message{ID: id}
	if err != nil {
		var re *rpcError
		if !errors.As(err, &re) {
			re = &rpcError{codeRequestFailed, err.Error()}
		}
		m.Error = re
		return w.send(m)
	}
	raw, merr := json.Marshal(result)
	if merr != nil {
		m.Error = &rpcError{codeInternalError, "cannot encode the result: " + merr.Error()}
		return w.send(m)
	}
	m.Result = raw
	return w.send(m)
}

// notify sends a notification.
func (w *writer) notify(method string, params any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return w.send(&message{Method: method, Params: raw})
}
