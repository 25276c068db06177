#!/usr/bin/env bash
# Time the real tcui binary from launch to its first screen with tasks, in tmux (120x40).
# Usage: scripts/first-screen.sh BINARY DATA_DIR [RUNS]
# Make DATA_DIR with: TCUI_BENCH_KEEP=DIR cargo bench --bench tui   (100,000 tasks)
set -eu
bin=$1; dir=$2; runs=${3:-5}
sock="tcui-first-screen-$$"
tmux -L "$sock" -f /dev/null new-session -d -s keep -x 120 -y 40 "sleep 3600"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
for i in $(seq "$runs"); do
  start=$(date +%s%N); title=""; full=""
  tmux -L "$sock" new-session -d -s tcui -x 120 -y 40 \
    "env TCUI_CONFIG=/nonexistent TASKRC=/nonexistent $bin --data-dir $dir"
  while [ -z "$full" ]; do
    line=$(tmux -L "$sock" capture-pane -p -t tcui 2>/dev/null | head -1)
    now=$(date +%s%N)
    [ -z "$title" ] && [[ "$line" == " tcui · next ·"* ]] && title=$now
    [[ "$line" =~ ^\ tcui\ ·\ next\ ·\ [1-9] ]] && full=$now
  done
  echo "run $i: title line $(( (title - start) / 1000000 )) ms, tasks shown $(( (full - start) / 1000000 )) ms"
  # Quit cleanly so the replica is closed (a killed tcui leaves a repair for the next start).
  tmux -L "$sock" send-keys -t tcui q
  while tmux -L "$sock" has-session -t tcui 2>/dev/null; do sleep 0.05; done
  sleep 0.5
done
