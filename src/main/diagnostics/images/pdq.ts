/**
 * PDQ perceptual image hash (Meta, 2019), written from the published description
 * (facebook/ThreatExchange, hashing/hashing.pdf and pdq/README.md) and following the
 * numeric steps of its reference implementations so that, given the same pixels, the
 * hashes are bit-identical to the reference C++ code (checked in test/diagnostics/pdq.test.ts).
 *
 * Steps, for an image of H rows and W columns:
 *  1. Luminance Y = 0.299 R + 0.587 G + 0.114 B per pixel (alpha ignored, as the
 *     reference Python does when it converts to RGB; grey input is used as is).
 *  2. Jarosz tent filter: two rounds of a 1-D box filter along rows then along columns,
 *     window ceil(W/128) along rows and ceil(H/128) along columns (so that two rounds span
 *     one 64th of the image), windows shrink at the edges.
 *  3. Decimate to 64x64 by sampling the filtered image at the cell centres.
 *  4. Quality: sum over the 64x64 image of |neighbour difference| * 100 / 255 (each term
 *     truncated to an integer), divided by 90, capped at 100.
 *  5. DCT: B = D A Dᵀ with D the 16x64 matrix D[i][j] = sqrt(2/64) cos(π/128 (i+1)(2j+1))
 *     (DCT-II rows 1..16, the DC row left out).
 *  6. Median of the 256 coefficients (the lower one, i.e. the 128th smallest); bit i*16+j
 *     is 1 when B[i][j] is strictly greater than it.
 *  7. Text: 16 words of 16 bits, word i holding row i (bit j = column j), written as
 *     4 hex digits each, word 15 first: 64 lowercase hex characters.
 *
 * The reference computes in 32-bit floats; so does this module (Float32Array storage and
 * Math.fround on accumulators), which is what makes exact agreement possible.
 *
 * Images narrower or shorter than 5 pixels get the all-zero hash and quality 0, as in the
 * reference. Memory: two float buffers of the full image (8 bytes per pixel); callers that
 * hash very large images should scale them down first (the reference tools cap at 512).
 *
 * Pure module: no imports, no I/O.
 */

export type PdqPixels = {
  readonly width: number;
  readonly height: number;
  /** Row-major, top row first, 8 bits per channel: RGBA (4 bytes per pixel), RGB (3) or grey (1), told apart by length. */
  readonly data: Uint8Array | Uint8ClampedArray;
};

export type PdqResult = {
  /** 64 lowercase hex characters (256 bits). */
  readonly hash: string;
  /** 0..100; the reference suggests discarding hashes of quality < 50 (≤ 49). */
  readonly quality: number;
};

/** The eight hashes of the image's dihedral transforms, named as in the reference. */
export type PdqDihedralHashes = {
  readonly original: string;
  readonly rotate90: string;
  readonly rotate180: string;
  readonly rotate270: string;
  readonly flipX: string;
  readonly flipY: string;
  readonly flipPlus1: string;
  readonly flipMinus1: string;
};

export type PdqDihedralResult = {
  readonly hashes: PdqDihedralHashes;
  readonly quality: number;
};

/** Images with a side shorter than this get the all-zero hash and quality 0 (as in the reference). */
export const PDQ_MIN_DIMENSION = 5;
/** The reference's suggested match threshold (distance ≤ 31 of 256) and quality floor (discard ≤ 49). */
export const PDQ_SUGGESTED_MAX_DISTANCE = 31;
export const PDQ_SUGGESTED_MIN_QUALITY = 50;

const ZERO_HASH = '0'.repeat(64);
const HASH_PATTERN = /^[0-9a-fA-F]{64}$/;
const DOWNSAMPLE = 64;
const DCT_SIZE = 16;
const fround = Math.fround;

// Luminance per channel value, each product rounded to float as in the reference.
const LUMA_R = lumaTable(0.299);
const LUMA_G = lumaTable(0.587);
const LUMA_B = lumaTable(0.114);

function lumaTable(coefficient: number): Float64Array {
  const c = fround(coefficient);
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = fround(c * v);
  return table;
}

