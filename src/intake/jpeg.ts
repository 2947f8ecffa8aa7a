/**
 * A minimal baseline JPEG encoder (ITU T.81: 8-bit, YCbCr 4:2:0, the standard
 * Huffman tables of annex K, IJG quality scaling).
 *
 * Written here rather than taken from a package because generic encoders
 * rebuild their tables on every call, which made generating a few thousand
 * photos take seconds; these tables are built once.
 */

/** Zigzag position → natural (row-major) position. */
const NATURAL_ORDER = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50,
  43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// Annex K.1, natural order.
const LUMINANCE_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56,
  68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...Array<number>(32).fill(99),
];

// Annex K.3: code counts per length 1..16, then symbols.
const DC_LUMINANCE = { bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
const DC_CHROMINANCE = { bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
const AC_LUMINANCE = {
  bits: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  values: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08,
    0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
    0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
    0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};
const AC_CHROMINANCE = {
  bits: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  values: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91,
    0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
    0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
    0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4,
    0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
    0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
  ],
};

interface HuffmanSpec {
  bits: number[];
  values: number[];
}

interface HuffmanCodes {
  codes: Uint16Array;
  sizes: Uint8Array;
}

/** Annex C: canonical codes from the counts per length. */
function huffmanCodes(spec: HuffmanSpec): HuffmanCodes {
  const codes = new Uint16Array(256);
  const sizes = new Uint8Array(256);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (spec.bits[length - 1] as number); i++) {
      const symbol = spec.values[k++] as number;
      codes[symbol] = code++;
      sizes[symbol] = length;
    }
    code <<= 1;
  }
  return { codes, sizes };
}

const DC_Y = huffmanCodes(DC_LUMINANCE);
const DC_C = huffmanCodes(DC_CHROMINANCE);
const AC_Y = huffmanCodes(AC_LUMINANCE);
const AC_C = huffmanCodes(AC_CHROMINANCE);

// AAN scale factors: the float DCT below leaves coefficient (u, v) scaled by 8·s[u]·s[v].
const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

interface QuantTables {
  luminance: Uint8Array;
  chrominance: Uint8Array;
  luminanceDivisors: Float64Array;
  chrominanceDivisors: Float64Array;
}

const quantCache = new Map<number, QuantTables>();

