#!/usr/bin/env node
'use strict';
// Renders the add-in's icons from their SVG sources (icons/*.svg: outside assets/, which the builds
// copy whole) to the PNG files the manifest names (assets/*.png), with resvg (@resvg/resvg-js).
// Edit the SVGs, then run `npm run icons`.
//
//   node scripts/make-icons.js            writes assets/*.png
//   node scripts/make-icons.js --out DIR  writes somewhere else
//
// The glyphs are drawn on a 16-unit grid, so edges land on whole pixels at 16, 32, 64 and 80 px; the
// *-16.svg variants thicken hairlines to one whole pixel for the 16 px size.
//
//   icon-16/32/64/80.png  the add-in: a bar chart (blue bars) with a red check mark, on a white tile
//   eval-16/32/80.png     the 评价 button: a sheet grid with a red check badge
//   clear-16/32/80.png    the 清除标记 button: an eraser
//   logo.png (128 px)     the add-in icon, large, for the task pane header and listings

const fs = require('fs');
const path = require('path');
const { Resvg } = require('@resvg/resvg-js');

const SOURCES = path.join(__dirname, '..', 'icons');

const OUTPUTS = [
  { file: 'icon-16.png', svg: 'icon-16.svg', size: 16 },
  ...[32, 64, 80].map((size) => ({ file: `icon-${size}.png`, svg: 'icon.svg', size })),
  { file: 'eval-16.png', svg: 'eval-16.svg', size: 16 },
  ...[32, 80].map((size) => ({ file: `eval-${size}.png`, svg: 'eval.svg', size })),
  { file: 'clear-16.png', svg: 'clear-16.svg', size: 16 },
  ...[32, 80].map((size) => ({ file: `clear-${size}.png`, svg: 'clear.svg', size })),
  { file: 'logo.png', svg: 'icon.svg', size: 128 },
];

/** The PNG of one SVG source at `size` x `size` pixels (transparent background, no system fonts). */
function render(svgFile, size) {
  const svg = fs.readFileSync(path.join(SOURCES, svgFile), 'utf8');
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.join(__dirname, '..', 'assets');
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, svg, size } of OUTPUTS) {
    const png = render(svg, size);
    fs.writeFileSync(path.join(outDir, file), png);
    console.log(`${path.relative(process.cwd(), path.join(outDir, file))}  ${size}x${size}  ${png.length} bytes  (${svg})`);
  }
}

module.exports = { render, OUTPUTS, SOURCES };

if (require.main === module) main(process.argv.slice(2));
