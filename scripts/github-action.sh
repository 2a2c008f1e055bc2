#!/usr/bin/env bash
# The shell half of the composite GitHub Action in action.yml. Kept in a
# script so it can be tested outside GitHub (testdata/script/ci_action.txtar
# runs it with a fake GITHUB_OUTPUT and GITHUB_STEP_SUMMARY).
#
#   github-action.sh build   build postmortem from the action's checkout
#                            into $RUNNER_TEMP and put it on GITHUB_PATH
#   github-action.sh lint    run `postmortem lint`; never fails the step:
#                            the exit code goes to the exit-code output so
#                            SARIF is uploaded before action.yml fails the job
#
# Inputs arrive as INPUT_* variables (action.yml maps them):
#   INPUT_PATHS       files and folders, separated by spaces or newlines
#                     (empty: the paths of .postmortem.yaml)
#   INPUT_CONFIG      a .postmortem.yaml to use for every file
#   INPUT_FAIL_ON     error, warning or info
#   INPUT_SARIF       "true": write SARIF to INPUT_SARIF_FILE (uploaded by
#                     the next step) and the text report to the log;
#                     otherwise print workflow annotations
#   INPUT_SARIF_FILE  where the SARIF goes (default postmortem.sarif)
set -euo pipefail

mode=${1:-}
out=${GITHUB_OUTPUT:-/dev/null}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}

case "$mode" in
build)
  dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/postmortem-bin"
  mkdir -p "$dir"
  # The action's ref (v1, v1.2.0, a SHA) is the version it reports.
  ldflags=""
  if [ -n "${GITHUB_ACTION_REF:-}" ]; then
    ldflags="-X github.com/postmortem-cli/postmortem/internal/cli.version=$GITHUB_ACTION_REF"
  fi
  exe=$(go env GOEXE) # .exe on Windows runners
  (cd "${GITHUB_ACTION_PATH:?set by GitHub to the folder of the action}" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$dir/postmortem$exe" ./cmd/postmortem)
  echo "$dir" >>"${GITHUB_PATH:-/dev/null}"
  "$dir/postmortem$exe" --version
  ;;
lint)
  args=(lint)
  if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
  if [ -n "${INPUT_FAIL_ON:-}" ]; then args+=(--fail-on "$INPUT_FAIL_ON"); fi
  sarif_file=""
  if [ "${INPUT_SARIF:-false}" = true ]; then
    sarif_file=${INPUT_SARIF_FILE:-postmortem.sarif}
    # Text to the log, SARIF to the file, in one run.
    args+=(--format text --format "sarif=$sarif_file")
  else
    # Workflow commands: GitHub turns them into annotations on the diff.
    args+=(--format github)
  fi
  # Word-splitting on spaces and newlines is the point: one input, many paths.
  read -r -d '' -a paths <<<"${INPUT_PATHS:-}" || true
  args+=(${paths[@]+"${paths[@]}"}) # bash 3.2 (macOS) treats an empty array as unset

  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  set +e
  postmortem "${args[@]}" | tee "$log"
  code=${PIPESTATUS[0]}
  set -e

  echo "exit-code=$code" >>"$out"
  echo "sarif-file=$sarif_file" >>"$out"
  last=$(tail -n 1 "$log")
  {
    echo "### postmortem lint"
    echo
    case "$code" in
    0) echo ":white_check_mark: ${last:-no output}" ;;
    1) echo ":x: ${last:-findings}" ;;
    *) echo ":warning: postmortem lint could not run (exit $code); see the log" ;;
    esac
    echo
    echo "Command: \`postmortem ${args[*]}\`"
  } >>"$summary"
  ;;
*)
  echo "usage: $0 build|lint" >&2
  exit 2
  ;;
esac
