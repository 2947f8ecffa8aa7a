/**
 * The signature's place in the PDF: an incremental update that appends a
 * signature dictionary (PAdES: SubFilter ETSI.CAdES.detached, the signing
 * time in /M), an invisible signature field on the first page and the
 * document's AcroForm, with a /Contents hole for the CMS and a /ByteRange
 * that covers everything else. The original bytes are kept unchanged in
 * front, as ISO 32000 incremental updates are.
 *
 * Why not @signpdf/placeholder-plain: on Chromium's PDFs (Skia) it
 * (1) takes the first kid of the root /Pages as the first page, but Skia
 * builds a page tree of 8-kid /Pages nodes as soon as a document has more
 * than 8 pages, so the widget and /Annots went onto an intermediate /Pages
 * node, on no page at all; (2) writes non-ASCII text (an Arabic name) as
 * UTF-16 then re-encodes it as UTF-8, which garbles it; (3) copies any text
 * holding `<<` into the dictionary unescaped (PDF syntax from a name or a
 * reason). It also only reads classic cross-reference tables, as this does.
 *
 * Reads what Skia (Chromium's `page.pdf()`, Electron's `printToPDF`) writes:
 * a classic cross-reference table, possibly followed by earlier incremental
 * updates with /Prev. Refuses, saying why, what it cannot update safely
 * (cross-reference streams, encryption, an existing form).
 */
import { createHash } from 'node:crypto';

export class PdfSignatureError extends Error {}

/** One parsed dictionary entry: the raw value's span in the text. */
interface Entry {
  start: number;
  end: number;
  raw: string;
}

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i]!;
    if (WHITESPACE.has(c)) i += 1;
    else if (c === '%') {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i += 1;
    } else break;
  }
  return i;
}

function regularEnd(s: string, i: number): number {
  while (i < s.length && !WHITESPACE.has(s[i]!) && !DELIMITERS.has(s[i]!)) i += 1;
  return i;
}

/** End (exclusive) of the value starting at `i` (already past spaces). */
function valueEnd(s: string, i: number): number {
  const c = s[i];
  if (c === undefined) throw new PdfSignatureError('unexpected end of the PDF inside an object');
  if (c === '<' && s[i + 1] === '<') return parseDict(s, i).end;
  if (c === '<') {
    const close = s.indexOf('>', i);
    if (close < 0) throw new PdfSignatureError('unterminated hex string');
    return close + 1;
  }
  if (c === '(') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const d = s[j];
      if (d === '\\') j += 1;
      else if (d === '(') depth += 1;
      else if (d === ')' && --depth === 0) return j + 1;
    }
    throw new PdfSignatureError('unterminated string');
  }
  if (c === '[') {
    let j = skipSpace(s, i + 1);
    while (s[j] !== ']') {
      if (j >= s.length) throw new PdfSignatureError('unterminated array');
      j = skipSpace(s, valueEnd(s, j));
    }
    return j + 1;
  }
  if (c === '/') return regularEnd(s, i + 1);
  const end = regularEnd(s, i);
  if (end === i) throw new PdfSignatureError(`unexpected character ${JSON.stringify(c)} in an object`);
  // An indirect reference: "12 0 R".
  const ref = /^\s+\d+\s+R(?=[\s/<>[\]()%]|$)/.exec(s.slice(end, end + 24));
  return /^\d+$/.test(s.slice(i, end)) && ref ? end + ref[0].length : end;
}

/** Parses the dictionary whose `<<` is at `start`. */
function parseDict(s: string, start: number): { entries: Map<string, Entry>; end: number } {
  const entries = new Map<string, Entry>();
  let i = skipSpace(s, start + 2);
  while (!(s[i] === '>' && s[i + 1] === '>')) {
    if (i >= s.length) throw new PdfSignatureError('unterminated dictionary');
    if (s[i] !== '/') throw new PdfSignatureError('a dictionary key is not a name');
    const keyEnd = regularEnd(s, i + 1);
    const key = s.slice(i + 1, keyEnd);
    const valueStart = skipSpace(s, keyEnd);
    const end = valueEnd(s, valueStart);
    entries.set(key, { start: valueStart, end, raw: s.slice(valueStart, end) });
    i = skipSpace(s, end);
  }
  return { entries, end: i + 2 };
}

function ref(raw: string | undefined, what: string): { num: number; gen: number } {
  const match = /^(\d+)\s+(\d+)\s+R$/.exec(raw ?? '');
  if (!match) throw new PdfSignatureError(`${what} is not an indirect reference`);
  return { num: Number(match[1]), gen: Number(match[2]) };
}

interface Xref {
  offsets: Map<number, number>;
  trailer: Map<string, Entry>;
  startxref: number;
}

