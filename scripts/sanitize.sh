#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, with the fuzz
# targets' committed corpora replayed under them (ctest runs fuzz_*_replay with the others).
#
#   scripts/sanitize.sh [BUILD_DIR]          # everything; default BUILD_DIR: build-asan
#   scripts/sanitize.sh --core [BUILD_DIR]   # what reads untrusted input, for CI's time budget:
#                                            # text, readers, rules, analyzer suites (bad input,
#                                            # seed) and the fuzz corpus replays
#
# Any sanitizer report fails the run: UBSan aborts on the first finding
# (-fno-sanitize-recover, set by ISNAD_SANITIZE), ASan and LeakSanitizer exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
core=
if [[ "${1:-}" == "--core" ]]; then
  core=1
  shift
fi
dir=${1:-build-asan}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DISNAD_SANITIZE=ON \
  -DISNAD_BUILD_TESTS=ON -DISNAD_BUILD_FUZZ=ON -DISNAD_BUILD_BENCH=OFF
exclude='^$'
if [[ -n "$core" ]]; then
  cmake --build "$dir" --target normalizer_test tokenizer_test segmenter_test document_test \
    rules_test seed_test bad_input_test fuzz_normalizer fuzz_tokenizer fuzz_reader fuzz_rules \
    fuzz_analyze
  exclude='_NOT_BUILT'  # the suites of targets not built in this mode
else
  cmake --build "$dir"
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -E "$exclude"
