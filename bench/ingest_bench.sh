#!/usr/bin/env bash
# The ingest benchmark: a corpus into a fresh store, then again (nothing to do).
#
#   bench/ingest_bench.sh [CORPUS] [ISNAD]
#
# CORPUS defaults to ../shared/corpus/ant-arabic-news.jsonl.gz (any input `isnad ingest`
# reads); ISNAD to build/isnad (or $ISNAD_BINARY). Steps, in a temporary folder:
#  1. `isnad ingest CORPUS --db T/bench.db` under /usr/bin/time -v: wall time, peak RSS, CPU;
#  2. the store file's size (after the run: WAL checkpointed and removed on close);
#  3. the same command again (unchanged corpus: hashes only, no analysis): wall time, RSS.
# Prints one "name: value" line per figure, then the two runs' summaries. Targets (issue 6):
# ingest of the 16,844-article corpus on 2 cores <= 20 s wall and <= 300 MB peak memory;
# re-ingest <= 5 s. The machine's other load (`uptime`) is printed: the figures are only as
# good as the machine was idle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus/ant-arabic-news.jsonl.gz}
isnad=${2:-${ISNAD_BINARY:-$root/build/isnad}}
if [[ ! -e "$corpus" ]]; then echo "ingest_bench: no corpus at $corpus" >&2; exit 2; fi
if [[ ! -x "$isnad" ]]; then echo "ingest_bench: no isnad binary at $isnad" >&2; exit 2; fi
if [[ ! -x /usr/bin/time ]]; then echo "ingest_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/bench.db

# run LABEL: runs the ingest under /usr/bin/time -v and prints its figures.
run() {
  local label=$1
  /usr/bin/time -v -o "$tmp/$label.time" "$isnad" ingest "$corpus" --db "$db" --progress never \
    > "$tmp/$label.out"
  local wall rss user sys
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/$label.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/$label.time")
  user=$(awk -F': ' '/User time/ {print $2}' "$tmp/$label.time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$tmp/$label.time")
  # m:ss.ss or h:mm:ss -> seconds
  local secs
  secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  echo "$label wall: ${secs} s"
  echo "$label peak RSS: $((rss / 1024)) MB"
  echo "$label CPU: ${user} s user, ${sys} s system"
}

echo "corpus: $corpus"
echo "isnad: $("$isnad" --version)"
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run ingest
echo "store size: $(( $(stat -c %s "$db") / 1024 / 1024 )) MB ($(stat -c %s "$db") bytes)"
run reingest
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- ingest summary"
cat "$tmp/ingest.out"
echo "--- re-ingest summary"
cat "$tmp/reingest.out"
