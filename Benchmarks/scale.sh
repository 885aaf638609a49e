#!/usr/bin/env bash
# A year of history at the district's scale (issue: open in under a second,
# seek anywhere, stay small in memory). Release build; the log goes to
# ${TOWERWATCH_SCALE_DIR:-/tmp/towerwatch-scale}, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product towerwatch
bin=.build/release/towerwatch
dir=${TOWERWATCH_SCALE_DIR:-/tmp/towerwatch-scale}
mkdir -p "$dir"
log="$dir/year.twlog"
if [ ! -f "$log" ]; then
  /usr/bin/time -f "history: %e s, peak %M KB" "$bin" simulate --log "$log" --history 365d --start 2025-11-29T00:00 --seed 2026
fi
ls -l "$log"
echo "== full replay, no snapshots (replay rate and peak memory)"
"$bin" _exercise open "$log" --no-snapshots
echo "== snapshots every 100,000 records"
rm -rf "$log.snapshots"
/usr/bin/time -f "snapshots: %e s" "$bin" log snapshot "$log" --every 100000
du -sh "$log.snapshots"
echo "== open to first frame with snapshots (3 runs)"
for _ in 1 2 3; do "$bin" _exercise open "$log"; done
echo "== seek to 100 random times in replay (2 runs)"
for _ in 1 2; do "$bin" _exercise seek "$log" --count 100; done
