#!/usr/bin/env bash
# Regenerates every figure of docs/PERFORMANCE.md, side by side where a target is a ratio:
#   bench/run.sh            the full run (10 000 reports; a few minutes)
#   bench/run.sh --smoke    seconds-long: every step once on a few reports (what CI runs);
#                           prints figures but asserts none (timings belong in benchmarks).
# Prints the results table (markdown) on stdout; also writes it to target/bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
if ((SMOKE)); then
    COUNT=40 ROUNDS=2 BATCH_ROUNDS=1 TUI_ITERS=10 DIVAN=(--sample-count 2 --sample-size 1)
else
    COUNT=10000 ROUNDS=31 BATCH_ROUNDS=5 TUI_ITERS=1000 DIVAN=()
fi

# --- tools a fresh Debian machine may lack (installed only when missing) -----------------
missing=()
command -v nano >/dev/null 2>&1 || missing+=(nano)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing ${missing[*]}" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "bench/run.sh needs: ${missing[*]} (install them, or run as root with apt-get)" >&2
        exit 2
    fi
fi

echo "building (release)…" >&2
cargo build --release --locked --bin nianbao --example gen_reports --example first_frame >&2
BIN=$PWD/target/release/nianbao
EX=$PWD/target/release/examples
OUT_DIR=$PWD/target/bench
mkdir -p "$OUT_DIR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A UTF-8 locale every Debian has, so that nano shows the Chinese text as text (nianbao's
# messages stay Chinese: LC_ALL does not start with "en").
export NIANBAO_DATA_DIR=$WORK/data LC_ALL=C.UTF-8

# --- helpers ------------------------------------------------------------------------------
# Milliseconds (3 decimals) that one run of "$@" takes, output discarded, exit status ignored.
run_ms() {
    local t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    local t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
# "met" when $1 <= $2 (numbers), else "missed by N×".
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v <= t) print "met"; else printf "**missed** (%.2f× the limit)\n", v / t }'; }
cat_all() { find "$WORK/reports" -name '*.txt' -exec cat {} + >/dev/null; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); echo "  $1: $2 ($3)" >&2; }

# --- inputs -------------------------------------------------------------------------------
echo "generating $COUNT reports (fixed seed) and the largest draft…" >&2
"$EX/gen_reports" reports "$WORK/reports" "$COUNT" >&2
ID=$("$EX/gen_reports" largest "$WORK/data")
LARGEST_TXT=$WORK/data/largest.txt
ONE=$WORK/reports/00/00001.txt
BYTES=$(find "$WORK/reports" -name '*.txt' -exec cat {} + | wc -c)

# --- binary size --------------------------------------------------------------------------
SIZE=$(stat -c %s "$BIN")
row "release binary size" "$(awk -v s="$SIZE" 'BEGIN { printf "%.2f MB", s / 1e6 }')" "stat -c %s target/release/nianbao" "≤ 8 MB" "$(verdict "$SIZE" 8000000)"

# --- one report: check vs cat vs process start (interleaved, medians) ----------------------
echo "one report: check vs cat, $ROUNDS rounds…" >&2
: >"$WORK/one.check" && : >"$WORK/one.cat" && : >"$WORK/one.start"
for ((i = 0; i < ROUNDS; i++)); do
    run_ms cat "$ONE" >>"$WORK/one.cat" && echo >>"$WORK/one.cat"
    run_ms "$BIN" --version >>"$WORK/one.start" && echo >>"$WORK/one.start"
    run_ms "$BIN" check "$ONE" >>"$WORK/one.check" && echo >>"$WORK/one.check"
done
C1=$(median <"$WORK/one.check") K1=$(median <"$WORK/one.cat") S1=$(median <"$WORK/one.start")
LIMIT1=$(awk -v c="$K1" -v s="$S1" 'BEGIN { printf "%.3f", 2 * c + s }')
row "check one report ($(stat -c %s "$ONE") bytes)" "$C1 ms" "cat $K1 ms; process start (\`nianbao --version\`) $S1 ms; limit 2×cat+start = $LIMIT1 ms" "≤ 2× cat + process start" "$(verdict "$C1" "$LIMIT1")"

# --- batch: check of every report vs cat of every report ---------------------------------
echo "batch: check of $COUNT reports vs cat, $BATCH_ROUNDS rounds…" >&2
cat_all # warm the page cache for both
: >"$WORK/batch.check" && : >"$WORK/batch.cat"
for ((i = 0; i < BATCH_ROUNDS; i++)); do
    run_ms cat_all >>"$WORK/batch.cat" && echo >>"$WORK/batch.cat"
    run_ms "$BIN" check "$WORK/reports" >>"$WORK/batch.check" && echo >>"$WORK/batch.check"
done
CB=$(median <"$WORK/batch.check") KB=$(median <"$WORK/batch.cat")
RB=$(ratio "$CB" "$KB")
row "batch check, $COUNT reports ($((BYTES / 1000000)) MB, $(nproc) cores)" "$CB ms" "cat of all: $KB ms; ratio ${RB}×" "≤ 3× cat" "$(verdict "$RB" 3)"
"$BIN" check "$WORK/reports" 2>/dev/null | tail -n 1 >"$WORK/batch.summary" || true
echo "  summary line: $(cat "$WORK/batch.summary")" >&2

