#!/usr/bin/env bash
# Tests the action's shell steps, the install scripts and the pre-commit hooks locally, with a
# local binary (.ci/run passes the debug one):  action/test.sh target/debug/contract
# What GitHub would do is simulated by the environment action.yml sets (INPUT_*, RUNNER_*,
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT); nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(realpath "${1:?usage: action/test.sh PATH/TO/contract}")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "action test FAILED: $*" >&2; exit 1; }

echo "-- action.yml and .pre-commit-hooks.yaml parse, and name what exists"
python3 - <<'PY'
import os, re, sys, yaml
action = yaml.safe_load(open("action.yml"))
assert action["runs"]["using"] == "composite", "a composite action"
for name in ["path", "against", "format", "sarif", "fail-on", "docs-check"]:
    assert name in action["inputs"], f"input {name} is missing"
assert action["inputs"]["format"]["default"] == "github"
for step in action["runs"]["steps"]:
    if "run" in step:
        assert step.get("shell") == "bash", f"{step['name']}: composite run steps need a shell"
        for script in re.findall(r"action/[\w.-]+", step["run"]):
            assert os.access(script, os.X_OK), f"{step['name']} runs {script}, which is not an executable here"
hooks = {hook["id"]: hook for hook in yaml.safe_load(open(".pre-commit-hooks.yaml"))}
assert hooks["contract-check-system"]["language"] == "system"
for hook in hooks.values():
    assert re.search(hook["files"], "migrations/core/0007_meetings_language.sql"), hook["id"]
    assert re.search(hook["files"], "contracts/events/meeting/created.yaml"), hook["id"]
    assert not re.search(hook["files"], "src/main.rs"), hook["id"]
assert "--locked" in open(hooks["contract-check"]["entry"].split()[0]).read()
print("ok")
PY

action_dir="$PWD/action"
run_action() { # INPUT_* from the caller's environment; prints the log, returns the exit code
  env CONTRACT="$binary" GITHUB_STEP_SUMMARY="$scratch/summary.md" GITHUB_OUTPUT="$scratch/output" \
    CONTRACT_SARIF_FILE="$scratch/contract.sarif" "$@" bash "$action_dir/run.sh"
}

echo "-- the check step on the example catalogue: annotations, summary, SARIF, docs --check"
: >"$scratch/summary.md"; : >"$scratch/output"
run_action INPUT_PATH=contracts INPUT_SARIF=true INPUT_DOCS_CHECK=true >"$scratch/log" 2>&1 \
  || { cat "$scratch/log"; fail "the example catalogue should pass"; }
grep -q '^::warning file=contracts/' "$scratch/log" || fail "no ::warning annotation in the log"
grep -q '^| ' "$scratch/summary.md" || fail "no Markdown table in the step summary"
grep -q "^sarif-file=$scratch/contract.sarif$" "$scratch/output" || fail "no sarif-file output"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0"' "$scratch/contract.sarif"
grep -q 'is up to date' "$scratch/log" || fail "docs --check did not run"

echo "-- fail-on warning fails the step, and the summary is still written"
: >"$scratch/summary.md"
if run_action INPUT_PATH=contracts INPUT_FAIL_ON=warning >"$scratch/log" 2>&1; then
  fail "fail-on warning should fail on the example's warnings"
fi
grep -q '^| ' "$scratch/summary.md" || fail "no summary after a failing check"

echo "-- a broken contract fails with an ::error annotation naming it"
cp -r contracts "$scratch/catalogue"
sed -i 's/^owner: meetings$/owner: meetngs/' "$scratch/catalogue/events/meeting/renamed.yaml"
set +e
run_action INPUT_PATH="$scratch/catalogue" >"$scratch/log" 2>&1
code=$?
set -e
[[ $code -eq 1 ]] || { cat "$scratch/log"; fail "expected exit 1, got $code"; }
grep -q '^::error file=.*renamed.yaml,line=3.*owner-unknown' "$scratch/log" || fail "no ::error for owner-unknown"

echo "-- on a pull request, against defaults to origin/<base>: an edited released version fails"
repo="$scratch/repo"
mkdir -p "$repo" && cp -r contracts migrations "$repo/"
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=ci -c user.email=ci@localhost add -A
git -C "$repo" -c user.name=ci -c user.email=ci@localhost commit -q -m base
git -C "$repo" update-ref refs/remotes/origin/main HEAD
# The description is inside version 1, which is released: editing it is what the history rules
# catch.
sed -i 's/description: The meeting that was renamed\./description: The renamed meeting./' "$repo/contracts/events/meeting/renamed.yaml"
grep -q 'The renamed meeting' "$repo/contracts/events/meeting/renamed.yaml" || fail "the edit did not apply"
set +e
(cd "$repo" && GITHUB_BASE_REF=main run_action INPUT_PATH=contracts) >"$scratch/log" 2>&1
code=$?
set -e
grep -q -- '--against origin/main' "$scratch/log" || { cat "$scratch/log"; fail "against did not default to origin/main"; }
[[ $code -eq 1 ]] || { cat "$scratch/log"; fail "an edited released version: expected exit 1, got $code"; }
grep -q 'released-version-modified' "$scratch/log" || { cat "$scratch/log"; fail "no released-version-modified finding"; }

echo "-- a bad input is exit 2"
set +e
run_action INPUT_PATH=contracts INPUT_FAIL_ON=sometimes >"$scratch/log" 2>&1
code=$?
set -e
[[ $code -eq 2 ]] || fail "fail-on=sometimes: expected exit 2, got $code"

echo "-- install: a release archive is installed when its checksum matches, refused otherwise"
release="$scratch/release"
mkdir -p "$release/pack"
cp "$binary" "$release/pack/contract"
tar -czf "$release/contract-x86_64-unknown-linux-musl.tar.gz" -C "$release/pack" contract
(cd "$release" && sha256sum contract-*.tar.gz >SHA256SUMS)
RUNNER_OS=Linux RUNNER_ARCH=X64 CONTRACT_RELEASE_DIR="$release" CONTRACT_BIN_DIR="$scratch/bin" \
  bash action/install.sh | grep -q 'checksum verified' || fail "the action's install did not verify"
"$scratch/bin/contract" --version >/dev/null
RUNNER_OS=Linux RUNNER_ARCH=X64 CONTRACT_RELEASE_DIR="$release" CONTRACT_BIN_DIR="$scratch/bin" \
  bash action/install.sh | grep -q '(cached)' || fail "a second install should reuse the binary"
CONTRACT_BASE_URL="file://$release" CONTRACT_INSTALL="$scratch/sh-bin" sh install.sh 2>&1 \
  | grep -q 'checksum verified' || fail "install.sh did not verify"
"$scratch/sh-bin/contract" --version >/dev/null
echo "0000000000000000000000000000000000000000000000000000000000000000  contract-x86_64-unknown-linux-musl.tar.gz" >"$release/SHA256SUMS"
if RUNNER_OS=Linux RUNNER_ARCH=X64 CONTRACT_RELEASE_DIR="$release" CONTRACT_BIN_DIR="$scratch/bad-bin" \
  bash action/install.sh >/dev/null 2>&1; then fail "the action installed an archive with a wrong checksum"; fi
[[ ! -e "$scratch/bad-bin/contract" ]] || fail "a binary was left behind"
if CONTRACT_BASE_URL="file://$release" CONTRACT_INSTALL="$scratch/bad-sh" sh install.sh >/dev/null 2>&1; then
  fail "install.sh installed an archive with a wrong checksum"
fi
[[ ! -e "$scratch/bad-sh/contract" ]] || fail "install.sh left a binary behind"
echo "action test: all good"
