#!/usr/bin/env bash
# Start JupyterLab on one edition of the kit: what `make lab` runs.
#   EDITION  en (course/, JupyterLab in English) or zh (course/zh/, JupyterLab's menus in
#            Chinese through the jupyterlab-language-pack-zh-CN that `make setup` installs)
#   PORT, IP where to serve (8888, 127.0.0.1)
#   ROOT     the folder served: by default the trainer's or learner's own workbook,
#            .work/workbook (ignored by git), created or refreshed from the kit's notebooks at
#            every start, so working in JupyterLab never changes the kit's tracked files.
#            `make author` sets ROOT to the kit itself, to edit the course's sources.
#   START    the notebook opened first (the edition's Start Here)
#   WORKBOOK the workbook's folder when ROOT is not set (.work/workbook)
#   LAB_SETTINGS_DIR  JupyterLab's user settings (.work/lab-settings/EDITION, ignored by git)
# Further arguments go to `jupyter lab`.
set -euo pipefail
kit="$(cd "$(dirname "$0")/.." && pwd)"
EDITION="${EDITION:-en}"
if [ -z "${ROOT:-}" ]; then
  ROOT="${WORKBOOK:-$kit/.work/workbook}"
  # A learner's lab: nbgrader's trainer tools (and its assignment list: no exchange here) off.
  "$kit/.venv/bin/receivables" course workbook --out "$ROOT" --jupyter-config "$kit/.work/learner-config"
  export JUPYTER_CONFIG_PATH="$kit/.work/learner-config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
fi
case "$EDITION" in
  zh) locale=zh_CN; start=course/zh/00.00-Start-Here.ipynb ;;
  en) locale=en; start=course/00.00-Start-Here.ipynb ;;
  *) echo "EDITION must be en (English) or zh (中文), not '$EDITION'" >&2; exit 2 ;;
esac
START="${START:-$start}"
settings="${LAB_SETTINGS_DIR:-$kit/.work/lab-settings/$EDITION}"
mkdir -p "$settings/@jupyterlab/translation-extension"
printf '{"locale": "%s"}\n' "$locale" > "$settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
export JUPYTERLAB_SETTINGS_DIR="$settings"
exec "$kit/.venv/bin/jupyter" lab --no-browser --allow-root --ip="${IP:-127.0.0.1}" --port="${PORT:-8888}" \
  --ServerApp.root_dir="$ROOT" --LabApp.default_url="/lab/tree/$START" "$@"
