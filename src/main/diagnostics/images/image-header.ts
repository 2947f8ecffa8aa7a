/**
 * What an image's first bytes say, before any decoder runs: its type by magic
 * bytes and, for the decoded types, its dimensions read from the header (PNG
 * IHDR, JPEG SOFn, GIF logical screen, WebP VP8/VP8L/VP8X). Used to refuse
 * decompression bombs (too many pixels) before a single pixel is decoded.
 * Pure: no imports, no I/O.
 */

export type SniffedImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** Types whose pixels are decoded (JavaScript decoders: jpeg-js, pngjs, omggif). WebP is sniffed only: no memory-safe decoder that runs offline under plain Node is shipped. */
export const DECODED_TYPES: readonly SniffedImageType[] = ['image/png', 'image/jpeg', 'image/gif'];

export function sniffImageType(bytes: Uint8Array): SniffedImageType | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** A few non-image types, so that a mismatch can say what the bytes are. */
export function sniffAnyType(bytes: Uint8Array): string | null {
  const image = sniffImageType(bytes);
  if (image) return image;
  const ascii = String.fromCharCode(...bytes.subarray(0, 8));
  if (ascii.startsWith('%PDF-')) return 'application/pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'application/zip';
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return 'application/x-msdownload';
  if (ascii.startsWith('\x7fELF')) return 'application/x-elf';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'video/mp4';
  return null;
}

export interface HeaderDimensions {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);

/** Dimensions from the header alone, or null when the header cannot be read. */
export function headerDimensions(type: SniffedImageType, b: Uint8Array): HeaderDimensions | null {
  switch (type) {
    case 'image/png':
      if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
      return { width: u32be(b, 16), height: u32be(b, 20) };
    case 'image/gif':
      if (b.length < 10) return null;
      return { width: u16le(b, 6), height: u16le(b, 8) };
    case 'image/jpeg': {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return null;
        const marker = b[i + 1]!;
        if (marker === 0xff) {
          i += 1;
          continue;
        }
        if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
          i += 2;
          continue;
        }
        // SOF0..SOF15 but DHT (c4), JPG (c8), DAC (cc).
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
        if (marker === 0xd9 || marker === 0xda) return null;
        i += 2 + u16be(b, i + 2);
      }
      return null;
    }
    case 'image/webp': {
      if (b.length < 30) return null;
      const chunk = String.fromCharCode(...b.subarray(12, 16));
      if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
      if (chunk === 'VP8L') {
        const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
        return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      }
      if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
      return null;
    }
  }
}
