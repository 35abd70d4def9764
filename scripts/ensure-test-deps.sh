#!/usr/bin/env bash
# `npm test`'s pretest step: the Debian packages the tests use, installed when missing.
#   chromium               the task pane in a real browser (test/browser/)
#   libreoffice-calc-nogui LibreOffice recalculates the formula workbooks (test/formulas/)
#   libxml2-utils          xmllint validates the manifest against the add-in XSDs (test/addin/)
#   fonts-wqy-zenhei       a CJK font, so the pane's Chinese screenshots are readable
#   postgresql             initdb/pg_ctl for a throwaway PostgreSQL that runs the generated SQL
#   poppler-utils          pdftotext reads the chart titles off LibreOffice's PDF of a workbook
#                          (test/cli/xlsxCharts.test.ts); pdftoppm renders pages (scripts/render-xlsx.ts)
# As root with apt-get it installs what is missing (apt-get update once first); otherwise it stops at
# once and prints the one command to run. Nothing is done when everything is there.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { have_cmd dpkg-query && [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ] || need+=(chromium); else [ -x /usr/bin/chromium ] || need+=(chromium); fi
have_cmd soffice || need+=(libreoffice-calc-nogui)
have_cmd xmllint || need+=(libxml2-utils)
have_pkg fonts-wqy-zenhei || { have_cmd fc-list && fc-list | grep -qi "WenQuanYi Zen Hei"; } || need+=(fonts-wqy-zenhei)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || have_cmd initdb || need+=(postgresql)
have_cmd pdftotext || need+=(poppler-utils)

[ ${#need[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -ne 0 ] || ! have_cmd apt-get; then
  echo "npm test needs these Debian packages, which are missing: ${need[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo $command" >&2
  exit 1
fi
echo "npm test: installing the missing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