function quantTables(quality: number): QuantTables {
  const cached = quantCache.get(quality);
  if (cached) return cached;
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  const scaled = (base: number[]): Uint8Array => Uint8Array.from(base, (q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
  const divisors = (table: Uint8Array): Float64Array =>
    Float64Array.from(table, (q, i) => 1 / (q * (AAN_SCALE[i >> 3] as number) * (AAN_SCALE[i & 7] as number) * 8));
  const luminance = scaled(LUMINANCE_QUANT);
  const chrominance = scaled(CHROMINANCE_QUANT);
  const tables = { luminance, chrominance, luminanceDivisors: divisors(luminance), chrominanceDivisors: divisors(chrominance) };
  quantCache.set(quality, tables);
  return tables;
}

/** In-place AAN float forward DCT (IJG jfdctflt), rows then columns. */
function forwardDct(block: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : 8;
    const stride = pass === 0 ? 8 : 1;
    for (let line = 0; line < 8; line++) {
      const o = line * stride;
      const d0 = block[o] as number;
      const d1 = block[o + step] as number;
      const d2 = block[o + 2 * step] as number;
      const d3 = block[o + 3 * step] as number;
      const d4 = block[o + 4 * step] as number;
      const d5 = block[o + 5 * step] as number;
      const d6 = block[o + 6 * step] as number;
      const d7 = block[o + 7 * step] as number;
      const tmp0 = d0 + d7;
      const tmp7 = d0 - d7;
      const tmp1 = d1 + d6;
      const tmp6 = d1 - d6;
      const tmp2 = d2 + d5;
      const tmp5 = d2 - d5;
      const tmp3 = d3 + d4;
      const tmp4 = d3 - d4;

      let tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      let tmp11 = tmp1 + tmp2;
      let tmp12 = tmp1 - tmp2;
      block[o] = tmp10 + tmp11;
      block[o + 4 * step] = tmp10 - tmp11;
      const z1 = (tmp12 + tmp13) * 0.707106781;
      block[o + 2 * step] = tmp13 + z1;
      block[o + 6 * step] = tmp13 - z1;

      tmp10 = tmp4 + tmp5;
      tmp11 = tmp5 + tmp6;
      tmp12 = tmp6 + tmp7;
      const z5 = (tmp10 - tmp12) * 0.382683433;
      const z2 = 0.5411961 * tmp10 + z5;
      const z4 = 1.306562965 * tmp12 + z5;
      const z3 = tmp11 * 0.707106781;
      const z11 = tmp7 + z3;
      const z13 = tmp7 - z3;
      block[o + 5 * step] = z13 + z2;
      block[o + 3 * step] = z13 - z2;
      block[o + step] = z11 + z4;
      block[o + 7 * step] = z11 - z4;
    }
  }
}

/** Entropy-coded bytes, with 0xFF stuffing. */
class BitWriter {
  private bytes = Buffer.alloc(4096);
  private length = 0;
  private buffer = 0;
  private count = 0;

  write(code: number, size: number): void {
    this.buffer = (this.buffer << size) | code;
    this.count += size;
    while (this.count >= 8) {
      const byte = (this.buffer >>> (this.count - 8)) & 0xff;
      this.push(byte);
      if (byte === 0xff) this.push(0);
      this.count -= 8;
    }
    this.buffer &= (1 << this.count) - 1;
  }

  /** Pads the last byte with 1 bits, as T.81 asks. */
  finish(): Buffer {
    if (this.count > 0) this.write((1 << (8 - this.count)) - 1, 8 - this.count);
    return this.bytes.subarray(0, this.length);
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const bigger = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(bigger);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = byte;
  }
}

function bitLength(value: number): number {
  let n = Math.abs(value);
  let bits = 0;
  while (n > 0) {
    bits++;
    n >>= 1;
  }
  return bits;
}

const quantized = new Int32Array(64);

function encodeBlock(out: BitWriter, block: Float64Array, divisors: Float64Array, previousDc: number, dc: HuffmanCodes, ac: HuffmanCodes): number {
  forwardDct(block);
  for (let i = 0; i < 64; i++) quantized[i] = Math.round((block[i] as number) * (divisors[i] as number));
  const dcValue = quantized[0] as number;
  const diff = dcValue - previousDc;
  const dcSize = bitLength(diff);
  out.write(dc.codes[dcSize] as number, dc.sizes[dcSize] as number);
  if (dcSize > 0) out.write(diff < 0 ? diff + (1 << dcSize) - 1 : diff, dcSize);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = quantized[NATURAL_ORDER[k] as number] as number;
    if (value === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      out.write(ac.codes[0xf0] as number, ac.sizes[0xf0] as number);
      run -= 16;
    }
    const size = bitLength(value);
    const symbol = (run << 4) | size;
    out.write(ac.codes[symbol] as number, ac.sizes[symbol] as number);
    out.write(value < 0 ? value + (1 << size) - 1 : value, size);
    run = 0;
  }
  if (run > 0) out.write(ac.codes[0] as number, ac.sizes[0] as number);
  return dcValue;
}

/** Copies the 8x8 block at (x, y) of a plane, level-shifted. */
function loadBlock(block: Float64Array, plane: Float32Array, planeWidth: number, x: number, y: number): void {
  for (let row = 0; row < 8; row++) {
    const from = (y + row) * planeWidth + x;
    for (let col = 0; col < 8; col++) block[row * 8 + col] = plane[from + col] as number;
  }
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

function huffmanSegmentBody(tableClass: number, id: number, spec: HuffmanSpec): number[] {
  return [(tableClass << 4) | id, ...spec.bits, ...spec.values];
}

const headerCache = new Map<number, Buffer>();

/** SOI, JFIF APP0 and the quantization tables: the same for every image of a quality. */
function headerStart(quality: number, tables: QuantTables): Buffer {
  const cached = headerCache.get(quality);
  if (cached) return cached;
  const zigzag = (table: Uint8Array): number[] => NATURAL_ORDER.map((n) => table[n] as number);
  const bytes = Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...zigzag(tables.luminance), 0x01, ...zigzag(tables.chrominance)]),
  ]);
  headerCache.set(quality, bytes);
  return bytes;
}

