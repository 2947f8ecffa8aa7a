#!/usr/bin/env node
/**
 * Draws resources/icon.png (512x512): a dark blue rounded square with a white
 * shield. electron-builder derives the .ico and .icns from it. Regenerate with
 * `node resources/make-icon.mjs`; no image tool needed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // per axis, for anti-aliased edges

function inRoundedSquare(x, y, inset, radius) {
  const lo = inset + radius;
  const hi = SIZE - inset - radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  if (x < inset || x > SIZE - inset || y < inset || y > SIZE - inset) return false;
  return dx * dx + dy * dy <= radius * radius;
}

/** A heater shield: straight sides, then curving to a point. `inset` shrinks it. */
function inShield(x, y, inset) {
  const cx = SIZE / 2;
  const top = 112 + inset;
  const shoulder = 268;
  const bottom = 420 - inset * 1.6;
  const halfWidth = 138 - inset;
  if (y < top || y > bottom) return false;
  // Slightly rounded top corners.
  const corner = 22;
  const dx = Math.abs(x - cx);
  if (y < top + corner && dx > halfWidth - corner) {
    const ox = dx - (halfWidth - corner);
    const oy = top + corner - y;
    return ox * ox + oy * oy <= corner * corner;
  }
  if (y <= shoulder) return dx <= halfWidth;
  const t = (y - shoulder) / (bottom - shoulder);
  return dx <= halfWidth * Math.sqrt(1 - t * t) * (1 - 0.35 * t);
}

function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 24, 96)) return null;
  if (inShield(x, y, 0) && !(inShield(x, y, 22) && !inShield(x, y, 36))) return [255, 255, 255];
  // Vertical gradient, navy to a lighter blue.
  const k = y / SIZE;
  return [Math.round(14 + 20 * k), Math.round(33 + 32 * k), Math.round(64 + 50 * k)];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        covered++;
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    if (covered > 0) {
      raw[o] = Math.round(r / covered);
      raw[o + 1] = Math.round(g / covered);
      raw[o + 2] = Math.round(b / covered);
    }
    raw[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
  }
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(import.meta.dirname, 'icon.png'), png);
