package markdown

import (
	"errors"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// Import reads a Markdown postmortem. The error is only for input that is
// not a usable text file (document.CheckText); everything else a report
// gets wrong is a Diagnostic.
func Import(name string, src []byte) (*Report, error) {
	if err := document.CheckText(name, src); err != nil {
		return nil, err
	}
	return nil, errors.New(name + ": Markdown import is not implemented yet")
}
