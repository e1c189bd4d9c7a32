#!/usr/bin/env bash
# Installs the Debian 12 packages isnad needs to build, test and benchmark.
# Safe to run repeatedly: it does nothing when every package is already installed.
# Usage: scripts/install-deps.sh [--with-browser]   (root, or sudo available)
set -euo pipefail
pkgs=(cmake ninja-build g++ pkg-config python3
      libicu-dev libboost-graph-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev
      libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev zlib1g-dev libxxhash-dev)
if [[ "${1:-}" == "--with-browser" ]]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then exit 0; fi
echo "install-deps: installing ${missing[*]}" >&2
sudo=""; if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