// 16x64 DCT matrix, row-major: D[i][j] = sqrt(2/64) cos(π/2/64 (i+1)(2j+1)), the scale a float.
const DCT_MATRIX = (() => {
  const scale = fround(Math.sqrt(2 / DOWNSAMPLE));
  const d = new Float32Array(DCT_SIZE * DOWNSAMPLE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      d[i * DOWNSAMPLE + j] = scale * Math.cos((Math.PI / 2 / DOWNSAMPLE) * (i + 1) * (2 * j + 1));
    }
  }
  return d;
})();

/** PDQ hash and quality of an image. */
export function pdqHash(pixels: PdqPixels): PdqResult {
  const dct = dctOf(pixels);
  if (dct === null) return { hash: ZERO_HASH, quality: 0 };
  return { hash: bitsToHex(dct.coefficients), quality: dct.quality };
}

/** The hashes of the eight rotations and flips of the image, from a single DCT (as the reference does). */
export function pdqDihedral(pixels: PdqPixels): PdqDihedralResult {
  const dct = dctOf(pixels);
  if (dct === null) {
    const z = ZERO_HASH;
    return { hashes: { original: z, rotate90: z, rotate180: z, rotate270: z, flipX: z, flipY: z, flipPlus1: z, flipMinus1: z }, quality: 0 };
  }
  const a = dct.coefficients;
  // Sign patterns and transposition per transform; a DCT-II basis of odd index changes sign under reversal.
  const variant = (transpose: boolean, negate: (i: number, j: number) => boolean): string => {
    const b = new Float32Array(DCT_SIZE * DCT_SIZE);
    for (let i = 0; i < DCT_SIZE; i++) {
      for (let j = 0; j < DCT_SIZE; j++) {
        const v = negate(i, j) ? -a[i * DCT_SIZE + j]! : a[i * DCT_SIZE + j]!;
        b[transpose ? j * DCT_SIZE + i : i * DCT_SIZE + j] = v;
      }
    }
    return bitsToHex(b);
  };
  const even = (n: number): boolean => (n & 1) === 0;
  return {
    hashes: {
      original: bitsToHex(a),
      rotate90: variant(true, (_i, j) => even(j)),
      rotate180: variant(false, (i, j) => !even(i + j)),
      rotate270: variant(true, (i) => even(i)),
      flipX: variant(false, (i) => even(i)),
      flipY: variant(false, (_i, j) => even(j)),
      flipPlus1: variant(true, () => false),
      flipMinus1: variant(true, (i, j) => !even(i + j)),
    },
    quality: dct.quality,
  };
}

/** Number of differing bits between two PDQ hashes (0..256). Throws on anything but 64 hex characters. */
export function hammingDistance(a: string, b: string): number {
  assertHash(a, 'first');
  assertHash(b, 'second');
  let distance = 0;
  for (let k = 0; k < 64; k += 8) {
    distance += popcount32((parseInt(a.slice(k, k + 8), 16) ^ parseInt(b.slice(k, k + 8), 16)) >>> 0);
  }
  return distance;
}

/** Smallest distance between a hash and any of an image's dihedral hashes (to match rotated or mirrored copies). */
export function dihedralDistance(hashes: PdqDihedralHashes, other: string): number {
  let best = 256;
  for (const h of Object.values(hashes)) best = Math.min(best, hammingDistance(h, other));
  return best;
}

export function isPdqHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

function assertHash(value: unknown, which: string): asserts value is string {
  if (isPdqHash(value)) return;
  const shown = typeof value === 'string' ? `${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} (${value.length} characters)` : typeof value;
  throw new Error(`Malformed PDQ hash (${which} argument): expected 64 hexadecimal characters, got ${shown}`);
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

// ---------------------------------------------------------------------------------------------

type Dct = { coefficients: Float32Array; quality: number };

function dctOf(pixels: PdqPixels): Dct | null {
  const { width, height, data } = pixels;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new Error(`PDQ: image dimensions must be positive integers, got ${String(width)}x${String(height)}`);
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) throw new Error('PDQ: pixel data must be a Uint8Array or Uint8ClampedArray');
  const count = width * height;
  const channels = data.length / count;
  if (channels !== 4 && channels !== 3 && channels !== 1) {
    throw new Error(`PDQ: ${data.length} bytes do not fit a ${width}x${height} image as RGBA, RGB or grey`);
  }
  if (width < PDQ_MIN_DIMENSION || height < PDQ_MIN_DIMENSION) return null;

  // One element type for the loops below whatever the caller passed (a view, no copy), so they stay monomorphic.
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
  const luma = channels === 1 ? lumaFromGrey(bytes, count) : lumaFromColour(bytes, count, channels);

  // A 64x64 input is used as is, as the reference's hash path does (its dihedral path filters with window 1,
  // which changes nothing but, at most, float rounding).
  const small = width === DOWNSAMPLE && height === DOWNSAMPLE ? luma : downsample(luma, height, width);
  const quality = qualityOf(small);
  return { coefficients: dct64To16(small), quality };
}

