/**
 * Real, small image files for generated attachments: PNG screenshots and JPEG
 * photos, some JPEGs carrying EXIF (camera, date, GPS), the metadata analysts
 * look for. Pixels come from the caller's seeded Rng so that bytes, sizes and
 * hashes are reproducible.
 */
import { deflateSync } from 'node:zlib';
import { encodeJpeg } from './jpeg.ts';
import type { Rng } from './prng.ts';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes 8-bit RGB pixels as a PNG (IHDR, one IDAT, IEND). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 1; // filter "Sub": flat screenshot areas then compress well
    for (let x = 0; x < stride; x++) {
      const value = rgb[y * stride + x] as number;
      const left = x >= 3 ? (rgb[y * stride + x - 3] as number) : 0;
      raw[row + 1 + x] = (value - left) & 0xff;
    }
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw, { level: 6 })), pngChunk('IEND', Buffer.alloc(0))]);
}

type Colour = readonly [number, number, number];

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

function fillRect(rgb: Uint8Array, width: number, x0: number, y0: number, w: number, h: number, colour: Colour, height: number): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
      const i = (y * width + x) * 3;
      rgb[i] = colour[0];
      rgb[i + 1] = colour[1];
      rgb[i + 2] = colour[2];
    }
  }
}

const BRAND_BARS: readonly Colour[] = [
  [24, 119, 242], // facebook
  [0, 0, 0], // tiktok, x
  [255, 0, 0], // youtube
  [37, 211, 102], // whatsapp
  [42, 171, 238], // telegram
  [193, 53, 132], // instagram
  [255, 252, 0], // snapchat
];

/** A phone screenshot: app bar, text lines, and a photo area whose noise keeps the file a few KB. */
export function screenshotPng(rng: Rng): Buffer {
  const width = rng.int(64, 108);
  const height = rng.int(120, 200);
  const dark = rng.chance(0.3);
  const rgb = new Uint8Array(width * height * 3);
  const background: Colour = dark ? [24, 25, 26] : [250, 250, 250];
  const ink: Colour = dark ? [200, 200, 200] : [60, 60, 60];
  fillRect(rgb, width, 0, 0, width, height, background, height);
  fillRect(rgb, width, 0, 0, width, 14, rng.pick(BRAND_BARS), height);
  let y = 20;
  const photoTop = rng.int(40, Math.floor(height / 2));
  const photoHeight = rng.int(16, 32);
  while (y < height - 8) {
    if (y >= photoTop && y < photoTop + photoHeight) {
      const base: Colour = [rng.int(40, 220), rng.int(40, 220), rng.int(40, 220)];
      for (let py = y; py < Math.min(height, y + photoHeight); py++) {
        for (let x = 4; x < width - 4; x++) {
          const i = (py * width + x) * 3;
          rgb[i] = (base[0] + rng.int(-40, 40) + x) & 0xff;
          rgb[i + 1] = (base[1] + rng.int(-40, 40)) & 0xff;
          rgb[i + 2] = (base[2] + rng.int(-40, 40) + py) & 0xff;
        }
      }
      y += photoHeight + 6;
      continue;
    }
    fillRect(rgb, width, 6, y, rng.int(20, width - 12), 4, ink, height);
    y += rng.int(7, 10);
  }
  return encodePng(width, height, rgb);
}

/** A small photo-like JPEG: sky, ground, a few shapes and sensor noise. */
export function photoJpeg(rng: Rng): Buffer {
  const width = rng.int(5, 9) * 16;
  const height = rng.int(4, 7) * 16;
  const rgb = new Uint8Array(width * height * 3);
  const sky: Colour = [rng.int(90, 180), rng.int(140, 200), rng.int(180, 255)];
  const ground: Colour = [rng.int(60, 160), rng.int(50, 130), rng.int(20, 90)];
  const horizon = rng.int(Math.floor(height / 3), Math.floor((2 * height) / 3));
  // Sensor noise from an inline xorshift seeded by the Rng: per-pixel Rng calls were the slow part.
  let noiseState = rng.int(1, 0x7fffffff);
  for (let y = 0; y < height; y++) {
    const base = y < horizon ? sky : ground;
    for (let x = 0; x < width; x++) {
      noiseState ^= noiseState << 13;
      noiseState ^= noiseState >>> 17;
      noiseState ^= noiseState << 5;
      const noise = ((noiseState >>> 0) % 25) - 12;
      const i = (y * width + x) * 3;
      rgb[i] = clampByte(base[0] + noise - (y >> 2));
      rgb[i + 1] = clampByte(base[1] + noise);
      rgb[i + 2] = clampByte(base[2] + noise + (x >> 3));
    }
  }
  for (let shape = rng.int(1, 4); shape > 0; shape--) {
    fillRect(rgb, width, rng.int(0, width - 10), rng.int(0, height - 10), rng.int(8, Math.floor(width / 2)), rng.int(8, Math.floor(height / 2)), [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)], height);
  }
  return encodeJpeg(width, height, rgb, rng.int(60, 85));
}