function readXref(s: string): Xref {
  const tail = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s.slice(-1024));
  if (!tail) throw new PdfSignatureError('no startxref and %%EOF at the end of the file');
  const startxref = Number(tail[1]);
  const offsets = new Map<number, number>();
  let trailer: Map<string, Entry> | null = null;
  const seen = new Set<number>();
  for (let at: number | null = startxref; at !== null; ) {
    if (seen.has(at) || seen.size > 256) throw new PdfSignatureError('a loop in the /Prev chain of cross-reference tables');
    seen.add(at);
    let i = skipSpace(s, at);
    if (!s.startsWith('xref', i)) {
      throw new PdfSignatureError(/^\d+\s+\d+\s+obj/.test(s.slice(i, i + 32)) ? 'the PDF uses a cross-reference stream, which is not supported' : `no cross-reference table at offset ${at}`);
    }
    i = skipSpace(s, i + 4);
    const subsection = /(\d+)\s+(\d+)[ \t]*\r?\n?/y;
    const entry = /(\d{10}) (\d{5}) ([nf])[ \r\n]{0,2}/y;
    for (;;) {
      subsection.lastIndex = i;
      const head = subsection.exec(s);
      if (!head) break;
      const first = Number(head[1]);
      const count = Number(head[2]);
      i = subsection.lastIndex;
      for (let k = 0; k < count; k++) {
        entry.lastIndex = i;
        const row = entry.exec(s);
        if (!row) throw new PdfSignatureError('a malformed cross-reference entry');
        i = entry.lastIndex;
        if (row[3] === 'n' && !offsets.has(first + k)) offsets.set(first + k, Number(row[1]));
      }
      i = skipSpace(s, i);
    }
    if (!s.startsWith('trailer', i)) throw new PdfSignatureError('no trailer after the cross-reference table');
    const dictStart = skipSpace(s, i + 7);
    const dict = parseDict(s, dictStart).entries;
    trailer ??= dict;
    const prev = dict.get('Prev')?.raw;
    at = prev === undefined ? null : Number(prev);
  }
  return { offsets, trailer: trailer!, startxref };
}

interface PdfObject {
  num: number;
  gen: number;
  /** The dictionary's text, `<<` to `>>`. */
  dict: string;
  entries: Map<string, Entry>;
}

function readObject(s: string, xref: Xref, num: number): PdfObject {
  const offset = xref.offsets.get(num);
  if (offset === undefined) throw new PdfSignatureError(`object ${num} is not in the cross-reference table`);
  const header = /(\d+)\s+(\d+)\s+obj/y;
  header.lastIndex = offset;
  const match = header.exec(s);
  if (!match || Number(match[1]) !== num) throw new PdfSignatureError(`object ${num} is not at its offset`);
  const start = skipSpace(s, header.lastIndex);
  if (!s.startsWith('<<', start)) throw new PdfSignatureError(`object ${num} is not a dictionary`);
  const { entries, end } = parseDict(s, start);
  const dict = s.slice(start, end);
  const shifted = new Map([...entries].map(([key, e]) => [key, { start: e.start - start, end: e.end - start, raw: e.raw }]));
  return { num, gen: Number(match[2]), dict, entries: shifted };
}

function firstPage(s: string, xref: Xref, pagesRef: string | undefined): PdfObject {
  let node = readObject(s, xref, ref(pagesRef, 'the catalog /Pages').num);
  for (let depth = 0; depth < 64; depth++) {
    const type = node.entries.get('Type')?.raw;
    if (type === '/Page') return node;
    const kids = node.entries.get('Kids')?.raw ?? '';
    const first = /(\d+)\s+(\d+)\s+R/.exec(kids);
    if (type !== '/Pages' || !first) throw new PdfSignatureError('the page tree has no first page');
    node = readObject(s, xref, Number(first[1]));
  }
  throw new PdfSignatureError('the page tree is too deep');
}

/** Bidi and other invisible controls: a signer's name is shown as written, never reordered. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** A PDF text string: printable ASCII as a literal string, anything else as UTF-16BE with a BOM, in hex. */
export function pdfText(value: string): string {
  const clean = value.replace(CONTROLS, '').slice(0, 500);
  if (/^[\x20-\x7e]*$/.test(clean)) return `(${clean.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(clean, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

/** PDF date, UTC. */
export function pdfDate(at: Date): string {
  const iso = at.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00')`;
}

export interface SignatureFieldMeta {
  name: string;
  reason: string;
  location: string;
  contactInfo?: string | undefined;
  signingTime: Date;
}

export interface PreparedPdf {
  /** The PDF with the signature dictionary; /Contents is a hole of zeros. */
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** SHA-256 over the byte range: what the CMS signs. */
  digest: Buffer;
  /** Room for the CMS, in bytes. */
  capacity: number;
}

const BYTE_RANGE_HOLE = '/ByteRange [0 ********** ********** **********]';