function lumaFromGrey(data: Uint8Array, count: number): Float32Array {
  const luma = new Float32Array(count);
  for (let p = 0; p < count; p++) luma[p] = data[p]!;
  return luma;
}

/** Y = 0.299 R + 0.587 G + 0.114 B in float, summed left to right as in the reference. */
function lumaFromColour(data: Uint8Array, count: number, channels: number): Float32Array {
  const luma = new Float32Array(count);
  for (let p = 0, q = 0; p < count; p++, q += channels) {
    luma[p] = fround(LUMA_R[data[q]!]! + LUMA_G[data[q + 1]!]!) + LUMA_B[data[q + 2]!]!;
  }
  return luma;
}

/**
 * Jarosz filter (two rounds of row then column box filters) and decimation to 64x64 at the
 * cell centres. The second round is only evaluated where the decimation reads it: its row pass
 * still runs along every whole row (the float running sum must see every value, as in the
 * reference) but keeps only the 64 sampled columns, and its column pass runs on those alone.
 */
function downsample(luma: Float32Array, rows: number, cols: number): Float32Array {
  const windowAlongRows = jaroszWindow(cols);
  const windowAlongCols = jaroszWindow(rows);
  const other = new Float32Array(luma.length);
  for (let r = 0; r < rows; r++) boxRow(luma, r * cols, other, r * cols, cols, windowAlongRows);
  boxAlongCols(other, luma, rows, cols, windowAlongCols);

  const sampleRows = centres(rows);
  const sampleCols = centres(cols);
  const line = new Float32Array(cols);
  const narrow = new Float32Array(rows * DOWNSAMPLE);
  for (let r = 0; r < rows; r++) {
    boxRow(luma, r * cols, line, 0, cols, windowAlongRows);
    for (let j = 0; j < DOWNSAMPLE; j++) narrow[r * DOWNSAMPLE + j] = line[sampleCols[j]!]!;
  }
  const filtered = new Float32Array(rows * DOWNSAMPLE);
  boxAlongCols(narrow, filtered, rows, DOWNSAMPLE, windowAlongCols);

  const out = new Float32Array(DOWNSAMPLE * DOWNSAMPLE);
  for (let i = 0; i < DOWNSAMPLE; i++) {
    const row = sampleRows[i]!;
    out.set(filtered.subarray(row * DOWNSAMPLE, (row + 1) * DOWNSAMPLE), i * DOWNSAMPLE);
  }
  return out;
}

/** Indices sampled by the decimation: floor((k + 0.5) * size / 64). */
function centres(size: number): Int32Array {
  const at = new Int32Array(DOWNSAMPLE);
  for (let k = 0; k < DOWNSAMPLE; k++) at[k] = Math.floor(((k + 0.5) * size) / DOWNSAMPLE);
  return at;
}

/** Window per pass: ceil(size / 128), since two passes should cover size / 64. */
function jaroszWindow(size: number): number {
  return Math.floor((size + 2 * DOWNSAMPLE - 1) / (2 * DOWNSAMPLE));
}

/**
 * One box-filter pass along a row of `length` values: out[k] is the mean of
 * in[k - half + 1 .. k + window - half] clipped to the row, with half = floor((window + 2) / 2).
 * The running sum is a float, updated in the reference's order (add the entering value, then
 * take off the leaving one).
 */
