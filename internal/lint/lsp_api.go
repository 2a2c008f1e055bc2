package lint

// SameMeaning reports whether two inputs describe the same document with
// the same resolved times: the test FixSource puts to every fix it keeps.
// The language server (internal/lsp) asks it before offering one
// finding's fix as a quick fix, so that the editor offers only fixes
// --fix would make.
func SameMeaning(a, b *Input) bool { return meaning(a) == meaning(b) }
