package lsp

import "encoding/json"

// The Language Server Protocol 3.17 types this server reads and writes,
// and only those. Field names and JSON keys follow the specification;
// optional fields are omitempty.

// Position is a zero-based line and a character offset in UTF-16 code
// units, as the protocol requires (the default positionEncoding).
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is half-open: End is the first position after it.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

type textDocumentIdentifier struct {
	URI string `json:"uri"`
}

// documentParams are the params of every request about one document.
type documentParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
}

func (p documentParams) documentURI() string { return p.TextDocument.URI }

type textDocumentPositionParams struct {
	documentParams
	Position Position `json:"position"`
}

type initializeParams struct {
	ProcessID    *int            `json:"processId"`
	RootURI      string          `json:"rootUri"`
	Capabilities json.RawMessage `json:"capabilities"`
}

// clientCapabilities holds the few client capabilities the server asks
// about.
type clientCapabilities struct {
	General struct {
		// PositionEncodings are the client's, most preferred first;
		// none means UTF-16 only.
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	TextDocument struct {
		// Diagnostic is present when the client pulls diagnostics.
		Diagnostic *struct{} `json:"diagnostic"`
	} `json:"textDocument"`
	Workspace struct {
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		Diagnostics struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"diagnostics"`
	} `json:"workspace"`
}

type initializeResult struct {
	Capabilities serverCapabilities `json:"capabilities"`
	ServerInfo   serverInfo         `json:"serverInfo"`
}

type serverInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type serverCapabilities struct {
	PositionEncoding       string               `json:"positionEncoding"`
	TextDocumentSync       textDocumentSync     `json:"textDocumentSync"`
	CodeActionProvider     codeActionOptions    `json:"codeActionProvider"`
	InlayHintProvider      bool                 `json:"inlayHintProvider"`
	HoverProvider          bool                 `json:"hoverProvider"`
	DocumentSymbolProvider bool                 `json:"documentSymbolProvider"`
	CompletionProvider     completionOptions    `json:"completionProvider"`
	DiagnosticProvider     *diagnosticOptions   `json:"diagnosticProvider,omitempty"`
	Workspace              workspaceCapabilites `json:"workspace"`
}

// diagnosticOptions offer the pull model. A configuration's changes
// reach other files through workspace/diagnostic/refresh, not through
// inter-file dependencies, and there is no workspace-wide report.
type diagnosticOptions struct {
	Identifier            string `json:"identifier"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

type workspaceCapabilites struct {
	WorkspaceFolders struct {
		Supported bool `json:"supported"`
	} `json:"workspaceFolders"`
}

// Text document sync kinds.
const (
	syncFull        = 1
	syncIncremental = 2
)

type textDocumentSync struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      saveOptions `json:"save"`
}

type saveOptions struct {
	IncludeText bool `json:"includeText"`
}

type codeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

type completionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters,omitempty"`
}

type didOpenParams struct {
	TextDocument struct {
		URI        string `json:"uri"`
		LanguageID string `json:"languageId"`
		Version    int    `json:"version"`
		Text       string `json:"text"`
	} `json:"textDocument"`
}

type didChangeParams struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version int    `json:"version"`
	} `json:"textDocument"`
	ContentChanges []contentChange `json:"contentChanges"`
}

// contentChange replaces Range with Text, or the whole text when Range
// is absent.
type contentChange struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

type didSaveParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

type didChangeWatchedFilesParams struct {
	Changes []struct {
		URI  string `json:"uri"`
		Type int    `json:"type"`
	} `json:"changes"`
}

// Diagnostic severities.
const (
	severityError       = 1
	severityWarning     = 2
	severityInformation = 3
)

// Diagnostic is one finding as the editor shows it.
type Diagnostic struct {
	Range           Range            `json:"range"`
	Severity        int              `json:"severity"`
	Code            string           `json:"code,omitempty"`
	CodeDescription *codeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source"`
	Message         string           `json:"message"`
}

type codeDescription struct {
	Href string `json:"href"`
}

type publishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

type documentDiagnosticParams struct {
	documentParams
	PreviousResultID string `json:"previousResultId"`
}

// Document diagnostic report kinds.
const (
	reportFull      = "full"
	reportUnchanged = "unchanged"
)

// fullReport answers a diagnostic pull with the document's diagnostics.
type fullReport struct {
	Kind     string       `json:"kind"`
	ResultID string       `json:"resultId"`
	Items    []Diagnostic `json:"items"`
}

// unchangedReport answers a pull whose previous result still holds.
type unchangedReport struct {
	Kind     string `json:"kind"`
	ResultID string `json:"resultId"`
}

type codeActionParams struct {
	documentParams
	Range   Range `json:"range"`
	Context struct {
		Only []string `json:"only,omitempty"`
	} `json:"context"`
}

// Code action kinds.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll"
)

// CodeAction is a quick fix, a suppression or the file's fix-all.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// WorkspaceEdit changes one or more documents; this server edits one at
// a time, by URI.
type WorkspaceEdit struct {
	Changes map[string][]TextEdit `json:"changes"`
}

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

type inlayHintParams struct {
	documentParams
	Range Range `json:"range"`
}

// InlayHint is text shown after a timeline time.
type InlayHint struct {
	Position    Position `json:"position"`
	Label       string   `json:"label"`
	PaddingLeft bool     `json:"paddingLeft,omitempty"`
	Tooltip     string   `json:"tooltip,omitempty"`
}

// Hover is Markdown shown over a time or a milestone.
type Hover struct {
	Contents markupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

type markupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Symbol kinds used in the outline.
const (
	symbolFile      = 1
	symbolNamespace = 3
	symbolProperty  = 7
	symbolEvent     = 24
)

// DocumentSymbol is a section or a timeline entry in the outline.
type DocumentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail,omitempty"`
	Kind           int              `json:"kind"`
	Range          Range            `json:"range"`
	SelectionRange Range            `json:"selectionRange"`
	Children       []DocumentSymbol `json:"children,omitempty"`
}

// Completion item kinds.
const (
	completionText       = 1
	completionEnumMember = 20
)

// CompletionItem is a milestone, a severity or a section heading.
type CompletionItem struct {
	Label    string    `json:"label"`
	Kind     int       `json:"kind"`
	Detail   string    `json:"detail,omitempty"`
	SortText string    `json:"sortText,omitempty"`
	TextEdit *TextEdit `json:"textEdit,omitempty"`
}

type completionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []CompletionItem `json:"items"`
}

// Message types of window/logMessage and window/showMessage.
const (
	messageError   = 1
	messageWarning = 2
	messageLog     = 4
)

type logMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}

type registrationParams struct {
	Registrations []registration `json:"registrations"`
}

type registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

type fileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
}
