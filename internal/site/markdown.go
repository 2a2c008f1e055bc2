package site

import (
	"bufio"
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// prose renders a postmortem's Markdown to HTML with goldmark (GFM:
// tables, strikethrough, task lists, bare links). Raw HTML in a report
// is left out (goldmark's default) and images become links to them: a
// page of the site loads nothing from outside the site. Made on first
// use.
var prose = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(imageAsLink{}, 100)),
		),
	)
})

// proseOut is a conversion's output: goldmark writes through a
// bufio.Writer, and makes a new one per call unless given one.
type proseOut struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var proseOuts = sync.Pool{New: func() any {
	o := &proseOut{}
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

// Markdown renders prose to HTML safe to put in a page.
func Markdown(src string) template.HTML {
	if src == "" {
		return ""
	}
	o := proseOuts.Get().(*proseOut)
	defer proseOuts.Put(o)
	o.buf.Reset()
	o.w.Reset(&o.buf)
	if err := prose().Convert([]byte(src), o.w); err != nil || o.w.Flush() != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(o.buf.String()) // goldmark escapes text and drops raw HTML
}

// imageAsLink renders ![alt](url) as a link to the image, so that no
// page fetches an image from anywhere.
type imageAsLink struct{}

func (imageAsLink) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		img := n.(*ast.Image)
		alt := plainText(img, src)
		if alt == "" {
			alt = "image"
		}
		dest := util.URLEscape(img.Destination, true)
		if html.IsDangerousURL(dest) {
			dest = []byte("#")
		}
		_, _ = w.WriteString(`<a class="image-link" href="`)
		_, _ = w.Write(util.EscapeHTML(dest))
		_, _ = w.WriteString(`">[image: `)
		_, _ = w.Write(util.EscapeHTML([]byte(alt)))
		_, _ = w.WriteString(`]</a>`)
		return ast.WalkSkipChildren, nil
	})
}

// plainText is the text of a node's inline children (an image's alt).
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// definitions holds each metric's definition as HTML, made once.
var definitions sync.Map

// definitionHTML is a metric's definition with its `code` spans as code.
func definitionHTML(key, def string) template.HTML {
	if h, ok := definitions.Load(key); ok {
		return h.(template.HTML)
	}
	h := codeSpans(def)
	definitions.Store(key, h)
	return h
}

// codeSpans escapes text and shows its `code` spans as code: the metric
// definitions are written that way.
func codeSpans(s string) template.HTML {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + template.HTMLEscapeString(p) + "</code>")
			continue
		}
		if i%2 == 1 {
			b.WriteString("`")
		}
		b.WriteString(template.HTMLEscapeString(p))
	}
	return template.HTML(b.String())
}
