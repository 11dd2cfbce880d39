#!/usr/bin/env bash
# Time to first window: from process start until the app logs "window shown" (right after Stage.show()),
# under Xvfb, each start with a fresh home. Usage: installer/time-to-window.sh RUNS COMMAND...
# e.g. installer/time-to-window.sh 3 target/installer/Breakeven/bin/Breakeven
#      installer/time-to-window.sh 3 ./mvnw -o -q javafx:run
set -euo pipefail
RUNS=$1; shift
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for i in $(seq "$RUNS"); do
    home=$(mktemp -d)
    log=$home/d/breakeven/logs/breakeven.log
    start=$(date +%s%N)
    DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/c XDG_DATA_HOME=$home/d setsid "$@" >/dev/null 2>&1 &
    pid=$!
    until grep -q "window shown" "$log" 2>/dev/null; do
        kill -0 $pid 2>/dev/null || { echo "run $i: the app ended before showing a window" >&2; break; }
        sleep 0.05
    done
    end=$(date +%s%N)
    echo "run $i: $(( (end - start) / 1000000 )) ms"
    kill -- -$pid 2>/dev/null || kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    rm -rf "$home"
done
