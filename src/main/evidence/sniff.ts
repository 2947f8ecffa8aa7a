/**
 * The media type of evidence, found from its bytes (never from a name or a
 * declared type): the signatures of the common formats, then text (JSON,
 * HTML, XML, PEM, plain) when the bytes are valid UTF-8 without control
 * characters, else application/octet-stream. A few dozen lines rather than a
 * dependency: evidence only needs the formats reports and captures carry.
 */

/** The first bytes as Latin-1 text, read once: every signature below is a slice of it. */
function headOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.length)).toString('latin1');
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

/** Binary formats, by their magic bytes. */
function binaryType(bytes: Uint8Array): string | null {
  const head = headOf(bytes);
  const ascii = (_bytes: Uint8Array, start: number, end: number): string => head.slice(start, end);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) return 'application/zip';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand === 'M4A ') return 'audio/mp4';
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return 'image/heic';
    return 'video/mp4';
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 3) === 'ID3' || startsWith(bytes, [0xff, 0xfb])) return 'audio/mpeg';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'application/gzip';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (ascii(bytes, 0, 6) === 'Rar!\x1a\x07') return 'application/vnd.rar';
  if (ascii(bytes, 0, 4) === '\x7fELF') return 'application/x-elf';
  if (ascii(bytes, 0, 2) === 'MZ') return 'application/vnd.microsoft.portable-executable';
  if (ascii(bytes, 0, 6) === 'WARC/1') return 'application/warc';
  return null;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text, if the bytes are UTF-8 with no control characters but tab, newlines and form feed. */
function asText(bytes: Uint8Array): string | null {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return null;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Text formats, from what the text starts with. */
function textType(text: string): string {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const lower = start.slice(0, 512).toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]|^<!--/.test(lower) || (/^</.test(lower) && /<(?:html|head|body|script|div|p|a|title|meta)[\s>]/.test(lower))) {
    if (!lower.startsWith('<?xml')) return 'text/html';
  }
  if (lower.startsWith('<?xml') || lower.startsWith('<svg')) return lower.includes('<svg') ? 'image/svg+xml' : 'application/xml';
  if (start.startsWith('-----BEGIN CERTIFICATE-----')) return 'application/x-pem-file';
  if ((start.startsWith('{') || start.startsWith('[')) && start.length <= 64 * 1024 * 1024) {
    try {
      JSON.parse(start);
      return 'application/json';
    } catch {
      // not JSON: plain text
    }
  }
  return 'text/plain; charset=utf-8';
}

/** The media type the bytes themselves say. */
export function sniffMediaType(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'application/x-empty';
  const binary = binaryType(bytes);
  if (binary) return binary;
  const text = asText(bytes);
  return text === null ? 'application/octet-stream' : textType(text);
}
