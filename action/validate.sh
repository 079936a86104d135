#!/usr/bin/env bash
# The step of action.yml (the webhook-cli GitHub Action), kept in a file so that
# test/integrations/github-action.test.ts runs exactly what the runner runs.
#
# Inputs arrive as INPUT_* variables (action.yml maps them). It runs `webhook-cli validate`:
#   1. in the chosen format, into the log (`github`: annotations on the pull request);
#   2. as JSON into a file, from which summary.mjs writes the job summary and the step outputs;
#   3. as SARIF into sarif-file, when one is asked for.
# Each report is rendered by the CLI's own renderer rather than re-derived here from the JSON, so
# annotations, SARIF and the summary cannot drift apart; the price is checking the files 2 or 3 times.
# The step's exit code is the CLI's: 0 all valid, 1 a payload is invalid, 2 usage, input or schema
# error (2 wins); anything else (npx could not start it) is passed on as it is.
#
# WEBHOOK_CLI_COMMAND, when set, replaces `npx --yes webhook-cli@<version>` (words split on blanks),
# e.g. `node path/to/bin/webhook-cli.js` for a local build.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Our own constant messages: nothing here needs the workflow-command or Markdown escaping.
usage_error() {
  echo "::error title=webhook-cli action::$1"
  if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then printf '### ❌ webhook-cli validate did not run\n\n%s\n' "$1" >>"$GITHUB_STEP_SUMMARY"; fi
  if [[ -n ${GITHUB_OUTPUT:-} ]]; then echo 'exit-code=2' >>"$GITHUB_OUTPUT"; fi
  exit 2
}

trim() {
  local value="${1//$'\r'/}"
  value="${value#"${value%%[![:space:]]*}"}"
  printf '%s' "${value%"${value##*[![:space:]]}"}"
}

# Sets SPLIT to the non-blank lines of $1, trimmed: one file or schema per line.
split_lines() {
  SPLIT=()
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line="$(trim "$line")"
    if [[ -n $line ]]; then SPLIT+=("$line"); fi
  done <<<"$1"
}

split_lines "${INPUT_FILES:-}"
files=(${SPLIT[@]+"${SPLIT[@]}"})
split_lines "${INPUT_SCHEMA:-}"
schemas=(${SPLIT[@]+"${SPLIT[@]}"})
event="$(trim "${INPUT_EVENT:-}")"
format="$(trim "${INPUT_FORMAT:-}")"
sarif_file="$(trim "${INPUT_SARIF_FILE:-}")"
version="$(trim "${INPUT_VERSION:-}")"
summary_errors="$(trim "${INPUT_SUMMARY_ERRORS:-}")"

[[ ${#files[@]} -gt 0 ]] ||
  usage_error 'the files input is empty: give the payload files, directories or globs to check, one per line'
[[ ${#schemas[@]} -gt 0 ]] ||
  usage_error 'the schema input is empty: give schema files, directories or builtin names (github, stripe, standard-webhooks, cloudevents, generic), one per line'
[[ $sarif_file != *$'\n'* ]] || usage_error 'sarif-file takes one path'
[[ -z $format ]] && format=github
[[ -z $summary_errors ]] && summary_errors=20
[[ $summary_errors =~ ^[0-9]+$ ]] || usage_error 'summary-errors must be a whole number (the errors listed in the job summary)'

if [[ -n ${WEBHOOK_CLI_COMMAND:-} ]]; then
  read -r -a cli <<<"$WEBHOOK_CLI_COMMAND"
else
  # By default the CLI of this action's own release: uses: …/webhook-cli@v0.1.0 runs webhook-cli@0.1.0.
  if [[ -z $version ]]; then
    version="$(node -p 'require(process.argv[1]).version' "$here/../package.json")" ||
      usage_error "could not read the version from $here/../package.json; set the version input"
  fi
  [[ $version =~ ^[A-Za-z0-9.+~^*-]+$ ]] ||
    usage_error 'version must be an npm version, range or tag of webhook-cli, such as 0.1.0, ^0.1 or latest'
  cli=(npx --yes "webhook-cli@$version")
fi

args=()
for file in "${files[@]}"; do args+=("$file"); done
for schema in "${schemas[@]}"; do args+=(--schema "$schema"); done
if [[ -n $event ]]; then args+=(--event "$event"); fi

work="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/webhook-cli.XXXXXX")" || usage_error 'could not make a temporary directory'

# 2 wins over 1, as in the CLI; a code outside 0-2 (the CLI did not run) wins over both.
combine() {
  if (($1 > 2 || $2 > 2)); then
    (($1 > 2)) && echo "$1" || echo "$2"
  else
    echo $(($1 > $2 ? $1 : $2))
  fi
}

"${cli[@]}" validate "${args[@]}" --format "$format"
status=$?

"${cli[@]}" validate "${args[@]}" --format json -o "$work/report.json" >/dev/null 2>"$work/report.stderr"
status="$(combine "$status" $?)"

if [[ -n $sarif_file ]]; then
  mkdir -p -- "$(dirname -- "$sarif_file")"
  "${cli[@]}" validate "${args[@]}" --format sarif -o "$sarif_file" >/dev/null 2>"$work/sarif.stderr"
  sarif_status=$?
  # What the JSON run did not already say (the summary line and a broken schema's message it did).
  grep -vxF -f "$work/report.stderr" "$work/sarif.stderr" >&2
  status="$(combine "$status" "$sarif_status")"
fi

node "$here/summary.mjs" "$work/report.json" "$work/report.stderr" "$status" "$summary_errors" "$sarif_file" ||
  echo "::warning title=webhook-cli action::the job summary could not be written"
exit "$status"
