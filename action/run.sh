#!/usr/bin/env bash
# The action's check step (action.yml), also run by .ci/run with the local binary.
# Reads INPUT_* as action.yml sets them; CONTRACT is the binary. Writes the Markdown summary to
# $GITHUB_STEP_SUMMARY and `sarif-file=` to $GITHUB_OUTPUT when they are set. Runs every
# requested check before failing, so the log, the summary and SARIF are all there.
# Exit: 0 when everything passed, 1 when a check failed, 2 when the tool could not run.
set -uo pipefail

contract="${CONTRACT:-contract}"
format="${INPUT_FORMAT:-github}"
fail_on="${INPUT_FAIL_ON:-error}"
read -r -a paths <<<"${INPUT_PATH:-contracts}"

case "$fail_on" in error | warning) ;; *)
  echo "::error title=contract action::fail-on must be error or warning, not '$fail_on'"
  exit 2
  ;;
esac
case "${INPUT_SARIF:-false}" in true | false) ;; *)
  echo "::error title=contract action::sarif must be true or false, not '${INPUT_SARIF}'"
  exit 2
  ;;
esac

against="${INPUT_AGAINST:-}"
if [[ -z "$against" && -n "${GITHUB_BASE_REF:-}" ]]; then
  # A pull request: compare with its base. The checkout may be shallow; fetch just that branch.
  against="origin/$GITHUB_BASE_REF"
  if ! git rev-parse --verify --quiet "$against" >/dev/null; then
    git fetch --quiet --no-tags --depth=1 origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || {
      echo "::error title=contract action::cannot fetch the base branch $GITHUB_BASE_REF; set the against input"
      exit 2
    }
  fi
fi
common=(--fail-on "$fail_on")
[[ -n "$against" ]] && common+=(--against "$against")

status=0
note() { [[ $1 -gt $status ]] && status=$1; }

echo "::group::contract check ${paths[*]}${against:+ --against $against}"
"$contract" check "${paths[@]}" "${common[@]}" --format "$format" --color never
check_status=$?
echo "::endgroup::"
note "$check_status"

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  "$contract" check "${paths[@]}" "${common[@]}" --format markdown >>"$GITHUB_STEP_SUMMARY"
  code=$?
  [[ $code -eq 2 ]] && note 2
fi

if [[ "${INPUT_SARIF:-false}" == true ]]; then
  sarif="${CONTRACT_SARIF_FILE:-contract.sarif}"
  "$contract" check "${paths[@]}" "${common[@]}" --format sarif >"$sarif"
  code=$?
  if [[ $code -eq 2 ]]; then
    note 2
  elif [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
  fi
fi

if [[ "${INPUT_DOCS_CHECK:-false}" == true ]]; then
  echo "::group::contract docs --check"
  "$contract" docs "${paths[0]}" --out "${INPUT_DOCS_OUT:-docs/reference}" --check
  code=$?
  echo "::endgroup::"
  if [[ $code -eq 1 ]]; then
    echo "::error title=contract docs::the generated reference is stale: run \`contract docs\` and commit the result"
  fi
  note "$code"
fi
exit "$status"
