#!/usr/bin/env bash
# The action's install step (action.yml): puts `contract` in $CONTRACT_BIN_DIR.
#   1. already there (the cache step restored it) and it runs: done;
#   2. the action was used at a release tag and the release has a binary for this runner: the
#      archive and SHA256SUMS from the release, the checksum verified;
#   3. otherwise `cargo install --locked` from the action's own checkout (cached by the step
#      before, keyed on the tag and Cargo.lock).
# CONTRACT_RELEASE_DIR names a directory holding the release assets instead of downloading them
# (how .ci/run tests the checksum path offline).
set -euo pipefail

bin_dir="${CONTRACT_BIN_DIR:?CONTRACT_BIN_DIR is not set}"
action_dir="${CONTRACT_ACTION_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
version="${CONTRACT_VERSION:-}"
mkdir -p "$bin_dir"
exe=contract
[[ "${RUNNER_OS:-}" == Windows ]] && exe=contract.exe

if [[ -x "$bin_dir/$exe" ]] && "$bin_dir/$exe" --version >/dev/null 2>&1; then
  echo "contract: $("$bin_dir/$exe" --version) (cached)"
  exit 0
fi

# The release target built for this runner (.github/workflows/release.yml).
target=""
case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
esac
archive="contract-$target.tar.gz"
[[ "$target" == *windows* ]] && archive="contract-$target.zip"

fetch_release() {
  local into=$1
  if [[ -n "${CONTRACT_RELEASE_DIR:-}" ]]; then
    cp "$CONTRACT_RELEASE_DIR/$archive" "$CONTRACT_RELEASE_DIR/SHA256SUMS" "$into/" 2>/dev/null
  else
    [[ "$version" == v* && -n "${CONTRACT_REPOSITORY:-}" ]] || return 1
    command -v gh >/dev/null || return 1
    gh release download "$version" --repo "$CONTRACT_REPOSITORY" --dir "$into" \
      --pattern "$archive" --pattern SHA256SUMS 2>/dev/null
  fi
}

verify() {
  local dir=$1 expected actual
  expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$dir/SHA256SUMS")
  if command -v sha256sum >/dev/null; then
    actual=$(sha256sum "$dir/$archive" | awk '{ print $1 }')
  else
    actual=$(shasum -a 256 "$dir/$archive" | awk '{ print $1 }')
  fi
  [[ -n "$expected" && "$expected" == "$actual" ]]
}

if [[ -n "$target" ]]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  if fetch_release "$scratch"; then
    if ! verify "$scratch"; then
      echo "::error title=contract install::$archive does not match its SHA256SUMS entry; refusing to install it"
      exit 1
    fi
    if [[ "$archive" == *.zip ]]; then
      unzip -q -o "$scratch/$archive" -d "$scratch/unpacked"
    else
      mkdir -p "$scratch/unpacked" && tar -xzf "$scratch/$archive" -C "$scratch/unpacked"
    fi
    install -m 0755 "$(find "$scratch/unpacked" -name "$exe" -type f | head -n 1)" "$bin_dir/$exe"
    echo "contract: $("$bin_dir/$exe" --version) (release $archive, checksum verified)"
    exit 0
  fi
fi

echo "contract: no release binary for ${target:-this runner}${version:+ at $version}; building with cargo install --locked"
cargo install --locked --quiet --path "$action_dir" --root "$bin_dir/.cargo-root"
install -m 0755 "$bin_dir/.cargo-root/bin/$exe" "$bin_dir/$exe"
echo "contract: $("$bin_dir/$exe" --version) (built from source)"
