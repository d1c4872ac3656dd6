#!/usr/bin/env bash
# Builds a corpus of N reports (default 2,000) from the bundled fixtures with perturbed
# numbers, then times `juesuan check --format concise` and a plain text scan,
# `rg -o '[0-9][0-9,.]*\s*万元'`, over the same files in the same run, and prints the wall
# times, their ratio and each one's peak memory (from /usr/bin/time -v). Run again with 2N
# to see memory stay flat. Needs python3 and /usr/bin/time; installs ripgrep with cargo
# into target/bench-tools when it is not on PATH.
#
#   scripts/bench-corpus.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2000}"
RUNS="${2:-3}"

RG="$(command -v rg || true)"
if [ -z "$RG" ]; then
  if [ ! -x target/bench-tools/bin/rg ]; then
    echo "installing ripgrep into target/bench-tools (once)…" >&2
    cargo install --quiet ripgrep --root target/bench-tools >&2
  fi
  RG=target/bench-tools/bin/rg
fi
cargo build --release --quiet

CORPUS="target/bench-corpus/$N"
if [ ! -f "$CORPUS/.done" ]; then
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  python3 - "$N" "$CORPUS" <<'PY'
import pathlib, random, re, sys
n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
seeds = sorted(pathlib.Path("fixtures").glob("*.txt"))
texts = [p.read_text(encoding="utf-8-sig") for p in seeds]
rng = random.Random(20261124)
figure = re.compile(r"\d+\.\d+")
def perturb(m):
    # One in five figures gets its last digit changed: the reports stay realistic,
    # and the rules find a realistic number of discrepancies.
    s = m.group(0)
    return s[:-1] + str(rng.randrange(10)) if rng.random() < 0.2 else s
for i in range(n):
    src = i % len(texts)
    (out / f"{i:05d}_{seeds[src].name}").write_text(figure.sub(perturb, texts[src]), encoding="utf-8")
PY
  touch "$CORPUS/.done"
fi
BYTES=$(du -sb "$CORPUS" | cut -f1)

# measure NAME CMD…: the best wall time (s) and the peak RSS (KiB) of RUNS runs.
measure() {
  local name="$1"; shift
  local best="" peak=0
  for _ in $(seq "$RUNS"); do
    # Output to a file, not /dev/null: ripgrep stops at the first match when it sees its
    # output discarded.
    /usr/bin/time -v -o target/bench-time.txt "$@" > target/bench-out.txt 2>&1 || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' target/bench-time.txt)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/bench-time.txt)
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
    if [ "$rss" -gt "$peak" ]; then peak=$rss; fi
  done
  echo "$name $best $peak $(wc -l < target/bench-out.txt)"
}

read -r _ JT JM JL < <(measure juesuan target/release/juesuan check --format concise "$CORPUS")
read -r _ RT RM RL < <(measure rg "$RG" -o '[0-9][0-9,.]*\s*万元' "$CORPUS")
awk -v n="$N" -v b="$BYTES" -v jt="$JT" -v jm="$JM" -v rt="$RT" -v rm="$RM" -v c="$(nproc)" -v jl="$JL" -v rl="$RL" 'BEGIN {
  printf "corpus: %d reports, %.1f MB, %d cores\n", n, b/1e6, c
  printf "juesuan check --format concise: %.2f s (%.1f MB/s, %.1f MB/s per core), peak %.1f MiB, %d lines\n", jt, b/1e6/jt, b/1e6/jt/c, jm/1024, jl
  printf "rg -o (plain scan):             %.2f s (%.1f MB/s), peak %.1f MiB, %d lines\n", rt, b/1e6/rt, rm/1024, rl
  printf "ratio juesuan / rg: %.1f\n", jt/rt
}'
