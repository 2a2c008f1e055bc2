// Package lsp is `postmortem lsp`: a Language Server Protocol server over
// standard input and output that shows `postmortem lint`'s findings as
// the author types, offers its fixes as code actions, and puts each
// timeline time's UTC instant and the impact so far next to it.
//
// The server reads one message at a time and answers requests in order;
// diagnostics are computed by one worker goroutine, so that typing never
// waits for the linter. Every document version is linted at most once:
// requests and the worker share the analysis of the current text.
package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Options configure a server.
type Options struct {
	// RulesURL is the rule reference; each rule ID is an anchor in it.
	RulesURL string
	// Version is reported in serverInfo.
	Version string
	// Debounce is how long the server waits after the last change
	// before linting; 0 means DefaultDebounce.
	Debounce time.Duration
	// Log receives what the server cannot tell the client (a write
	// error, a panic's stack).
	Log io.Writer
}

// DefaultDebounce gathers a burst of keystrokes into one lint while
// keeping the edit-to-diagnostics time well under 50 ms.
const DefaultDebounce = 20 * time.Millisecond

// ErrExitWithoutShutdown is Serve's result when the client sent exit
// before shutdown; the protocol asks for exit code 1 then.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Serve runs a server on in and out until the client sends exit or
// closes in. It returns nil on a clean end.
func Serve(in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{
		opts:     opts,
		w:        &writer{w: out},
		configs:  newConfigs(),
		docs:     map[string]*doc{},
		pending:  map[string]bool{},
		wake:     make(chan struct{}, 1),
		done:     make(chan struct{}),
		problems: map[string]*configProblem{},
	}
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		s.worker()
	}()
	err := s.loop(bufio.NewReaderSize(in, 64<<10))
	close(s.done)
	<-workerDone
	return err
}

type server struct {
	opts Options
	w    *writer

	mu          sync.Mutex
	configs     *configs
	docs        map[string]*doc
	initialized bool
	shutdown    bool
	watch       bool // the client registers file watchers dynamically
	// enc is the position encoding agreed at initialize.
	enc encoding
	// pull: the client asks for diagnostics (textDocument/diagnostic)
	// and none are pushed for documents; refresh: it can be told to ask
	// again (workspace/diagnostic/refresh).
	pull, refresh bool
	// serial numbers analyses (the pull model's result ids) and the
	// server's own requests.
	serial int
	// problems are the broken configurations with a published diagnostic.
	problems map[string]*configProblem

	// pending documents wait for the worker; wake tells it so.
	pending map[string]bool
	order   []string
	wake    chan struct{}
	done    chan struct{}
}

// doc is one open document.
type doc struct {
	uri, path string
	// onDisk is true for a file: URI; an unsaved buffer has no folder
	// to find a configuration from, and gets the defaults.
	onDisk bool
	// foreign is a document in a language the server does not check.
	foreign bool
	version int
	text    *text
	// an is the analysis of anText; requests and the worker reuse it
	// while the text is unchanged.
	an     *analysis
	anText *text
	// timer debounces diagnostics after a change.
	timer *time.Timer
}

// snapshot is a document's text with its analysis.
type snapshot struct {
	uri     string
	version int
	t       *text
	an      *analysis
}

func (s *server) loop(r *bufio.Reader) error {
	for {
		body, err := readMessage(r)
		switch {
		case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
			return nil // the client closed the stream: nothing left to answer
		case err != nil:
			code := codeParseError
			if _, ok := err.(errTooLarge); ok {
				code = codeInvalidRequest
			}
			s.w.reply(nil, nil, &rpcError{code, err.Error()})
			continue
		}
		m, perr := parseMessage(body)
		if perr != nil {
			var id json.RawMessage
			if m != nil {
				id = m.ID
			}
			s.w.reply(id, nil, perr)
			continue
		}
		if m.Method == "" {
			continue // a response to a request of ours: nothing waits for it
		}
		if m.Method == "exit" {
			s.mu.Lock()
			clean := s.shutdown
			s.mu.Unlock()
			if !clean {
				return ErrExitWithoutShutdown
			}
			return nil
		}
		s.dispatch(m)
	}
}

