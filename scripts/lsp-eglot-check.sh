#!/usr/bin/env bash
# Drives `postmortem lsp` with a second real editor client, one the
# server was not written against: Emacs 28 with eglot (Debian's emacs-nox
# and elpa-eglot, installed here when missing). In batch Emacs, eglot
# opens a copy of the report named INCIDENT (no extension: the server
# must go by eglot's languageId, "gfm"), and the script checks that
#   - the diagnostics, placed in the buffer by eglot's own UTF-16
#     arithmetic, are `postmortem lint --format json`'s (rule, line,
#     column in characters);
#   - applying the quick fix for the first template leftover removes it;
#   - hover on a timeline time answers its UTC instant;
#   - shutdown + exit end the server with exit code 0.
# Opt-in (not part of .ci/run): it installs packages with apt.
#   scripts/lsp-eglot-check.sh [REPORT.md]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
report=$(realpath "${1:-$repo/internal/lsp/testdata/incident.md}")
if ! command -v emacs >/dev/null 2>&1 || ! ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends emacs-nox elpa-eglot
fi
emacs --version | head -1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -C "$repo" -o "$work/postmortem" ./cmd/postmortem
mkdir "$work/reports"
cp "$report" "$work/reports/INCIDENT"
cp "$report" "$work/reports/incident.md"
cat > "$work/check.el" <<'ELISP'
;;; check.el --- eglot against postmortem lsp, in batch Emacs  -*- lexical-binding: t -*-
(require 'eglot)
(require 'json)
(define-derived-mode gfm-mode text-mode "GFM") ; eglot names the language "gfm"
(defvar pm-bin (expand-file-name (pop command-line-args-left)))
(defvar pm-file (expand-file-name (pop command-line-args-left)))
(defvar pm-lint-file (expand-file-name (pop command-line-args-left)))
(defvar pm-published nil)
(defvar pm-failed nil)
(defun pm-fail (fmt &rest args)
  (setq pm-failed t)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n")))
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq pm-published (plist-get params :diagnostics)))))
(defun pm-wait (what pred)
  (with-timeout (30 (error "timed out waiting for %s" what))
    (while (not (funcall pred)) (accept-process-output nil 0.05))))
(defun pm-place (range)
  "RANGE's start as \"LINE:COLUMN\", placed by eglot in the buffer."
  (let ((beg (car (eglot--range-region range))))
    (save-excursion
      (goto-char beg)
      ;; characters, not display columns (an emoji is two of those)
      (format "%d:%d" (line-number-at-pos) (1+ (- (point) (line-beginning-position)))))))

(find-file pm-file)
(gfm-mode)
(setq eglot-sync-connect 30)
(eglot '(gfm-mode) (cons 'transient (file-name-directory pm-file)) 'eglot-lsp-server
       (list pm-bin "lsp") "gfm")
(defvar pm-server (eglot-current-server))
(pm-wait "diagnostics" (lambda () pm-published))

;; Diagnostics: what `postmortem lint --format json` says.
(let* ((got (mapcar (lambda (d) (format "%s %s" (plist-get d :code) (pm-place (plist-get d :range))))
                    pm-published))
       (json (with-temp-buffer
               (call-process pm-bin nil t nil "lint" "--format" "json" pm-lint-file)
               (goto-char (point-min))
               (json-parse-buffer :object-type 'plist :array-type 'list)))
       (want (mapcar (lambda (f) (format "%s %d:%d" (plist-get f :rule) (plist-get f :line) (plist-get f :column)))
                     (plist-get json :findings))))
  (princ (format "eglot diagnostics: %s\n" (string-join got ", ")))
  (unless (and want (equal got want))
    (pm-fail "diagnostics differ from postmortem lint:\n  eglot: %S\n  lint:  %S" got want)))

;; The quick fix for the first template leftover removes it.
(goto-char (point-min))
(search-forward "Describe how the incident")
(let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix"))
       (fix (seq-find (lambda (a) (string-match-p "[Dd]elete" (plist-get a :title))) actions)))
  (if (not fix)
      (pm-fail "no quick fix deleting the leftover among %S" (mapcar (lambda (a) (plist-get a :title)) actions))
    (princ (format "quick fix: %s\n" (plist-get fix :title)))
    (eglot--apply-workspace-edit (plist-get fix :edit))
    (goto-char (point-min))
    (when (search-forward "Describe how the incident" nil t)
      (pm-fail "the leftover is still there after its quick fix"))))

;; Hover on the first timeline time.
(goto-char (point-min))
(re-search-forward "^- _\\([0-9][0-9]:[0-9][0-9]\\)")
(goto-char (match-beginning 1))
(eglot--signal-textDocument/didChange) ; the quick fix's edit, sent now as before eglot's own requests
(let* ((hover (jsonrpc-request pm-server :textDocument/hover (eglot--TextDocumentPositionParams)))
       (value (plist-get (plist-get hover :contents) :value)))
  (princ (format "hover: %S\n" (car (split-string (or value "") "\n"))))
  (unless (and value (string-match-p "UTC" value))
    (pm-fail "hover on a time: %S" hover)))

;; shutdown + exit: code 0. (eglot-shutdown would kill the process right
;; after exit, so the two messages are sent by hand.)
(let ((proc (jsonrpc--process pm-server)))
  (jsonrpc-request pm-server :shutdown nil)
  (jsonrpc-notify pm-server :exit nil)
  (pm-wait "the server to exit" (lambda () (not (process-live-p proc))))
  (princ (format "server exit code %d\n" (process-exit-status proc)))
  (unless (zerop (process-exit-status proc))
    (pm-fail "exit code %d after shutdown" (process-exit-status proc))))
(kill-emacs (if pm-failed 1 0))
ELISP
cd "$work"
emacs --batch -l check.el "$work/postmortem" "$work/reports/INCIDENT" "$work/reports/incident.md"
echo "lsp-eglot-check: eglot agrees with postmortem lint"