# Peak memory of the batch, for a tenth of the reports and for all: flat means about equal.
SUB=$WORK/reports/00
peak_kb() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -n 1; }
RSS_ALL=$(peak_kb "$BIN" check "$WORK/reports")
RSS_SUB=$(peak_kb "$BIN" check "$SUB")
SUB_COUNT=$(find "$SUB" -name '*.txt' | wc -l)
row "batch check peak RSS" "$((RSS_ALL / 1024)) MB ($COUNT reports)" "$((RSS_SUB / 1024)) MB for $SUB_COUNT reports (\`/usr/bin/time -f %M\`)" "flat as the count grows" "$(awk -v a="$RSS_ALL" -v b="$RSS_SUB" 'BEGIN { if (a <= 1.5 * b + 4096) print "met"; else print "**missed**" }')"

# --- first frame in a pseudo-terminal vs nano on a file of the same size -------------------
echo "first frame vs nano, $ROUNDS rounds…" >&2
: >"$WORK/ff.nb" && : >"$WORK/ff.nano" && : >"$WORK/ff.picker"
ff() { "$EX/first_frame" "$@" | sed -n 's/.*first_frame_ms=\([0-9.]*\).*/\1/p'; }
for ((i = 0; i < ROUNDS; i++)); do
    ff --quit '\x18' -- nano "$LARGEST_TXT" >>"$WORK/ff.nano"
    ff --quit '\x11' -- "$BIN" open "$ID" >>"$WORK/ff.nb"
    ff --quit '\x11' -- "$BIN" >>"$WORK/ff.picker"
done
FN=$(median <"$WORK/ff.nb") FK=$(median <"$WORK/ff.nano") FP=$(median <"$WORK/ff.picker")
RF=$(ratio "$FN" "$FK")
row "first frame, largest draft ($(stat -c %s "$WORK/data/drafts/$ID.json") bytes) at 200x50" "$FN ms" "nano on $(stat -c %s "$LARGEST_TXT") bytes: $FK ms; ratio ${RF}×" "≤ 1.0× nano and ≤ 15 ms" "$(verdict "$RF" 1.0), $(verdict "$FN" 15)"
row "first frame, draft picker" "$FP ms" "(context)" "≤ 15 ms" "$(verdict "$FP" 15)"

# --- TUI peak memory on the largest draft, every screen visited ----------------------------
# Section editor (Enter), Esc; grids of 三 (5) and 四 (7); review and preview.
RSS_TUI=$("$EX/first_frame" --rss --quit '\x11' \
    --key '\r' --key '\e' --key '5' --key '\r' --key '\e' --key '7' --key '\r' --key '\e' \
    --key '9' --key '\e[B' --key '\r' --key '\e' --key '\e[B' --key '\r' \
    -- "$BIN" open "$ID" | sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p')
row "TUI peak RSS, largest draft, every screen" "$(awk -v k="$RSS_TUI" 'BEGIN { printf "%.1f MB", k / 1024 }')" "VmHWM from /proc after visiting each screen" "≤ 15 MB" "$(verdict "$RSS_TUI" 15360)"

# --- benchmarks (cargo bench) ---------------------------------------------------------------
echo "cargo bench…" >&2
NIANBAO_BENCH_ITERS=$TUI_ITERS cargo bench --locked --bench tui_frame 2>/dev/null | tee "$OUT_DIR/tui_frame.txt" >&2
cargo bench --locked --bench core -- "${DIVAN[@]}" 2>/dev/null | tee "$OUT_DIR/core.txt" >&2
while IFS=$'\t' read -r name p50 p99; do
    row "key → frame: $name" "p99 $p99 ms" "p50 $p50 ms (\`cargo bench --bench tui_frame\`)" "p99 ≤ 1 ms" "$(verdict "$p99" 1)"
done < <(awk '/ p50 / { n = $0; sub(/ +p50.*/, "", n); for (i = 1; i <= NF; i++) { if ($i == "p50") a = $(i + 1); if ($i == "p99") b = $(i + 1) } print n "\t" a "\t" b }' "$OUT_DIR/tui_frame.txt")
# divan: "├─ name  fastest │ slowest │ median │ mean │ samples │ iters"; nested names are indented.
median_of() {
    awk -v name="$1" '$0 ~ ("─ " name " ") { sub(".*─ " name " +", ""); split($0, f, "│"); gsub(/^ +| +$/, "", f[3]); print f[3]; exit }' "$OUT_DIR/core.txt"
}
AS=$(median_of 'autosave_largest_draft')
AS_MS=$(awk -v v="$AS" 'BEGIN { split(v, p, " "); f = p[1]; u = p[2]; if (u == "µs") f /= 1000; else if (u == "s") f *= 1000; else if (u == "ns") f /= 1e6; printf "%.3f", f }')
row "autosave of the largest draft (atomic, fsynced), median" "$AS" "\`cargo bench --bench core\`" "≤ 5 ms" "$(verdict "$AS_MS" 5)"
for b in autosave_serialize_only rules_and_totals_largest_draft import_one_report check_one_report grid tsv docx html parse_and_validate parse_only; do
    label=$b
    [[ $b == grid || $b == tsv ]] && label="export_one_report ($b)"
    [[ $b == docx || $b == html ]] && label="export_largest_draft ($b)"
    [[ $b == parse_* ]] && label="format_asset_load ($b)"
    row "core: $label" "$(median_of "$b") median" "\`cargo bench --bench core\`" "(context)" "—"
done

# --- the table ------------------------------------------------------------------------------
{
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory; $(date -u '+%Y-%m-%d %H:%M UTC'); $(rustc --version); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( ((SMOKE)) && echo '; SMOKE RUN (figures meaningless)')"
    echo
    echo "| measurement | figure | side by side / how | target | verdict |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} | tee "$OUT_DIR/results.md"