/** What a phone camera writes into EXIF, as far as analysts care. */
export interface ExifInfo {
  make: string;
  model: string;
  /** `YYYY:MM:DD HH:MM:SS`, the EXIF format. */
  dateTimeOriginal: string;
  gps?: { latitude: number; longitude: number };
}

const EXIF_ASCII = 2;
const EXIF_SHORT = 3;
const EXIF_LONG = 4;
const EXIF_RATIONAL = 5;
const EXIF_BYTE = 1;

interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  value: Buffer;
}

function ascii(tag: number, text: string): IfdEntry {
  const value = Buffer.from(`${text}\0`, 'latin1');
  return { tag, type: EXIF_ASCII, count: value.length, value };
}

function long(tag: number, n: number): IfdEntry {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(n, 0);
  return { tag, type: EXIF_LONG, count: 1, value };
}

function rationals(tag: number, parts: readonly (readonly [number, number])[]): IfdEntry {
  const value = Buffer.alloc(8 * parts.length);
  parts.forEach(([num, den], i) => {
    value.writeUInt32BE(num, i * 8);
    value.writeUInt32BE(den, i * 8 + 4);
  });
  return { tag, type: EXIF_RATIONAL, count: parts.length, value };
}

function ifdSize(entries: readonly IfdEntry[]): number {
  let size = 2 + entries.length * 12 + 4;
  for (const entry of entries) if (entry.value.length > 4) size += entry.value.length + (entry.value.length % 2);
  return size;
}

/** Writes one IFD at `offset` (from the TIFF header), its large values right after it. */
function writeIfd(entries: readonly IfdEntry[], offset: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const out = Buffer.alloc(ifdSize(sorted));
  out.writeUInt16BE(sorted.length, 0);
  let dataOffset = 2 + sorted.length * 12 + 4;
  sorted.forEach((entry, i) => {
    const at = 2 + i * 12;
    out.writeUInt16BE(entry.tag, at);
    out.writeUInt16BE(entry.type, at + 2);
    out.writeUInt32BE(entry.count, at + 4);
    if (entry.value.length <= 4) {
      entry.value.copy(out, at + 8);
    } else {
      out.writeUInt32BE(offset + dataOffset, at + 8);
      entry.value.copy(out, dataOffset);
      dataOffset += entry.value.length + (entry.value.length % 2);
    }
  });
  return out;
}

function degreesMinutesSeconds(decimal: number): [number, number][] {
  const abs = Math.abs(decimal);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 100);
  return [
    [degrees, 1],
    [minutes, 1],
    [seconds, 100],
  ];
}

/** The APP1 segment body: `Exif\0\0` and a big-endian TIFF structure. */
export function exifSegment(info: ExifInfo): Buffer {
  const exifIfd = [ascii(0x9003, info.dateTimeOriginal), ascii(0x9004, info.dateTimeOriginal)];
  const gpsIfd = info.gps
    ? [
        { tag: 0x0000, type: EXIF_BYTE, count: 4, value: Buffer.from([2, 3, 0, 0]) },
        ascii(0x0001, info.gps.latitude >= 0 ? 'N' : 'S'),
        rationals(0x0002, degreesMinutesSeconds(info.gps.latitude)),
        ascii(0x0003, info.gps.longitude >= 0 ? 'E' : 'W'),
        rationals(0x0004, degreesMinutesSeconds(info.gps.longitude)),
      ]
    : null;
  const orientation: IfdEntry = { tag: 0x0112, type: EXIF_SHORT, count: 1, value: Buffer.from([0, 1, 0, 0]) };
  const ifd0 = [ascii(0x010f, info.make), ascii(0x0110, info.model), orientation, ascii(0x0132, info.dateTimeOriginal), long(0x8769, 0)];
  if (gpsIfd) ifd0.push(long(0x8825, 0));
  const ifd0Offset = 8;
  const exifOffset = ifd0Offset + ifdSize(ifd0);
  const gpsOffset = exifOffset + ifdSize(exifIfd);
  // The pointers do not change the sizes, so they can be filled in after the layout.
  ifd0[4] = long(0x8769, exifOffset);
  if (gpsIfd) ifd0[5] = long(0x8825, gpsOffset);
  const tiffHeader = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, ifd0Offset]);
  const parts = [Buffer.from('Exif\0\0', 'latin1'), tiffHeader, writeIfd(ifd0, ifd0Offset), writeIfd(exifIfd, exifOffset)];
  if (gpsIfd) parts.push(writeIfd(gpsIfd, gpsOffset));
  return Buffer.concat(parts);
}

/**
 * Puts an APP1 EXIF segment where cameras put it, right after SOI, in place of
 * the encoder's JFIF APP0.
 */
export function withExif(jpegBytes: Buffer, info: ExifInfo): Buffer {
  if (jpegBytes[0] !== 0xff || jpegBytes[1] !== 0xd8) throw new Error('not a JPEG');
  let rest = jpegBytes.subarray(2);
  if (rest[0] === 0xff && rest[1] === 0xe0) rest = rest.subarray(2 + rest.readUInt16BE(2));
  const body = exifSegment(info);
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xffe1, 0);
  marker.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpegBytes.subarray(0, 2), marker, body, rest]);
}
