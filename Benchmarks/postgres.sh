#!/usr/bin/env bash
# The file store and the PostgreSQL store side by side, in one run, release build
# with the Postgres trait:
#   (1) replay: `log verify` (read, checksum, decode, fold every record) of the
#       same history, from the file and from the database (COPY into the file
#       store's line reader); events/s, best and median of 3;
#   (2) durable append, one writer: `_exercise append-latency` (execute of one
#       scan: lock, catch up, decide, write, sync/commit), p50 and p99;
#   (3) group commit, 8 writer processes × 5,000 scans through
#       `ingest --group-commit`, events/s from the first start to the last exit;
#       on PostgreSQL once as the tables' owner and once as 8 staff roles on the
#       roster (each batch checked by towerwatch_append, identity held by the database);
#   (4) another process's append to a console's screen, on the database
#       (Benchmarks/console-latency.sh with BENCH_LOG set to the district's URL).
#
# Usage: TOWERWATCH_BENCH_PG='postgresql:///towerwatch?host=/tmp/pg&port=5433' Benchmarks/postgres.sh [DAYS] [APPENDS]
#   DAYS of simulated history for (1) (25 days ≈ 1 M events); APPENDS for (4).
#   SCRATCH_PATH=.build-bench-pg  SwiftPM scratch folder; SKIP_BUILD=1 uses the binary there.
set -euo pipefail
DAYS=${1:-25}
APPENDS=${2:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH_PATH=${SCRATCH_PATH:-.build-bench-pg}
PG=${TOWERWATCH_BENCH_PG:?set TOWERWATCH_BENCH_PG to a postgresql:// URL of a database the benchmark may write}
cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
    swift build -c release --traits Postgres --product towerwatch --scratch-path "$SCRATCH_PATH" >&2
fi
BIN="$ROOT/$SCRATCH_PATH/release/towerwatch"
WORK=$(mktemp -d /tmp/tw-bench-pg-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
RUN=$$_$RANDOM
url() { case "$PG" in *\?*) echo "$PG&district=$1-$RUN" ;; *) echo "$PG?district=$1-$RUN" ;; esac; }
now() { date +%s.%N; }

# --- (1) replay ----------------------------------------------------------------
HIST="$WORK/history.twlog"
"$BIN" simulate --log "$HIST" --history "${DAYS}d" >/dev/null
HURL=$(url history)
t0=$(now); "$BIN" log export --from "$HIST" --to "$HURL" >/dev/null; t1=$(now)
RECORDS=$(grep -c '' "$HIST"); RECORDS=$((RECORDS - 1))
echo "history: $RECORDS records, $(du -m "$HIST" | cut -f1) MB; export to the database $(awk -v a="$t0" -v b="$t1" -v n="$RECORDS" 'BEGIN{printf "%.1f s (%.0f records/s)", b-a, n/(b-a)}')"
replay() {
    local times=()
    for _ in 1 2 3; do
        local a b; a=$(now); "$BIN" log verify "$1" >/dev/null; b=$(now)
        times+=("$(awk -v a="$a" -v b="$b" 'BEGIN{print b-a}')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RECORDS" -v what="$2" \
        'NR==1{best=$1} NR==2{med=$1} END{printf "replay (log verify) %-10s best %.2f s = %.2f M events/s, median %.2f s = %.2f M events/s\n", what, best, n/best/1e6, med, n/med/1e6}'
}
replay "$HIST" file
replay "$HURL" postgres

# --- (2) durable append, one writer ---------------------------------------------
AFILE="$WORK/append.twlog"; AURL=$(url append)
for log in "$AFILE" "$AURL"; do "$BIN" init --log "$log" >/dev/null; "$BIN" on-duty G-001 --as O-01 --log "$log" >/dev/null; done
echo "durable append, file:     $("$BIN" _exercise append-latency --count 2000 --log "$AFILE")"
echo "durable append, postgres: $("$BIN" _exercise append-latency --count 2000 --log "$AURL")"

# --- (3) group commit, 8 writer processes ----------------------------------------
# The URL $1 logged in as role $2 (libpq's user= replaced).
as_role() {
    local u; u=$(printf '%s' "$1" | sed -E 's/([?&])user=[^&]*(&|$)/\1/; s/[?&]$//')
    case "$u" in *\?*) echo "$u&user=$2" ;; *) echo "$u?user=$2" ;; esac
}
group() {
    local log=$1 what=$2 roster=${3:-}
    "$BIN" init --log "$log" >/dev/null
    for w in 1 2 3 4 5 6 7 8; do "$BIN" on-duty "G-00$w" --as O-01 --log "$log" >/dev/null; done
    for w in 1 2 3 4 5 6 7 8; do
        awk -v g="G-00$w" 'BEGIN{for(i=0;i<5000;i++) printf "{\"as\":\"%s\",\"command\":\"scan\",\"checkpoint\":\"T01-CP0%d\"}\n", g, 1+i%3}' > "$WORK/feed$w.jsonl"
    done
    # With roster: each writer logs in as a role of its own that may act only as its
    # guard, so every batch goes through towerwatch_append's identity check.
    local writer=()
    for w in 1 2 3 4 5 6 7 8; do
        if [[ -n "$roster" ]]; then
            "$BIN" setup --postgres "$log" --enroll "tw_bench_${w}_$RUN=guard:G-00$w" >/dev/null
            writer[$w]=$(as_role "$log" "tw_bench_${w}_$RUN")
        else
            writer[$w]=$log
        fi
    done
    local a b; a=$(now)
    for w in 1 2 3 4 5 6 7 8; do "$BIN" ingest --group-commit --log "${writer[$w]}" < "$WORK/feed$w.jsonl" >/dev/null & done
    wait
    b=$(now)
    awk -v a="$a" -v b="$b" -v what="$what" 'BEGIN{printf "group commit, 8 processes x 5,000 scans, %-8s %.2f s = %.0f events/s\n", what, b-a, 40000/(b-a)}'
    "$BIN" log verify "$log" | grep -q sound || { echo "the $what log is not sound after group commit" >&2; exit 1; }
}
group "$WORK/group.twlog" file
group "$(url group)" postgres
group "$(url roster)" roster roster

# --- (4) another process's append to the console's screen -------------------------
BENCH_LOG=$(url screen) SKIP_BUILD=1 SCRATCH_PATH="$SCRATCH_PATH" "$ROOT/Benchmarks/console-latency.sh" "$APPENDS" 5 | grep -E "append-to-screen|capture period"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
