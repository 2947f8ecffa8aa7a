/**
 * A small EXIF (TIFF) block builder for tests: IFD0 (Make, Model, Software,
 * DateTime), the Exif IFD (DateTimeOriginal) and the GPS IFD (latitude and
 * longitude as degrees/minutes/seconds rationals), little-endian, wrapped in a
 * JPEG APP1 segment and put after a JPEG's SOI.
 */
type Entry = { tag: number; type: 2 | 4 | 5; count: number; data: Buffer };

const ascii = (tag: number, text: string): Entry => ({ tag, type: 2, count: text.length + 1, data: Buffer.from(`${text}\0`, 'latin1') });
const long = (tag: number, value: number): Entry => {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(value);
  return { tag, type: 4, count: 1, data };
};
const rationals = (tag: number, values: [number, number][]): Entry => {
  const data = Buffer.alloc(8 * values.length);
  values.forEach(([n, d], k) => {
    data.writeUInt32LE(n, 8 * k);
    data.writeUInt32LE(d, 8 * k + 4);
  });
  return { tag, type: 5, count: values.length, data };
};

function ifdSize(entries: Entry[]): number {
  return 2 + 12 * entries.length + 4 + entries.reduce((n, e) => n + (e.data.length > 4 ? e.data.length + (e.data.length % 2) : 0), 0);
}

function writeIfd(entries: Entry[], offset: number): Buffer {
  const out = Buffer.alloc(ifdSize(entries));
  out.writeUInt16LE(entries.length, 0);
  let dataAt = 2 + 12 * entries.length + 4;
  [...entries]
    .sort((a, b) => a.tag - b.tag)
    .forEach((e, k) => {
      const at = 2 + 12 * k;
      out.writeUInt16LE(e.tag, at);
      out.writeUInt16LE(e.type, at + 2);
      out.writeUInt32LE(e.count, at + 4);
      if (e.data.length <= 4) e.data.copy(out, at + 8);
      else {
        out.writeUInt32LE(offset + dataAt, at + 8);
        e.data.copy(out, dataAt);
        dataAt += e.data.length + (e.data.length % 2);
      }
    });
  return out;
}

function dms(value: number): [number, number][] {
  const a = Math.abs(value);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return [
    [d, 1],
    [m, 1],
    [s, 10000],
  ];
}

export interface ExifFields {
  make: string;
  model: string;
  software: string;
  dateTime: string;
  dateTimeOriginal: string;
  latitude: number;
  longitude: number;
}

export function exifTiff(f: ExifFields): Buffer {
  const exifIfd: Entry[] = [ascii(0x9003, f.dateTimeOriginal)];
  const gpsIfd: Entry[] = [ascii(0x0001, f.latitude >= 0 ? 'N' : 'S'), rationals(0x0002, dms(f.latitude)), ascii(0x0003, f.longitude >= 0 ? 'E' : 'W'), rationals(0x0004, dms(f.longitude))];
  const ifd0Entries = (exifAt: number, gpsAt: number): Entry[] => [ascii(0x010f, f.make), ascii(0x0110, f.model), ascii(0x0131, f.software), ascii(0x0132, f.dateTime), long(0x8769, exifAt), long(0x8825, gpsAt)];
  const size0 = ifdSize(ifd0Entries(0, 0));
  const exifAt = 8 + size0;
  const gpsAt = exifAt + ifdSize(exifIfd);
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]);
  return Buffer.concat([header, writeIfd(ifd0Entries(exifAt, gpsAt), 8), writeIfd(exifIfd, exifAt), writeIfd(gpsIfd, gpsAt)]);
}

/** The JPEG with an APP1 Exif segment right after its SOI. */
export function withExif(jpeg: Uint8Array, f: ExifFields): Buffer {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(f)]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), segment, body, Buffer.from(jpeg.subarray(2))]);
}
