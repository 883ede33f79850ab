#!/usr/bin/env bash
# Checks that the reports can be read on paper: installs LibreOffice and the Python packages
# the checker needs (Debian's) if missing, writes the reports for data-samples/, and runs
# scripts/render_check.py on them. It exports every visual sheet (all but Data and Månadsdata)
# to its own PDF as LibreOffice prints it (the sheet's scale, fit to pages, breaks, print
# area), with PNGs at 60 dpi for a person to look at, and fails when
#   - printed text is smaller than 8 pt (read from the PDF, so page scaling counts), or
#   - a cell's text is longer than its column: cut by its neighbour or the print edge,
#     numbers that would show as ###, a wrapped word broken mid-word, or wrapped lines
#     that do not fit the row's height (measured with Carlito, which has Calibri's metrics).
#
#   scripts/render-check.sh [--year 2026] [--report ar] [--out DIR]
#
# Not part of .ci/run (LibreOffice is large); run it when the report's look changes.
# `/usr/bin/python3 scripts/render_check.py --kalibrera` tests the measurements themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

year=2026
report=ar
out=target/render-check
while [ $# -gt 0 ]; do
    case "$1" in
        --year) year=$2; shift 2 ;;
        --report) report=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "okänt alternativ: $1" >&2; exit 2 ;;
    esac
done

# Carlito has Calibri's metrics, so text wraps and fits as it does in Excel. The checker runs
# on the system python, as uno (LibreOffice's bridge) exists only as Debian's package.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
    || ! fc-list | grep -qi carlito \
    || ! /usr/bin/python3 -c 'import uno, pdfminer, openpyxl, PIL' >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc poppler-utils fonts-dejavu fonts-crosextra-carlito \
        python3-uno python3-pdfminer python3-openpyxl python3-pil >/dev/null
fi

rm -rf "$out"
mkdir -p "$out/xlsx"
cargo run --quiet -- run --year "$year" --report "$report" --quiet --out "$out/xlsx"

exec /usr/bin/python3 scripts/render_check.py --xlsx "$out/xlsx" --out "$out"