// dispatch runs one message's handler. A panic answers the request with
// an internal error (or logs it, for a notification) and the server goes
// on: one bad document must not take the editor's checking down.
func (s *server) dispatch(m *message) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(s.opts.Log, "postmortem lsp: panic in %s: %v\n%s", m.Method, p, debug.Stack())
			msg := fmt.Sprintf("internal error in %s: %v; please report it at https://github.com/postmortem-cli/postmortem/issues", m.Method, p)
			if m.isRequest() {
				s.w.reply(m.ID, nil, &rpcError{codeInternalError, msg})
			} else {
				s.logf(messageError, "%s", msg)
			}
		}
	}()
	if m.isNotification() {
		s.notification(m)
		return
	}
	result, err := s.request(m)
	s.w.reply(m.ID, result, err)
}

type requestHandler func(s *server, params json.RawMessage) (any, error)

var requests = map[string]requestHandler{
	"initialize":                  (*server).initialize,
	"shutdown":                    (*server).shutdownRequest,
	"textDocument/codeAction":     (*server).codeActions,
	"textDocument/inlayHint":      (*server).inlayHints,
	"textDocument/hover":          (*server).hover,
	"textDocument/documentSymbol": (*server).documentSymbols,
	"textDocument/completion":     (*server).completion,
	"textDocument/diagnostic":     (*server).pullDiagnostics,
}

type notificationHandler func(s *server, params json.RawMessage) error

var notifications = map[string]notificationHandler{
	"initialized":                         (*server).initializedNotification,
	"textDocument/didOpen":                (*server).didOpen,
	"textDocument/didChange":              (*server).didChange,
	"textDocument/didSave":                (*server).didSave,
	"textDocument/didClose":               (*server).didClose,
	"workspace/didChangeWatchedFiles":     (*server).didChangeWatchedFiles,
	"workspace/didChangeConfiguration":    (*server).didChangeConfiguration,
	"workspace/didChangeWorkspaceFolders": func(*server, json.RawMessage) error { return nil },
}

func (s *server) request(m *message) (any, error) {
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method == "initialize" && initialized:
		return nil, errorf(codeInvalidRequest, "initialize was already sent")
	case m.Method != "initialize" && !initialized:
		return nil, errorf(codeServerNotInitialized, "%s before initialize", m.Method)
	case shutdown:
		return nil, errorf(codeInvalidRequest, "%s after shutdown; only exit is accepted", m.Method)
	}
	h, ok := requests[m.Method]
	if !ok {
		return nil, errorf(codeMethodNotFound, "method %q is not supported by postmortem lsp", m.Method)
	}
	return h(s, m.Params)
}

func (s *server) notification(m *message) {
	s.mu.Lock()
	initialized := s.initialized
	s.mu.Unlock()
	h, ok := notifications[m.Method]
	if !ok || !initialized {
		return // $/cancelRequest, $/setTrace and the like; nothing to do
	}
	if err := h(s, m.Params); err != nil {
		s.logf(messageError, "%s: %v", m.Method, err)
	}
}

// decode reads params, as an invalid-params error when they do not fit.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 || string(params) == "null" {
		return errorf(codeInvalidParams, "missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return errorf(codeInvalidParams, "invalid params: %v", err)
	}
	return nil
}

func (s *server) initialize(params json.RawMessage) (any, error) {
	var p initializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	var caps clientCapabilities
	if len(p.Capabilities) > 0 {
		_ = json.Unmarshal(p.Capabilities, &caps) // unknown shapes: no optional features
	}
	s.mu.Lock()
	s.initialized = true
	s.watch = caps.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.enc = negotiateEncoding(caps.General.PositionEncodings)
	s.pull, s.refresh = caps.TextDocument.Diagnostic != nil, caps.Workspace.Diagnostics.RefreshSupport
	s.mu.Unlock()
	res := initializeResult{ServerInfo: serverInfo{Name: "postmortem", Version: s.opts.Version}}
	c := &res.Capabilities
	c.PositionEncoding = s.enc.String()
	if s.pull {
		c.DiagnosticProvider = &diagnosticOptions{Identifier: "postmortem"}
	}
	c.TextDocumentSync = textDocumentSync{OpenClose: true, Change: syncIncremental, Save: saveOptions{IncludeText: false}}
	c.CodeActionProvider = codeActionOptions{CodeActionKinds: []string{kindQuickFix, kindFixAll}}
	c.InlayHintProvider = true
	c.HoverProvider = true
	c.DocumentSymbolProvider = true
	c.CompletionProvider = completionOptions{TriggerCharacters: []string{"#", ":", " "}}
	c.Workspace.WorkspaceFolders.Supported = true
	return res, nil
}

