#!/usr/bin/env bash
# Checks the report set in a real spreadsheet client: installs LibreOffice (Debian's packages)
# if needed, writes the reports for data-samples/, converts every workbook to PDF headless and
# renders the pages to PNG for a person to look at.
#
#   scripts/render-check.sh [--year 2026] [--report ar] [--out DIR]
#
# Not part of .ci/run (LibreOffice is large); run it when the report's look changes.
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

# Carlito has Calibri's metrics, so text wraps and fits as it does in Excel.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! fc-list | grep -qi carlito; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc poppler-utils fonts-dejavu fonts-crosextra-carlito >/dev/null
fi

rm -rf "$out"
mkdir -p "$out/xlsx" "$out/pdf" "$out/png"
cargo run --quiet -- run --year "$year" --report "$report" --quiet --out "$out/xlsx"

failures=0
while IFS= read -r -d '' f; do
    if ! soffice --headless --convert-to pdf --outdir "$out/pdf" "$f" >/dev/null 2>&1; then
        echo "FEL: LibreOffice kunde inte konvertera $f" >&2
        failures=$((failures + 1))
    fi
done < <(find "$out/xlsx" -name '*.xlsx' -print0 | sort -z)

converted=$(find "$out/pdf" -name '*.pdf' | wc -l)
workbooks=$(find "$out/xlsx" -name '*.xlsx' | wc -l)
if [ "$converted" -ne "$workbooks" ]; then
    echo "FEL: $converted av $workbooks arbetsböcker blev PDF" >&2
    failures=$((failures + 1))
fi
for p in "$out"/pdf/*.pdf; do
    pdftoppm -png -r 60 "$p" "$out/png/$(basename "$p" .pdf)"
done
echo "$workbooks arbetsböcker, $converted PDF-filer, $(find "$out/png" -name '*.png' | wc -l) sidor som PNG i $out/png"
[ "$failures" -eq 0 ]
