#!/usr/bin/env bash
# Fails with one clear line when the Python given is missing or older than 3.11.
py="${1:-python3}"
if ! command -v "$py" >/dev/null 2>&1; then
  echo "error: '$py' not found. Install Python >= 3.11 (or run 'make PYTHON=/path/to/python3.11 ...')." >&2
  exit 1
fi
if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "error: $("$py" --version 2>&1) is too old: the kit needs Python >= 3.11 (run 'make PYTHON=python3.11 ...')." >&2
  exit 1
fi
if ! "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "error: '$py' has no venv/ensurepip module. On Debian/Ubuntu: apt-get install python3-venv" >&2
  exit 1
fi