// negotiateEncoding picks the first of the client's position encodings
// the server knows (clients list their preferred one first: Helix and
// Neovim put utf-8 there); a client that offers none, or none known,
// gets UTF-16, which every client must support.
func negotiateEncoding(offered []string) encoding {
	for _, name := range offered {
		if e, ok := encodingNames[name]; ok {
			return e
		}
	}
	return encUTF16
}

// initializedNotification asks the client to watch configuration files,
// when it can, so that an edit made outside the editor is seen too.
func (s *server) initializedNotification(json.RawMessage) error {
	s.mu.Lock()
	watch := s.watch
	s.mu.Unlock()
	if !watch {
		return nil
	}
	return s.w.send(&message{ID: s.requestID("watch"), Method: "client/registerCapability", Params: mustJSON(registrationParams{
		Registrations: []registration{{ID: "postmortem-config", Method: "workspace/didChangeWatchedFiles",
			RegisterOptions: map[string]any{"watchers": []fileSystemWatcher{{GlobPattern: "**/.postmortem.yaml"}}}}},
	})})
}

// requestID is a fresh id for a request of the server's own.
func (s *server) requestID(what string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serial++
	return mustJSON(fmt.Sprintf("postmortem-%s-%d", what, s.serial))
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func (s *server) shutdownRequest(json.RawMessage) (any, error) {
	s.mu.Lock()
	s.shutdown = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	return nil, nil
}

func (s *server) logf(typ int, format string, args ...any) {
	s.w.notify("window/logMessage", logMessageParams{Type: typ, Message: "postmortem: " + fmt.Sprintf(format, args...)})
}

// uriPath is the file a file: URI names, or "" for another scheme (an
// unsaved buffer).
func uriPath(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" {
		return filepath.FromSlash(u.Path)
	}
	return ""
}

// documentPath is the path a document is checked as. The extension
// decides, as for `postmortem lint`; a file without a known one (a
// README, an unsaved buffer) is checked in the format its languageId
// names (markdown, gfm, yaml, yaml-ts, json...). checked is false for
// any other language: such a document gets no diagnostics.
func documentPath(uri, languageID string) (path string, checked bool) {
	path = uriPath(uri)
	if path == "" {
		path = "untitled"
	}
	if isMarkdown(path) || isDocument(path) {
		return path, true
	}
	switch lang := strings.ToLower(languageID); {
	case strings.Contains(lang, "markdown"), lang == "gfm", lang == "md":
		return path + ".md", true
	case strings.Contains(lang, "yaml"):
		return path + ".yaml", true
	case strings.Contains(lang, "json"):
		return path + ".json", true
	}
	return path, false
}

func (s *server) didOpen(params json.RawMessage) error {
	var p didOpenParams
	if err := decode(params, &p); err != nil {
		return err
	}
	td := p.TextDocument
	if td.URI == "" {
		return errors.New("didOpen without a document URI")
	}
	path, checked := documentPath(td.URI, td.LanguageID)
	s.mu.Lock()
	d := &doc{uri: td.URI, path: path, onDisk: uriPath(td.URI) != "", foreign: !checked, version: td.Version, text: newTextIn(td.Text, s.enc)}
	if old := s.docs[td.URI]; old != nil && old.timer != nil {
		old.timer.Stop()
	}
	s.docs[td.URI] = d
	s.mu.Unlock()
	s.schedule(td.URI)
	return nil
}