/** Appends the signature field with room for `capacity` bytes of CMS; fills in the byte range and hashes it. */
export function prepareSignature(input: Uint8Array, meta: SignatureFieldMeta, capacity: number): PreparedPdf {
  const original = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!original.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new PdfSignatureError('not a PDF (no %PDF- header)');
  const s = original.toString('latin1');
  const xref = readXref(s);
  if (xref.trailer.has('Encrypt')) throw new PdfSignatureError('the PDF is encrypted');
  const size = Number(xref.trailer.get('Size')?.raw);
  if (!Number.isInteger(size) || size < 1) throw new PdfSignatureError('the trailer has no /Size');
  const root = readObject(s, xref, ref(xref.trailer.get('Root')?.raw, 'the trailer /Root').num);
  if (root.entries.has('AcroForm')) throw new PdfSignatureError('the PDF already has a form (/AcroForm); signing it is not supported');
  const page = firstPage(s, xref, root.entries.get('Pages')?.raw);

  const sigNum = size;
  const widgetNum = size + 1;
  const formNum = size + 2;
  const annots = page.entries.get('Annots');
  let pageDict: string;
  if (annots === undefined) pageDict = `${page.dict.slice(0, -2)}\n/Annots [${widgetNum} 0 R]>>`;
  else if (annots.raw.startsWith('[')) pageDict = `${page.dict.slice(0, annots.start)}${annots.raw.slice(0, -1)} ${widgetNum} 0 R]${page.dict.slice(annots.end)}`;
  else throw new PdfSignatureError('the first page keeps its annotations in a separate object, which is not supported');
  const rootDict = `${root.dict.slice(0, -2)}\n/AcroForm ${formNum} 0 R>>`;

  const contentsHex = '0'.repeat(capacity * 2);
  const signature = [
    '<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
    BYTE_RANGE_HOLE,
    `/Contents <${contentsHex}>`,
    `/M ${pdfDate(meta.signingTime)}`,
    `/Name ${pdfText(meta.name)}`,
    `/Reason ${pdfText(meta.reason)}`,
    `/Location ${pdfText(meta.location)}`,
    ...(meta.contactInfo ? [`/ContactInfo ${pdfText(meta.contactInfo)}`] : []),
    '>>',
  ].join('\n');
  const objects: Array<{ num: number; gen: number; body: string }> = [
    { num: sigNum, gen: 0, body: signature },
    { num: widgetNum, gen: 0, body: `<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature${sigNum}) /Rect [0 0 0 0] /F 132 /V ${sigNum} 0 R /P ${page.num} ${page.gen} R>>` },
    { num: formNum, gen: 0, body: `<</Fields [${widgetNum} 0 R] /SigFlags 3>>` },
    { num: root.num, gen: root.gen, body: rootDict },
    { num: page.num, gen: page.gen, body: pageDict },
  ];

  let text = /[\r\n]$/.test(s) ? '' : '\n';
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const object of objects) {
    offsets.set(object.num, { offset: original.length + text.length, gen: object.gen });
    text += `${object.num} ${object.gen} obj\n${object.body}\nendobj\n`;
  }
  const xrefOffset = original.length + text.length;
  text += 'xref\n0 1\n0000000000 65535 f \n';
  for (const num of [...offsets.keys()].sort((a, b) => a - b)) {
    const { offset, gen } = offsets.get(num)!;
    text += `${num} 1\n${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
  }
  const keep = ['Root', 'Info', 'ID'].flatMap((key) => (xref.trailer.has(key) ? [`/${key} ${xref.trailer.get(key)!.raw}`] : []));
  text += `trailer\n<</Size ${size + 3} ${keep.join(' ')} /Prev ${xref.startxref}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const pdf = Buffer.concat([original, Buffer.from(text, 'latin1')]);
  const contentsAt = pdf.indexOf(`/Contents <${contentsHex.slice(0, 16)}`, original.length, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsAt + contentsHex.length + 2;
  const byteRange: [number, number, number, number] = [0, contentsAt, contentsEnd, pdf.length - contentsEnd];
  const rangeText = `/ByteRange [${byteRange.join(' ')}]`;
  if (rangeText.length > BYTE_RANGE_HOLE.length) throw new PdfSignatureError('the PDF is too large for the byte range');
  const holeAt = pdf.indexOf(BYTE_RANGE_HOLE, original.length, 'latin1');
  pdf.write(rangeText.padEnd(BYTE_RANGE_HOLE.length, ' '), holeAt, 'latin1');
  const digest = createHash('sha256').update(pdf.subarray(0, contentsAt)).update(pdf.subarray(contentsEnd)).digest();
  return { pdf, byteRange, digest, capacity };
}

/** Writes the CMS (DER) into the /Contents hole. */
export function fillSignature(prepared: PreparedPdf, cms: Uint8Array): Buffer {
  if (cms.length > prepared.capacity) throw new PdfSignatureError(`the signature (${cms.length} bytes) is larger than the room kept for it (${prepared.capacity})`);
  const pdf = Buffer.from(prepared.pdf);
  pdf.write(Buffer.from(cms).toString('hex').toUpperCase(), prepared.byteRange[1] + 1, 'latin1');
  return pdf;
}