/** Huffman tables and the scan header: the same for every image. */
const HEADER_END = Buffer.from([
  ...segment(0xc4, [
    ...huffmanSegmentBody(0, 0, DC_LUMINANCE),
    ...huffmanSegmentBody(1, 0, AC_LUMINANCE),
    ...huffmanSegmentBody(0, 1, DC_CHROMINANCE),
    ...huffmanSegmentBody(1, 1, AC_CHROMINANCE),
  ]),
  ...segment(0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]),
]);
const EOI = Buffer.from([0xff, 0xd9]);

/**
 * Encodes 8-bit RGB pixels (3 bytes each, row-major) as a baseline JFIF JPEG
 * with 4:2:0 chroma subsampling, as phone cameras write them.
 */
export function encodeJpeg(width: number, height: number, rgb: Uint8Array, quality = 75): Buffer {
  if (width < 1 || height < 1 || width > 65535 || height > 65535) throw new RangeError('bad JPEG dimensions');
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const tables = quantTables(q);
  const header = Buffer.concat([headerStart(q, tables), Buffer.from(segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])), HEADER_END]);
  // Planes padded to whole 16x16 MCUs by repeating the last row and column.
  const paddedWidth = Math.ceil(width / 16) * 16;
  const paddedHeight = Math.ceil(height / 16) * 16;
  const luma = new Float32Array(paddedWidth * paddedHeight);
  const chromaWidth = paddedWidth / 2;
  const blue = new Float32Array(chromaWidth * (paddedHeight / 2));
  const red = new Float32Array(chromaWidth * (paddedHeight / 2));
  for (let y = 0; y < paddedHeight; y++) {
    const rowStart = Math.min(height - 1, y) * width * 3;
    const lumaRow = y * paddedWidth;
    const chromaRow = (y >> 1) * chromaWidth;
    for (let x = 0; x < paddedWidth; x++) {
      const p = x < width ? rowStart + x * 3 : rowStart + (width - 1) * 3;
      const r = rgb[p] as number;
      const g = rgb[p + 1] as number;
      const b = rgb[p + 2] as number;
      luma[lumaRow + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
      const c = chromaRow + (x >> 1);
      blue[c] = (blue[c] as number) + (-0.042184 * r - 0.082816 * g + 0.125 * b);
      red[c] = (red[c] as number) + (0.125 * r - 0.104672 * g - 0.020328 * b);
    }
  }
  const out = new BitWriter();
  const block = new Float64Array(64);
  let dcY = 0;
  let dcCb = 0;
  let dcCr = 0;
  for (let my = 0; my < paddedHeight; my += 16) {
    for (let mx = 0; mx < paddedWidth; mx += 16) {
      for (let i = 0; i < 4; i++) {
        loadBlock(block, luma, paddedWidth, mx + (i & 1) * 8, my + (i >> 1) * 8);
        dcY = encodeBlock(out, block, tables.luminanceDivisors, dcY, DC_Y, AC_Y);
      }
      loadBlock(block, blue, chromaWidth, mx >> 1, my >> 1);
      dcCb = encodeBlock(out, block, tables.chrominanceDivisors, dcCb, DC_C, AC_C);
      loadBlock(block, red, chromaWidth, mx >> 1, my >> 1);
      dcCr = encodeBlock(out, block, tables.chrominanceDivisors, dcCr, DC_C, AC_C);
    }
  }
  return Buffer.concat([header, out.finish(), EOI]);
}