func (s *server) didChange(params json.RawMessage) error {
	var p didChangeParams
	if err := decode(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("%s is not open: send textDocument/didOpen first", p.TextDocument.URI)
	}
	d.text = d.text.apply(p.ContentChanges)
	d.version = p.TextDocument.Version
	uri := d.uri
	if d.timer == nil {
		d.timer = time.AfterFunc(s.opts.Debounce, func() { s.schedule(uri) })
	} else {
		d.timer.Reset(s.opts.Debounce)
	}
	return nil
}

func (s *server) didSave(params json.RawMessage) error {
	var p didSaveParams
	if err := decode(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil && p.Text != nil {
		d.text = newTextIn(*p.Text, s.enc)
	}
	s.mu.Unlock()
	if d != nil && isConfig(d.path) {
		s.reloadConfigs()
		return nil
	}
	s.schedule(p.TextDocument.URI)
	return nil
}

func (s *server) didClose(params json.RawMessage) error {
	var p documentParams
	if err := decode(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	if d != nil && d.timer != nil {
		d.timer.Stop()
	}
	s.mu.Unlock()
	if d == nil || isConfig(d.path) || s.pull {
		return nil // the client forgets pulled diagnostics itself
	}
	return s.w.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
}

func (s *server) didChangeWatchedFiles(params json.RawMessage) error {
	var p didChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return err
	}
	for _, c := range p.Changes {
		if isConfig(uriPath(c.URI)) {
			s.reloadConfigs()
			return nil
		}
	}
	return nil
}

// didChangeConfiguration reads the configuration files again: the
// server has no settings of its own (.postmortem.yaml is its
// configuration), and a client without file watching (Kakoune, Sublime
// on some set-ups) can send this notification to make a change to a
// .postmortem.yaml outside the editor count.
func (s *server) didChangeConfiguration(json.RawMessage) error {
	s.reloadConfigs()
	return nil
}

// documentRequest is the params of a request about one document.
type documentRequest interface{ documentURI() string }

// decodeDocument reads a document request's params and finds the
// document's snapshot.
func decodeDocument[P documentRequest](s *server, params json.RawMessage) (P, *snapshot, error) {
	var p P
	if err := decode(params, &p); err != nil {
		return p, nil, err
	}
	snap, err := s.document(p.documentURI())
	return p, snap, err
}

// document returns the snapshot of an open document for a request: its
// current text and that text's analysis (made now if the worker has not
// made it yet).
func (s *server) document(uri string) (*snapshot, error) {
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	if d == nil {
		return nil, errorf(codeRequestFailed, "%s is not open: send textDocument/didOpen first", uri)
	}
	snap := s.analyse(d)
	if len(snap.t.s) > maxDocument {
		return nil, errorf(codeRequestFailed, "%s: file is %d bytes; the limit is %d (is this a postmortem?)", uri, len(snap.t.s), maxDocument)
	}
	return snap, nil
}

// analyse returns the analysis of the document's current text, linting
// it unless that was done already.
func (s *server) analyse(d *doc) *snapshot {
	s.mu.Lock()
	t, version, an, anText, cfgs := d.text, d.version, d.an, d.anText, s.configs
	s.mu.Unlock()
	snap := &snapshot{uri: d.uri, version: version, t: t}
	if anText == t {
		snap.an = an
		return snap
	}
	cfgPath := ""
	if d.onDisk {
		cfgPath = d.path
	}
	settings, prob := cfgs.settingsFor(cfgPath)
	if prob != nil {
		s.reportConfig(prob)
	}
	if len(t.s) > maxDocument {
		snap.an = &analysis{path: d.path, problems: []problem{{Severity: severityError, Line: 1, Col: 1,
			Message: fmt.Sprintf("file is %d bytes; the limit is %d (is this a postmortem?)", len(t.s), maxDocument)}}}
	} else if isConfig(d.path) || d.foreign {
		snap.an = &analysis{path: d.path, ignored: true}
	} else {
		snap.an = analyze(d.path, []byte(t.s), settings)
	}
	s.mu.Lock()
	s.serial++
	snap.an.serial = s.serial
	if d.text == t {
		d.an, d.anText = snap.an, t
	}
	s.mu.Unlock()
	return snap
}
