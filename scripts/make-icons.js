#!/usr/bin/env node
'use strict';
// Draws the add-in's icons and writes them to assets/ as PNG files, using nothing but node's zlib.
//
//   node scripts/make-icons.js            writes assets/*.png
//   node scripts/make-icons.js --out DIR  writes somewhere else
//
// Every glyph is drawn on a 16-unit grid (so edges land on whole pixels at 16, 32, 64 and 80 px) and
// rasterised with 8x8 supersampling. Output is deterministic: same input, same pixels.
//
//   icon-16/32/64/80.png  the add-in: a bar chart (blue bars) with a red check mark, on a white tile
//   eval-16/32/80.png     the 评价 button: a sheet grid with a red check badge
//   clear-16/32/80.png    the 清除标记 button: an eraser
//   logo.png (128 px)     the add-in icon, large, for the task pane header and listings

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// ---------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bit, no interlace, filter 0 on every row)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** @param {number} width @param {number} height @param {Uint8Array} rgba width*height*4 bytes */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Shapes, in grid units (0..16). Each has a colour and an `inside(x, y)` test.

function hex(color) {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rect(x0, y0, x1, y1, color) {
  return { color: hex(color), inside: (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1 };
}

function roundRect(x0, y0, x1, y1, r, color) {
  return {
    color: hex(color),
    inside(x, y) {
      if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
      const cx = Math.min(Math.max(x, x0 + r), x1 - r);
      const cy = Math.min(Math.max(y, y0 + r), y1 - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
  };
}

function circle(cx, cy, r, color) {
  return { color: hex(color), inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r };
}

function segmentDistance2(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/** A polyline stroked with round caps and joins. */
function stroke(points, width, color) {
  const r2 = (width / 2) ** 2;
  return {
    color: hex(color),
    inside(x, y) {
      for (let i = 0; i + 1 < points.length; i++) {
        const [ax, ay] = points[i];
        const [bx, by] = points[i + 1];
        if (segmentDistance2(x, y, ax, ay, bx, by) <= r2) return true;
      }
      return false;
    },
  };
}

/** A filled polygon (even-odd rule). */
function polygon(points, color) {
  return {
    color: hex(color),
    inside(x, y) {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i];
        const [xj, yj] = points[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Palette and glyphs. `px` is the size of one output pixel in grid units, so hairlines stay one
// pixel wide at 16 px without turning heavy at 80 px.

const BLUE = '#2563B8';
const BLUE_LIGHT = '#5B8FD6';
const RED = '#D92D2D';
const WHITE = '#FFFFFF';
const BORDER = '#8A96A3';
const AXIS = '#56616D';
const GRID = '#9DB3CC';

function tile(px) {
  const border = Math.max(px, 16 / 48);
  return [
    roundRect(0.5, 0.5, 15.5, 15.5, 2.5, BORDER),
    roundRect(0.5 + border, 0.5 + border, 15.5 - border, 15.5 - border, 2.5 - border, WHITE),
  ];
}

function checkMark(points, px, width) {
  // White halo first so the check reads clearly where it crosses the bars.
  return [stroke(points, width + Math.max(2 * px, 1.1), WHITE), stroke(points, width, RED)];
}

const GLYPHS = {
  icon(px) {
    return [
      ...tile(px),
      rect(3, 8, 5, 13, BLUE),
      rect(6, 5, 8, 13, BLUE),
      rect(9, 10, 11, 13, BLUE_LIGHT),
      rect(2.5, 13, 13.5, 13 + Math.max(px, 0.5), AXIS),
      ...checkMark([[8.6, 6.4], [10.4, 8.2], [13.6, 3.6]], px, 1.7),
    ];
  },
  eval(px) {
    const line = Math.max(px, 0.5);
    const shapes = [
      // A sheet: border, header row, grid lines.
      rect(1.5, 2, 14.5, 14, BORDER),
      rect(1.5 + line, 2 + line, 14.5 - line, 14 - line, WHITE),
      rect(1.5, 2, 14.5, 5, BLUE),
      rect(1.5, 8, 14.5, 8 + line, GRID),
      rect(1.5, 11, 14.5, 11 + line, GRID),
      rect(6, 5, 6 + line, 14, GRID),
    ];
    // A red check badge at the bottom right.
    shapes.push(circle(11.5, 11.5, 3.7 + Math.max(px, 0.5), WHITE), circle(11.5, 11.5, 3.7, RED));
    shapes.push(stroke([[9.7, 11.5], [11.1, 12.9], [13.4, 10.1]], Math.max(1.25, 1.4 * px), WHITE));
    return shapes;
  },
  clear(px) {
    // An eraser lying at 45 degrees: A-B is the long edge, the first 40 % is the red rubber tip.
    const A = [2.5, 10.5];
    const B = [8.5, 4.5];
    const C = [12.5, 8.5];
    const D = [6.5, 14.5];
    const lerp = (p, q, t) => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
    const B1 = lerp(A, B, 0.42);
    const C1 = lerp(D, C, 0.42);
    return [
      polygon([A, B, C, D], BLUE),
      polygon([A, B1, C1, D], RED),
      stroke([B1, C1], Math.max(px, 0.5), WHITE),
      rect(7, 14, 14.5, 14 + Math.max(px, 0.5), AXIS),
    ];
  },
};

// ---------------------------------------------------------------------------------------------

function render(glyph, size, samples = 8) {
  const unit = 16 / size; // grid units per pixel
  const shapes = GLYPHS[glyph](unit);
  const out = new Uint8Array(size * size * 4);
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * unit;
          const y = (py + (sy + 0.5) / samples) * unit;
          let color = null;
          for (const shape of shapes) if (shape.inside(x, y)) color = shape.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return encodePng(size, size, out);
}

const OUTPUTS = [
  ...[16, 32, 64, 80].map((size) => ({ file: `icon-${size}.png`, glyph: 'icon', size })),
  ...[16, 32, 80].map((size) => ({ file: `eval-${size}.png`, glyph: 'eval', size })),
  ...[16, 32, 80].map((size) => ({ file: `clear-${size}.png`, glyph: 'clear', size })),
  { file: 'logo.png', glyph: 'icon', size: 128 },
];

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.resolve(__dirname, '..', 'assets');
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, glyph, size } of OUTPUTS) {
    const png = render(glyph, size);
    fs.writeFileSync(path.join(outDir, file), png);
    console.log(`${path.relative(process.cwd(), path.join(outDir, file))}  ${size}x${size}  ${png.length} bytes`);
  }
}

module.exports = { encodePng, render, OUTPUTS };

if (require.main === module) main(process.argv.slice(2));
