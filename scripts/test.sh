#!/usr/bin/env bash
# Run every test. The end-to-end tests drive tcui in tmux, so tmux is installed first if it is
# missing (with apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq tmux
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo apt-get install -y -qq tmux
  else
    echo "tmux is needed for tests/it/tui_e2e.rs; install it (apt-get install tmux, brew install tmux)" >&2
  fi
fi
cargo test "$@"
