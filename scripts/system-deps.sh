#!/usr/bin/env bash
# System packages the kit needs beyond Python:
#   - a CJK font, so Chinese renders in charts and HTML (Debian: fonts-noto-cjk)
#   - Chromium, for the real-browser tests and PDF export (Debian: chromium)
#   - for room mode (JupyterHub): Node.js and npm (configurable-http-proxy comes from npm),
#     the system python3 with venv (the learners' environment must lie outside root's home)
#   - bubblewrap, the sandbox `receivables grade` runs each learner's kernel in (Debian: bubblewrap);
#     without it learners' code is graded unsandboxed (the batch says so)
#   - poppler-utils (pdftoppm, pdffonts), which the offline course site's test uses to render a
#     printed PDF page to PNG and list its embedded fonts (the CJK glyphs are checked there)
# Installed with apt-get when missing and we are root; otherwise the exact command is printed.
set -u
missing=()
if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
  missing+=(fontconfig fonts-noto-cjk)
fi
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v npm >/dev/null 2>&1; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  missing+=(npm)
fi
if ! /usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if ! command -v bwrap >/dev/null 2>&1; then
  missing+=(bubblewrap)
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "error: '$cmd' failed" >&2; exit 1; }
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "note: system packages missing: ${missing[*]}"
  if command -v apt-get >/dev/null 2>&1; then
    echo "      run: sudo apt-get update && sudo $cmd"
  else
    echo "      install a CJK font (e.g. Noto Sans CJK SC), Chromium, bubblewrap and poppler (pdftoppm) with your system's package manager."
  fi
  echo "      Charts in Chinese, the browser tests, room mode and sandboxed grading need them; everything else works without."
fi
exit 0
