// The PNG icons in assets/ are what their SVG sources (icons/) render to: nobody edits a PNG by hand
// and forgets the source. Compared pixel by pixel with a small tolerance, so another platform's resvg
// build rounding an edge pixel differently does not fail it.
import * as fs from 'fs';
import * as path from 'path';
import { Resvg } from '@resvg/resvg-js';
import { OUTPUTS, render } from '../../scripts/make-icons';
import { pngSize } from '../../scripts/manifest-check';

const ASSETS = path.resolve(__dirname, '../../assets');

/** RGBA pixels of a PNG file, decoded by resvg (drawn 1:1 as an image). */
function pixels(png: Buffer, size: number): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><image width="${size}" height="${size}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

test.each(OUTPUTS.map((o) => [o.file, o]))('%s is its SVG source rendered', (_file, { file, svg, size }) => {
  const committed = fs.readFileSync(path.join(ASSETS, file));
  expect(pngSize(committed)).toEqual({ width: size, height: size });
  const want = pixels(render(svg, size), size);
  const have = pixels(committed, size);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - have[i]));
  expect(worst).toBeLessThanOrEqual(8);
});

test('every source is used', () => {
  const used = new Set(OUTPUTS.map((o) => o.svg));
  expect(
    fs
      .readdirSync(path.join(ASSETS, '..', 'icons'))
      .filter((f) => f.endsWith('.svg'))
      .sort(),
  ).toEqual([...used].sort());
});
