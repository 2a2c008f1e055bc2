package evidence

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Kinds lists the kinds of source, as --timeline-from prefixes them.
var Kinds = []Kind{Slack, PagerDuty, Opsgenie, Git, Events}

// SplitSource reads a source argument: "pagerduty:log.json" names its
// kind; a bare path is detected (Detect).
func SplitSource(arg string) (Kind, string, error) {
	if k, p, ok := strings.Cut(arg, ":"); ok {
		for _, kind := range Kinds {
			if Kind(k) == kind && p != "" {
				return kind, p, nil
			}
		}
	}
	kind, err := Detect(arg)
	return kind, arg, err
}

// Detect tells what kind of evidence path holds: a Slack export (a zip,
// or a folder with channels.json), a git repository (a folder with
// .git), an events file (.csv, .jsonl, .ndjson), or a JSON log whose
// keys say PagerDuty (log_entries, created_at) or Opsgenie (data,
// createdAt).
func Detect(path string) (Kind, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", errorf(path, 0, 0, "no such file or folder")
		}
		return "", err
	}
	undetected := errorf(path, 0, 0, "cannot tell what kind of evidence this is; name it: slack:PATH, pagerduty:PATH, opsgenie:PATH, git:PATH or events:PATH")
	if fi.IsDir() {
		for _, index := range slackIndexes {
			if exists(filepath.Join(path, index)) {
				return Slack, nil
			}
		}
		if exists(filepath.Join(path, ".git")) {
			return Git, nil
		}
		return "", undetected
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".zip":
		return Slack, nil
	case ".csv", ".tsv", ".jsonl", ".ndjson":
		return Events, nil
	}
	if k := jsonLogKind(path); k != "" {
		return k, nil
	}
	return "", undetected
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// jsonLogKind reads the keys at the start of a JSON log: the envelope's
// (log_entries, data) or the first entry's (created_at, createdAt).
func jsonLogKind(path string) Kind {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for depth, keys := 0, 0; keys < 64; {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			keys++
			switch {
			case depth == 1 && v == "log_entries", depth == 2 && v == "created_at":
				return PagerDuty
			case depth == 1 && v == "data", depth == 2 && v == "createdAt":
				return Opsgenie
			}
		}
	}
	return ""
}
