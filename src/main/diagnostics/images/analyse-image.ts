/**
 * The analysis of one image's bytes, as the decoder process runs it (never in
 * the process that holds the database key): type by magic bytes, dimensions
 * from the header (too many pixels is refused before decoding), metadata
 * (EXIF, XMP, IPTC through ExifReader; GPS as decimal coordinates), pixels
 * with a memory-safe JavaScript decoder (jpeg-js, pngjs, omggif), the PDQ hash
 * of those pixels, and a small greyscale preview (at most PREVIEW_MAX_SIDE a
 * side) that the renderer draws on a canvas. WebP is sniffed and measured,
 * never decoded: "type non analysé".
 */
import ExifReader from 'exifreader';
import jpeg from 'jpeg-js';
import omggif from 'omggif';
import { PNG } from 'pngjs';
import { pdqHash } from './pdq.ts';
import { DECODED_TYPES, headerDimensions, sniffAnyType, sniffImageType } from './image-header.ts';

/** Refused before decoding (decompression bombs). */
export const MAX_PIXELS = 40_000_000;
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
export const PREVIEW_MAX_SIDE = 256;

export interface ImageMetadata {
  camera: string | null;
  software: string | null;
  dates: { original: string | null; digitized: string | null; modified: string | null };
  gps: { latitude: number; longitude: number; altitude: number | null } | null;
  /** Every other short text field read, `group:name` → value (untrusted text), capped. */
  fields: { group: string; name: string; value: string }[];
}

export interface ImageAnalysis {
  mediaType: string | null;
  /** Whether pixels were decoded (false: type not analysed, e.g. WebP or not an image). */
  decoded: boolean;
  width: number | null;
  height: number | null;
  metadata: ImageMetadata | null;
  pdq: string | null;
  pdqQuality: number | null;
  /** Greyscale, row-major, previewWidth × previewHeight bytes. */
  preview: { width: number; height: number; grey: Uint8Array } | null;
}

