package document

import _ "embed"

// Schema is the JSON Schema (draft-07, which yaml-language-server reads)
// of format version 1. Tests check it against the loader.
//
//go:embed schema.json
var Schema []byte
