#!/usr/bin/env bash
# npm run resave:corpus: rebuilds tests/corpus/resaved/*.xlsx, the corpus workbooks (tests/corpus/tables.ts) opened
# and saved again by LibreOffice, as users' files often are. The results are committed because CI has no LibreOffice;
# run this again after changing tables.ts. Needs LibreOffice (apt-get install libreoffice-calc).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null 2>&1; then
  echo "未安装 LibreOffice：apt-get install libreoffice-calc" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npx tsc --outDir "$work/build" --module commonjs --target ES2019 --esModuleInterop --skipLibCheck --strict --types node \
  --rootDir . tests/corpus/generate.ts
NODE_PATH="$PWD/node_modules" node "$work/build/tests/corpus/generate.js" "$work/xlsx"
out=tests/corpus/resaved
rm -rf "$out"
mkdir -p "$out"
# A private profile: another LibreOffice running on the machine would otherwise take the conversion over.
soffice -env:UserInstallation="file://$work/profile" --headless --calc --convert-to xlsx:"Calc MS Excel 2007 XML" \
  --outdir "$out" "$work"/xlsx/*.xlsx >/dev/null
count=$(ls "$out"/*.xlsx | wc -l)
echo "已由 LibreOffice 另存 $count 个工作簿：$out"
