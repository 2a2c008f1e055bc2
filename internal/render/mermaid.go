package render

import "github.com/postmortem-cli/postmortem/internal/document"

// mermaidDiagram draws the incident's timeline and phases as a Mermaid
// diagram body (without the fence); "" when there is nothing to draw.
func mermaidDiagram(doc *document.Document, r *document.Resolved) string {
	return ""
}