function boxRow(input: Float32Array, inBase: number, out: Float32Array, outBase: number, length: number, window: number): void {
  const half = Math.floor((window + 2) / 2);
  let sum = 0;
  let size = 0;
  let right = inBase;
  let left = inBase;
  let o = outBase;
  for (let k = 0; k < half - 1; k++) {
    sum = fround(sum + input[right++]!);
    size++;
  }
  for (let k = 0; k < window - half + 1; k++) {
    sum = fround(sum + input[right++]!);
    size++;
    out[o++] = sum / size;
  }
  for (let k = 0; k < length - window; k++) {
    sum = fround(sum + input[right++]!);
    sum = fround(sum - input[left++]!);
    out[o++] = sum / size;
  }
  for (let k = 0; k < half - 1; k++) {
    sum = fround(sum - input[left++]!);
    size--;
    out[o++] = sum / size;
  }
}

/** The same filter down the columns, all columns at once (row by row, for the cache); per column the arithmetic is identical. */
function boxAlongCols(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number): void {
  const half = Math.floor((window + 2) / 2);
  const sums = new Float32Array(cols); // a Float32Array rounds every update to float, like the reference's float sum
  let size = 0;
  let right = 0;
  let left = 0;
  let o = 0;
  const add = (): void => {
    const at = right * cols;
    for (let c = 0; c < cols; c++) sums[c]! += input[at + c]!;
    right++;
  };
  const subtract = (): void => {
    const at = left * cols;
    for (let c = 0; c < cols; c++) sums[c]! -= input[at + c]!;
    left++;
  };
  const write = (): void => {
    const at = o * cols;
    for (let c = 0; c < cols; c++) output[at + c] = sums[c]! / size;
    o++;
  };
  for (let k = 0; k < half - 1; k++) {
    add();
    size++;
  }
  for (let k = 0; k < window - half + 1; k++) {
    add();
    size++;
    write();
  }
  for (let k = 0; k < rows - window; k++) {
    add();
    subtract();
    write();
  }
  for (let k = 0; k < half - 1; k++) {
    subtract();
    size--;
    write();
  }
}

function qualityOf(a: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < DOWNSAMPLE - 1; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      gradientSum += Math.abs(Math.trunc(fround(fround(fround(a[i * DOWNSAMPLE + j]! - a[(i + 1) * DOWNSAMPLE + j]!) * 100) / 255)));
    }
  }
  for (let i = 0; i < DOWNSAMPLE; i++) {
    for (let j = 0; j < DOWNSAMPLE - 1; j++) {
      gradientSum += Math.abs(Math.trunc(fround(fround(fround(a[i * DOWNSAMPLE + j]! - a[i * DOWNSAMPLE + j + 1]!) * 100) / 255)));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** B = D A Dᵀ (16x16) from the 64x64 image A, float sums in the reference's order. */
function dct64To16(a: Float32Array): Float32Array {
  const d = DCT_MATRIX;
  const t = new Float32Array(DCT_SIZE * DOWNSAMPLE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      let sum = 0;
      for (let k = 0; k < DOWNSAMPLE; k++) sum = fround(sum + fround(d[i * DOWNSAMPLE + k]! * a[k * DOWNSAMPLE + j]!));
      t[i * DOWNSAMPLE + j] = sum;
    }
  }
  const b = new Float32Array(DCT_SIZE * DCT_SIZE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DCT_SIZE; j++) {
      let sum = 0;
      for (let k = 0; k < DOWNSAMPLE; k++) sum = fround(sum + fround(t[i * DOWNSAMPLE + k]! * d[j * DOWNSAMPLE + k]!));
      b[i * DCT_SIZE + j] = sum;
    }
  }
  return b;
}

/** Threshold at the (lower) median and write the 256 bits as hex, row 15 first, column j at bit j of its word. */
function bitsToHex(b: Float32Array): string {
  const sorted = Float32Array.from(b).sort();
  const median = sorted[Math.floor((b.length + 1) / 2) - 1]!; // 128th smallest of 256, as Torben's median gives
  let hex = '';
  for (let i = DCT_SIZE - 1; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < DCT_SIZE; j++) if (b[i * DCT_SIZE + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}
