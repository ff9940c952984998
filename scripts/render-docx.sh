#!/usr/bin/env bash
# npm run render:docx [FILE.docx]: turns a generated report into PDF and PNG pages with LibreOffice, to look
# at the page as a person would. Not part of CI. Needs LibreOffice (apt-get install libreoffice-writer
# fonts-noto-cjk) and pdftoppm (poppler-utils). Without the 公文 fonts installed, LibreOffice substitutes
# them: sizes, margins and line spacing still show, the typefaces do not.
set -euo pipefail
cd "$(dirname "$0")/.."
docx="${1:-out/shenze-2020-report.docx}"
if [ ! -f "$docx" ]; then
  echo "生成示例报告：npm run demo" >&2
  npm run -s demo >/dev/null
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "未安装 LibreOffice：apt-get install libreoffice-writer fonts-noto-cjk poppler-utils" >&2
  exit 2
fi
outdir="out/render"
mkdir -p "$outdir"
soffice --headless --convert-to pdf --outdir "$outdir" "$docx" >/dev/null
pdf="$outdir/$(basename "${docx%.docx}").pdf"
if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 80 "$pdf" "$outdir/$(basename "${docx%.docx}")"
fi
echo "已生成：$pdf 及 $outdir/*.png"
