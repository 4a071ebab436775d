// Draws the extension's icon, images/icon.png (128×128 RGBA): a note page with text lines
// on a teal rounded square, and a check badge. Plain shapes rendered with 4×4 supersampling
// and written as a PNG with node:zlib, so the file is reproducible byte for byte.
//   node scripts/make-icon.mjs          writes images/icon.png
//   node scripts/make-icon.mjs --check  exits 1 when images/icon.png differs from the drawing
import { deflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SAMPLES = 4;
const OUT = fileURLToPath(new URL('../images/icon.png', import.meta.url));

// Signed distances (negative inside).
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
}
function circle(x, y, cx, cy, r) {
  return Math.hypot(x - cx, y - cy) - r;
}
function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t) - halfWidth;
}

const TEAL = [14, 116, 118];
const PAGE = [255, 255, 255];
const FOLD = [196, 224, 222];
const LINE = [130, 168, 170];
const BADGE = [242, 153, 28];

const FOLD_X = 74, FOLD_Y = 30; // the page's folded corner runs from (74, 16) to (90, 30)
function pageInside(x, y) {
  // The page without its folded-over corner: above the fold's diagonal is not page.
  if (roundedRect(x, y, 28, 16, 90, 112, 5) >= 0) return false;
  if (x > FOLD_X && y < FOLD_Y && (x - FOLD_X) > (y - 16) * (90 - FOLD_X) / (FOLD_Y - 16)) return false;
  return true;
}

// The shapes, back to front: [inside(x, y), colour].
const shapes = [
  [(x, y) => roundedRect(x, y, 4, 4, 124, 124, 26) < 0, TEAL],
  [pageInside, PAGE],
  [(x, y) => x >= FOLD_X && x <= 90 && y >= 16 && y <= FOLD_Y && (x - FOLD_X) <= (y - 16) * (90 - FOLD_X) / (FOLD_Y - 16), FOLD],
  [(x, y) => roundedRect(x, y, 38, 44, 80, 50, 3) < 0, LINE],
  [(x, y) => roundedRect(x, y, 38, 58, 80, 64, 3) < 0, LINE],
  [(x, y) => roundedRect(x, y, 38, 72, 72, 78, 3) < 0, LINE],
  [(x, y) => roundedRect(x, y, 38, 86, 62, 92, 3) < 0, LINE],
  [(x, y) => circle(x, y, 92, 92, 27) < 0, PAGE],
  [(x, y) => circle(x, y, 92, 92, 22) < 0, BADGE],
  [(x, y) => Math.min(segment(x, y, 81, 92, 89, 100, 3.5), segment(x, y, 89, 100, 104, 84, 3.5)) < 0, PAGE],
];

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES, y = py + (sy + 0.5) / SAMPLES;
          let colour = null;
          for (const [inside, c] of shapes) if (inside(x, y)) colour = c;
          if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a += 1; }
        }
      }
      const o = (py * SIZE + px) * 4;
      // Straight (not premultiplied) alpha: the average colour of the covered samples.
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function iconPng() {
  const rgba = render();
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const png = iconPng();
  if (process.argv.includes('--check')) {
    let current = null;
    try { current = readFileSync(OUT); } catch { /* missing */ }
    if (!current || !current.equals(png)) {
      console.error(`${OUT} is not what scripts/make-icon.mjs draws; run: node scripts/make-icon.mjs`);
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, png);
    console.log(`wrote ${OUT} (${png.length} bytes)`);
  }
}
