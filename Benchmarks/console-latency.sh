#!/usr/bin/env bash
# Measures the officer console in a real terminal (a private tmux server):
#   (a) append-to-screen latency: another process reports a hazard; how long
#       from the record's own timestamp until the hazard's id is on the screen
#       tmux holds, p50/p90/p99/max over N appends;
#   (b) idle CPU: utime+stime of the console over an idle minute, from
#       /proc/PID/stat, plus its wake-ups (context switches).
#
# Usage: Benchmarks/console-latency.sh [APPENDS] [IDLE_SECONDS]
#   SCRATCH_PATH=.build-bench  SwiftPM scratch folder for the release build
#   SKIP_BUILD=1               use the release binary already in SCRATCH_PATH
#
# How (a) is timed: the appending CLI stamps the record with the wall clock
# when it decides the command (before its write and fsync); the poller runs
# `tmux capture-pane` in a tight loop and stamps the first capture that shows
# the new hazard id. Both clocks are CLOCK_REALTIME on one machine. The
# figure is an upper bound: it includes the appender's write+fsync, the
# console's inotify wake, fold and redraw, tmux parsing the output, and up to
# one capture period (reported as "capture period") of polling slack.
set -euo pipefail

APPENDS=${1:-100}
IDLE_SECONDS=${2:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH_PATH=${SCRATCH_PATH:-.build-bench}
cd "$ROOT"

command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }
command -v perl >/dev/null || { echo "perl is needed for the timing loop" >&2; exit 1; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
    echo "building release into $SCRATCH_PATH ..." >&2
    swift build -c release --product towerwatch --scratch-path "$SCRATCH_PATH" >&2
fi
BIN="$ROOT/$SCRATCH_PATH/release/towerwatch"
[[ -x "$BIN" ]] || { echo "no release binary at $BIN" >&2; exit 1; }

WORK=$(mktemp -d /tmp/tw-bench-XXXXXX)
SOCK="$WORK/tmux.sock"
# BENCH_LOG: measure on another log, e.g. a postgresql:// URL (a binary built with --traits Postgres).
LOG="${BENCH_LOG:-$WORK/bench-district.log}"
cleanup() {
    tmux -S "$SOCK" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- a prepared district: the demo, 20 guards on duty, two open hazards ----
"$BIN" init --log "$LOG" >/dev/null
for n in $(seq 1 20); do
    "$BIN" on-duty "$(printf 'G-%03d' "$n")" --as O-01 --log "$LOG" >/dev/null
done
"$BIN" report-hazard --as G-001 --category fire-safety --tower T01 --floor 3 --zone escape-route \
    --note "blocked door" --log "$LOG" >/dev/null
"$BIN" report-hazard --as G-003 --category parking --tower T02 --floor B1 --zone garage \
    --note "car on the ramp" --log "$LOG" >/dev/null
FIRST_HAZARD=3   # the next hazard id the appends will get

# --- the console in a 160x45 pane --------------------------------------------
tmux -S "$SOCK" -f /dev/null new-session -d -x 160 -y 45 \
    "sleep 0.2; exec env LANG=C.UTF-8 TERM=xterm-256color NCURSES_NO_UTF8_ACS=1 '$BIN' console --log '$LOG' --as O-01" \
    \; set -g remain-on-exit on \; set -g status off
tmux -S "$SOCK" resize-window -x 160 -y 45
for _ in $(seq 1 100); do
    tmux -S "$SOCK" capture-pane -p -t 0 | grep -q "Open hazards" && break
    sleep 0.1
done
tmux -S "$SOCK" capture-pane -p -t 0 | grep -q "Open hazards" || { echo "the console did not start" >&2; exit 1; }

PID=""
for p in /proc/[0-9]*; do
    [[ "$(cat "$p/comm" 2>/dev/null)" == towerwatch ]] || continue
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -- "$LOG" && PID=${p#/proc/} && break
done
[[ -n "$PID" ]] || { echo "cannot find the console's pid" >&2; exit 1; }

# --- (a) append-to-screen latency ---------------------------------------------
echo "measuring $APPENDS appends ..." >&2
perl -MTime::HiRes=time,sleep -MPOSIX=:sys_wait_h -MTime::Local=timegm -MJSON::PP - \
    "$BIN" "$LOG" "$SOCK" "$APPENDS" "$FIRST_HAZARD" <<'PERL'
use strict; use warnings;
my ($bin, $log, $sock, $appends, $first) = @ARGV;
my (%seen, @periods);
for my $i (0 .. $appends - 1) {
    my $id = sprintf("H-%06d", $first + $i);
    my $guard = sprintf("G-%03d", 1 + $i % 20);
    # Each report at a place of its own: one at a place with an open hazard would join it.
    my $tower = sprintf("T%02d", 1 + $i % 27);
    my $floor = 1 + int($i / 27) % 5;
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
        exec($bin, 'report-hazard', '--as', $guard, '--category', 'parking', '--tower', $tower,
             '--floor', $floor, '--zone', 'lobby', '--note', "bench $i", '--log', $log) or exit 127;
    }
    my $deadline = time + 5;
    while (time < $deadline) {
        my $t0 = time;
        my $screen = `tmux -S '$sock' capture-pane -p -t 0`;
        my $t1 = time;
        push @periods, $t1 - $t0;
        if (index($screen, $id) >= 0) { $seen{$id} = $t1; last; }
    }
    waitpid($pid, 0);
    die "report-hazard for $id failed\n" if $? != 0;
    warn "$id never showed\n" unless exists $seen{$id};
    sleep(0.1 + rand(0.1));   # independent samples, off the one-second tick
}
# The records' own times.
my %stamp;
for my $line (`'$bin' log dump '$log' --type HazardReported`) {
    my $r = eval { decode_json($line) } or next;
    my ($y, $mo, $d, $h, $mi, $s, $ms) = $r->{time} =~ /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)Z$/ or next;
    $stamp{$r->{fields}{hazard}} = timegm($s, $mi, $h, $d, $mo - 1, $y) + $ms / 1000;
}
my @lat = sort { $a <=> $b } map { ($seen{$_} - $stamp{$_}) * 1000 } grep { exists $stamp{$_} } keys %seen;
die "no samples\n" unless @lat;
my $pct = sub { my $p = shift; $lat[ int(($#lat) * $p / 100 + 0.5) ] };
my @per = sort { $a <=> $b } @periods;
printf "append-to-screen latency over %d appends (%d shown): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, min %.1f ms\n",
    $appends, scalar(@lat), $pct->(50), $pct->(90), $pct->(99), $lat[-1], $lat[0];
printf "capture period (polling slack): median %.1f ms, max %.1f ms\n",
    $per[int($#per / 2)] * 1000, $per[-1] * 1000;
PERL

# --- (b) idle CPU -------------------------------------------------------------
echo "idling $IDLE_SECONDS s ..." >&2
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
# Voluntary switches are the console's own wake-ups (it sleeps in poll);
# involuntary ones are preemptions, which count the machine's load, not ours.
switches() { awk '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 } END { print v, n }' "/proc/$PID/status"; }
sleep 2   # let the last append's redraw settle
c0=$(cpu_ticks); read -r v0 n0 < <(switches); t0=$(date +%s.%N)
sleep "$IDLE_SECONDS"
c1=$(cpu_ticks); read -r v1 n1 < <(switches); t1=$(date +%s.%N)
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$TICKS" \
    -v v0="$v0" -v v1="$v1" -v n0="$n0" -v n1="$n1" 'BEGIN {
    wall = t1 - t0; cpu = (c1 - c0) / hz
    printf "idle CPU over %.1f s: %.2f s of CPU = %.3f%% of one core (resolution %.3f%%)\n",
        wall, cpu, 100 * cpu / wall, 100 / hz / wall
    printf "wake-ups: %.2f per second (voluntary), preemptions %.2f per second (machine load)\n",
        (v1 - v0) / wall, (n1 - n0) / wall
}'
echo "console pid $PID, $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $(tmux -V)"
