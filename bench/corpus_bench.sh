#!/usr/bin/env bash
# The corpus benchmark: isnad against a grep scan of the same file.
#
#   bench/corpus_bench.sh [CORPUS.jsonl.gz] [THREADS] [REPEAT]
#
# Defaults: ../shared/corpus/ant-arabic-news.jsonl.gz, one thread per core, REPEAT 5. Needs a build
# with the benchmarks (build/bench/isnad_corpus_bench; another build folder:
# ISNAD_CORPUS_BENCH=path/to/isnad_corpus_bench). Steps:
#  1. decompresses the corpus to a temporary file (both programs read the same bytes);
#  2. the baseline: `grep -oE '(قال|أضاف|أكد|...)' FILE | wc -l` (the main reporting verbs),
#     median wall time of 3 runs (after one warm-up run that also warms the page cache);
#  3. isnad_corpus_bench on the decompressed file: rules load, read-only pass, reading +
#     analysis on one thread and on THREADS threads, peak memory, and the single-thread time
#     as a multiple of the grep time. The one- and THREADS-thread runs alternate REPEAT times
#     and the median of each (and of their paired ratios) is reported.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus/ant-arabic-news.jsonl.gz}
threads=${2:-$(nproc)}
repeat=${3:-5}
bench=${ISNAD_CORPUS_BENCH:-$root/build/bench/isnad_corpus_bench}
if [[ ! -f "$corpus" ]]; then echo "corpus_bench: no corpus at $corpus" >&2; exit 2; fi
if [[ ! -x "$bench" ]]; then
  echo "corpus_bench: $bench not built (cmake -DISNAD_BUILD_BENCH=ON, then build)" >&2; exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/corpus.jsonl
case "$corpus" in
  *.gz) gzip -dc "$corpus" > "$file" ;;
  *) cp "$corpus" "$file" ;;
esac
echo "corpus: $corpus -> $(wc -c < "$file") bytes decompressed, $(wc -l < "$file") lines"

verbs='(قال|أضاف|أكد|أوضح|أشار|أعلن|ذكر|نفى|صرح|كشف|أفاد|نقل|حذر|تابع|اعتبر|رأى|شدد|لفت|زعم|بحسب|وفق)'
baseline() { grep -oE "$verbs" "$file" | wc -l; }

now() { date +%s%N; }
baseline > /dev/null  # warm-up
times=()
for _ in 1 2 3; do
  t0=$(now); matches=$(baseline); t1=$(now)
  times+=("$(( (t1 - t0) / 1000000 ))")
done
median_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
grep_s=$(awk -v ms="$median_ms" 'BEGIN { printf "%.3f", ms / 1000 }')
echo "baseline: grep -oE '$verbs' FILE | wc -l -> $matches matches"
echo "baseline time: median $grep_s s of 3 runs (${times[*]} ms), locale ${LC_ALL:-${LANG:-C}}"
"$bench" "$file" --threads "$threads" --baseline-seconds "$grep_s" --repeat "$repeat"