export class ImageRefused extends Error {
  readonly code: 'TOO_LARGE' | 'TOO_MANY_PIXELS' | 'CORRUPT';
  constructor(code: 'TOO_LARGE' | 'TOO_MANY_PIXELS' | 'CORRUPT', message: string) {
    super(message);
    this.code = code;
  }
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(type: string, bytes: Uint8Array): Rgba {
  try {
    if (type === 'image/jpeg') {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
      return { width: image.width, height: image.height, data: image.data };
    }
    if (type === 'image/png') {
      const image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: image.width, height: image.height, data: image.data };
    }
    // GIF: the first frame, composed on a transparent canvas of the logical screen.
    const reader = new omggif.GifReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const data = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(0, data);
    return { width: reader.width, height: reader.height, data };
  } catch (error) {
    throw new ImageRefused('CORRUPT', `cannot decode the ${type} image: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
}

/** Greyscale (Rec. 601 luma over white for transparency), box-averaged down to at most `maxSide` a side. */
export function greyPreview(image: Rgba, maxSide = PREVIEW_MAX_SIDE): { width: number; height: number; grey: Uint8Array } {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const sums = new Float64Array(w * h);
  const counts = new Uint32Array(w * h);
  const d = image.data;
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(h - 1, Math.floor((y * h) / image.height));
    for (let x = 0; x < image.width; x++) {
      const tx = Math.min(w - 1, Math.floor((x * w) / image.width));
      const p = (y * image.width + x) * 4;
      const a = d[p + 3]! / 255;
      const luma = 0.299 * d[p]! + 0.587 * d[p + 1]! + 0.114 * d[p + 2]!;
      sums[ty * w + tx]! += luma * a + 255 * (1 - a);
      counts[ty * w + tx]! += 1;
    }
  }
  const grey = new Uint8Array(w * h);
  for (let k = 0; k < grey.length; k++) grey[k] = Math.round(sums[k]! / Math.max(1, counts[k]!));
  return { width: w, height: h, grey };
}

const MAX_FIELDS = 60;
const MAX_VALUE = 300;

/** Binary junk (NUL and other C0 controls but tab and newlines) is no text to show. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

type Tag = { description?: unknown; value?: unknown };
type Group = Record<string, Tag | undefined>;

function text(tag: Tag | undefined): string | null {
  if (!tag) return null;
  const value = typeof tag.description === 'string' ? tag.description : Array.isArray(tag.value) ? tag.value.join(' ') : typeof tag.value === 'string' || typeof tag.value === 'number' ? String(tag.value) : null;
  if (value === null) return null;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_VALUE);
}

function firstText(...tags: (Tag | undefined)[]): string | null {
  for (const tag of tags) {
    const value = text(tag);
    if (value !== null) return value;
  }
  return null;
}

/** EXIF, XMP and IPTC as the analyst reads them; null when the file carries none (or they cannot be read). */
export function readMetadata(bytes: Uint8Array): ImageMetadata | null {
  let tags: Record<string, unknown>;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    tags = ExifReader.load(buffer, { expanded: true, includeUnknown: false }) as unknown as Record<string, unknown>;
  } catch {
    return null;
  }
  const exif = (tags['exif'] ?? {}) as Group;
  const xmp = (tags['xmp'] ?? {}) as Group;
  const iptc = (tags['iptc'] ?? {}) as Group;
  const gpsGroup = tags['gps'] as { Latitude?: number; Longitude?: number; Altitude?: number } | undefined;
  const make = firstText(exif['Make'], xmp['Make']);
  const model = firstText(exif['Model'], xmp['Model']);
  const camera = make && model && !model.startsWith(make) ? `${make} ${model}` : (model ?? make);
  const software = firstText(exif['Software'], xmp['CreatorTool'], iptc['Originating Program']);
  const dates = {
    original: firstText(exif['DateTimeOriginal'], xmp['DateTimeOriginal'], xmp['DateCreated'], iptc['Date Created']),
    digitized: firstText(exif['DateTimeDigitized'], xmp['CreateDate'], iptc['Digital Creation Date']),
    modified: firstText(exif['DateTime'], xmp['ModifyDate']),
  };
  const lat = gpsGroup?.Latitude;
  const lon = gpsGroup?.Longitude;
  const gps =
    typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      ? { latitude: Math.round(lat * 1e6) / 1e6, longitude: Math.round(lon * 1e6) / 1e6, altitude: typeof gpsGroup?.Altitude === 'number' && Number.isFinite(gpsGroup.Altitude) ? Math.round(gpsGroup.Altitude * 10) / 10 : null }
      : null;
  const fields: ImageMetadata['fields'] = [];
  const shown = new Set(['Make', 'Model', 'Software', 'DateTimeOriginal', 'DateTimeDigitized', 'DateTime', 'CreatorTool', 'CreateDate', 'ModifyDate', 'DateCreated', 'Date Created', 'Digital Creation Date']);
  for (const [group, entries] of [['exif', exif], ['xmp', xmp], ['iptc', iptc]] as const) {
    for (const [name, tag] of Object.entries(entries)) {
      if (fields.length >= MAX_FIELDS) break;
      if (shown.has(name) || /^(GPS|Thumbnail|MakerNote|UserComment|PrintIM)/.test(name) || name.startsWith('_')) continue;
      const value = text(tag);
      if (value !== null && value.length <= MAX_VALUE && !hasControl(value)) fields.push({ group, name: name.slice(0, 64), value });
    }
  }
  if (!camera && !software && !dates.original && !dates.digitized && !dates.modified && !gps && fields.length === 0) return null;
  return { camera, software, dates, gps, fields };
}

/** Analyses untrusted bytes. Throws ImageRefused (too large, too many pixels, corrupt). */
export function analyseImage(bytes: Uint8Array): ImageAnalysis {
  if (bytes.length > MAX_INPUT_BYTES) throw new ImageRefused('TOO_LARGE', `${bytes.length} bytes is over the ${MAX_INPUT_BYTES}-byte cap`);
  const imageType = sniffImageType(bytes);
  const mediaType = imageType ?? sniffAnyType(bytes);
  if (!imageType) return { mediaType, decoded: false, width: null, height: null, metadata: null, pdq: null, pdqQuality: null, preview: null };
  const header = headerDimensions(imageType, bytes);
  if (header && header.width * header.height > MAX_PIXELS) {
    throw new ImageRefused('TOO_MANY_PIXELS', `${header.width}×${header.height} is over the ${MAX_PIXELS / 1e6}-megapixel cap; not decoded`);
  }
  const metadata = imageType === 'image/webp' ? null : readMetadata(bytes);
  if (!DECODED_TYPES.includes(imageType)) {
    return { mediaType, decoded: false, width: header?.width ?? null, height: header?.height ?? null, metadata, pdq: null, pdqQuality: null, preview: null };
  }
  if (!header) throw new ImageRefused('CORRUPT', `the ${imageType} header cannot be read`);
  const pixels = decode(imageType, bytes);
  if (pixels.width * pixels.height > MAX_PIXELS) throw new ImageRefused('TOO_MANY_PIXELS', `${pixels.width}×${pixels.height} is over the cap`);
  const pdq = pdqHash(pixels);
  return { mediaType, decoded: true, width: pixels.width, height: pixels.height, metadata, pdq: pdq.hash, pdqQuality: pdq.quality, preview: greyPreview(pixels) };
}
