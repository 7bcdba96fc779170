#!/bin/sh
# Installs the `contract` binary from a GitHub release, checksum-verified:
#   curl -fsSL https://raw.githubusercontent.com/OWNER/contract/main/install.sh | sh
# Environment:
#   CONTRACT_VERSION   a tag such as v0.1.0 (default: the latest release)
#   CONTRACT_INSTALL   the directory to install into (default: ~/.local/bin)
#   CONTRACT_REPO      OWNER/NAME of the repository publishing the releases
#   CONTRACT_BASE_URL  where the assets are, instead of the release (a mirror, or file:// for tests)
# The archive is refused unless its SHA-256 matches the release's SHA256SUMS.
set -eu

repo="${CONTRACT_REPO:-OWNER/contract}"
version="${CONTRACT_VERSION:-latest}"
into="${CONTRACT_INSTALL:-$HOME/.local/bin}"

say() { printf 'contract install: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) target=x86_64-unknown-linux-musl ;;
  Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-gnu ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64) target=aarch64-apple-darwin ;;
  *) die "no release binary for $(uname -s) $(uname -m); build it: cargo install --locked --git https://github.com/$repo" ;;
esac
archive="contract-$target.tar.gz"

if [ -n "${CONTRACT_BASE_URL:-}" ]; then
  base="$CONTRACT_BASE_URL"
elif [ "$version" = latest ]; then
  base="https://github.com/$repo/releases/latest/download"
else
  base="https://github.com/$repo/releases/download/$version"
fi

command -v curl >/dev/null || die "curl is needed"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
curl -fsSL "$base/$archive" -o "$scratch/$archive" || die "cannot download $base/$archive"
curl -fsSL "$base/SHA256SUMS" -o "$scratch/SHA256SUMS" || die "cannot download $base/SHA256SUMS"

expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$scratch/SHA256SUMS")
if command -v sha256sum >/dev/null; then
  actual=$(sha256sum "$scratch/$archive" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$scratch/$archive" | awk '{ print $1 }')
fi
[ -n "$expected" ] || die "SHA256SUMS has no entry for $archive"
[ "$expected" = "$actual" ] || die "$archive does not match its checksum (expected $expected, got $actual); nothing installed"

mkdir -p "$scratch/unpacked" "$into"
tar -xzf "$scratch/$archive" -C "$scratch/unpacked"
binary=$(find "$scratch/unpacked" -name contract -type f | head -n 1)
[ -n "$binary" ] || die "$archive holds no contract binary"
# Atomic: copy beside the target, then rename over it.
cp "$binary" "$into/.contract.new"
chmod 0755 "$into/.contract.new"
mv -f "$into/.contract.new" "$into/contract"
say "installed $("$into/contract" --version) into $into (checksum verified)"
case ":$PATH:" in *":$into:"*) ;; *) say "add $into to your PATH" ;; esac
