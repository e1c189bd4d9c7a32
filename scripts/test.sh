#!/usr/bin/env bash
# The README's test command (and what CI runs, .ci/run): installs what the build needs, builds,
# runs the test suite (with the fuzz corpora replayed), then the suites that read untrusted
# input and the fuzz replays under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh --core, in build-asan; `scripts/sanitize.sh` alone runs everything).
#
#   bash scripts/test.sh            # everything
#   ISNAD_NO_SANITIZE=1 bash scripts/test.sh   # skip the sanitizer job (a quick local run)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-browser
cmake -S . -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure
if [[ -z "${ISNAD_NO_SANITIZE:-}" ]]; then
  bash scripts/sanitize.sh --core build-asan
fi
