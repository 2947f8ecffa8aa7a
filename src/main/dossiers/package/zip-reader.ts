/**
 * Reads a zip that may be hostile, for verify: from its central directory,
 * with positioned reads, never extracting anything to disk.
 *
 * Limits hold before any byte is inflated: entry count, central directory
 * size, each entry's declared size, the sum of the declared sizes. An entry
 * is inflated only when asked, into at most its declared size (Node's zlib
 * `maxOutputLength`: an entry that inflates beyond what it declares stops
 * there), and checked against its declared size and CRC-32. Memory holds one
 * entry at a time. Multi-disk and Zip64 archives are refused (the packages
 * this reads are made by zip-writer.ts, which writes neither).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxCentralDirectoryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxCentralDirectoryBytes: 64 * 1024 * 1024,
};

export interface ZipEntry {
  /** As decoded (UTF-8 when the entry says so, else byte by byte); `nameValid` false when UTF-8 was declared and the bytes are not. */
  name: string;
  nameValid: boolean;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The archive as a whole cannot be read (not a zip, over a limit, unsupported). */
export class ZipRefused extends Error {}
/** One entry cannot be read, said in French for verify's report. */
export class ZipEntryRefused extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ZipReader {
  readonly entries: ZipEntry[];
  private readonly fd: number;
  private readonly fileSize: number;
  private readonly centralOffset: number;
  private readonly limits: ZipLimits;

  private constructor(fd: number, fileSize: number, centralOffset: number, entries: ZipEntry[], limits: ZipLimits) {
    this.fd = fd;
    this.fileSize = fileSize;
    this.centralOffset = centralOffset;
    this.entries = entries;
    this.limits = limits;
  }

  static open(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipReader {
    const fd = openSync(path, 'r');
    try {
      const fileSize = fstatSync(fd).size;
      const { centralOffset, entries } = readDirectory(fd, fileSize, limits);
      return new ZipReader(fd, fileSize, centralOffset, entries, limits);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The entry's bytes, inflated within its declared size and checked against it and its CRC-32. */
  read(entry: ZipEntry): Buffer {
    if (entry.flags & 1) throw new ZipEntryRefused('entrée chiffrée');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipEntryRefused(`méthode de compression ${entry.method} non prise en charge`);
    if (entry.size > this.limits.maxEntryBytes) throw new ZipEntryRefused(`taille déclarée ${entry.size} octets, au-delà de la limite de ${this.limits.maxEntryBytes}`);
    if (entry.method === 0 && entry.compressedSize !== entry.size) throw new ZipEntryRefused('entrée stockée dont les tailles déclarées diffèrent');
    if (entry.compressedSize > this.limits.maxEntryBytes) throw new ZipEntryRefused(`taille compressée ${entry.compressedSize} octets, au-delà de la limite`);
    const header = readAt(this.fd, entry.localOffset, 30, this.fileSize);
    if (header === null || header.readUInt32LE(0) !== LOCAL) throw new ZipEntryRefused("en-tête local introuvable");
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const localName = readAt(this.fd, entry.localOffset + 30, nameLength, this.fileSize);
    // Extractors that stream read the local header's name: it must be the one the directory gives.
    if (localName === null || !localName.equals(entry.nameBytes)) throw new ZipEntryRefused("nom différent dans l'en-tête local");
    const start = entry.localOffset + 30 + nameLength + extraLength;
    if (start + entry.compressedSize > this.centralOffset) throw new ZipEntryRefused("données au-delà du début du répertoire central");
    const data = readAt(this.fd, start, entry.compressedSize, this.fileSize);
    if (data === null) throw new ZipEntryRefused('données tronquées');
    let bytes: Buffer;
    if (entry.method === 0) {
      bytes = data;
    } else {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw new ZipEntryRefused(`se décompresse au-delà de sa taille déclarée (${entry.size} octets) : refusée (bombe de décompression ?)`);
        }
        throw new ZipEntryRefused(`données compressées illisibles (${(error as Error).message})`);
      }
    }
    if (bytes.length !== entry.size) throw new ZipEntryRefused(`${bytes.length} octets décompressés pour ${entry.size} déclarés`);
    if (crc32(bytes) >>> 0 !== entry.crc32) throw new ZipEntryRefused('CRC-32 différent de celui déclaré');
    return bytes;
  }
}

function readAt(fd: number, position: number, length: number, fileSize: number): Buffer | null {
  if (position < 0 || length < 0 || position + length > fileSize) return null;
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) return null;
    done += n;
  }
  return buffer;
}

function findEnd(fd: number, fileSize: number): { at: number; record: Buffer } {
  const tailLength = Math.min(fileSize, 22 + MAX_COMMENT);
  const tail = readAt(fd, fileSize - tailLength, tailLength, fileSize);
  if (tail === null || tailLength < 22) throw new ZipRefused("ce n'est pas une archive zip");
  // The record whose comment ends exactly at the end of the file: a signature inside a comment does not fool it.
  for (let i = tailLength - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      return { at: fileSize - tailLength + i, record: tail.subarray(i, i + 22) };
    }
  }
  throw new ZipRefused("ce n'est pas une archive zip (fin du répertoire central introuvable)");
}

function readDirectory(fd: number, fileSize: number, limits: ZipLimits): { centralOffset: number; entries: ZipEntry[] } {
  const { at, record } = findEnd(fd, fileSize);
  const disk = record.readUInt16LE(4);
  const centralDisk = record.readUInt16LE(6);
  const onDisk = record.readUInt16LE(8);
  const count = record.readUInt16LE(10);
  const centralSize = record.readUInt32LE(12);
  const centralOffset = record.readUInt32LE(16);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) throw new ZipRefused('archive Zip64 non prise en charge');
  if (disk !== 0 || centralDisk !== 0 || onDisk !== count) throw new ZipRefused('archive en plusieurs parties non prise en charge');
  if (count > limits.maxEntries) throw new ZipRefused(`${count} entrées, au-delà de la limite de ${limits.maxEntries}`);
  if (centralSize > limits.maxCentralDirectoryBytes) throw new ZipRefused(`répertoire central de ${centralSize} octets, au-delà de la limite`);
  if (centralOffset + centralSize > at) throw new ZipRefused('répertoire central hors de l’archive');
  const central = readAt(fd, centralOffset, centralSize, fileSize);
  if (central === null) throw new ZipRefused('répertoire central tronqué');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > central.length || central.readUInt32LE(p) !== CENTRAL) throw new ZipRefused('répertoire central illisible');
    const flags = central.readUInt16LE(p + 8);
    const nameLength = central.readUInt16LE(p + 28);
    const extraLength = central.readUInt16LE(p + 30);
    const commentLength = central.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > central.length) throw new ZipRefused('répertoire central illisible');
    const compressedSize = central.readUInt32LE(p + 20);
    const size = central.readUInt32LE(p + 24);
    const localOffset = central.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipRefused('entrée Zip64 non prise en charge');
    const nameBytes = Buffer.from(central.subarray(p + 46, p + 46 + nameLength));
    let name: string;
    let nameValid = true;
    if (flags & 0x800) {
      try {
        name = utf8.decode(nameBytes);
      } catch {
        name = nameBytes.toString('latin1');
        nameValid = false;
      }
    } else {
      name = nameBytes.toString('latin1');
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefused(`tailles déclarées au-delà de la limite de ${limits.maxTotalBytes} octets au total (bombe de décompression ?)`);
    entries.push({ name, nameValid, nameBytes, flags, method: central.readUInt16LE(p + 10), crc32: central.readUInt32LE(p + 16), compressedSize, size, localOffset });
    p = end;
  }
  checkLayout(fd, fileSize, centralOffset, entries);
  return { centralOffset, entries };
}

const DATA_DESCRIPTOR = 0x08074b50;

/**
 * The local entries must be exactly those of the central directory, back to back from the first byte to the
 * directory, each local header saying what the directory says (method, flags, CRC-32, sizes). Extractors that read
 * the local headers in order (streaming ones) then see the same files as this reader: a file slipped between two
 * entries, or a local header that describes other bytes, is refused instead of passing unseen.
 */
function checkLayout(fd: number, fileSize: number, centralOffset: number, entries: readonly ZipEntry[]): void {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.localOffset !== expected) throw new ZipRefused(entry.localOffset > expected ? `octets hors de toute entrée avant ${JSON.stringify(entry.name)} (fichier caché ?)` : `entrées qui se chevauchent (${JSON.stringify(entry.name)})`);
    const header = readAt(fd, entry.localOffset, 30, fileSize);
    if (header === null || header.readUInt32LE(0) !== LOCAL) throw new ZipRefused(`en-tête local introuvable pour ${JSON.stringify(entry.name)}`);
    const flags = header.readUInt16LE(6);
    const descriptor = (entry.flags & 8) !== 0;
    const same =
      flags === entry.flags &&
      header.readUInt16LE(8) === entry.method &&
      (descriptor || (header.readUInt32LE(14) === entry.crc32 && header.readUInt32LE(18) === entry.compressedSize && header.readUInt32LE(22) === entry.size));
    if (!same) throw new ZipRefused(`l'en-tête local de ${JSON.stringify(entry.name)} ne dit pas ce que dit le répertoire central`);
    let next = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + entry.compressedSize;
    if (descriptor) {
      const signature = readAt(fd, next, 4, fileSize);
      next += signature !== null && signature.readUInt32LE(0) === DATA_DESCRIPTOR ? 16 : 12;
    }
    expected = next;
  }
  if (expected !== centralOffset) throw new ZipRefused(expected < centralOffset ? 'octets hors de toute entrée avant le répertoire central (fichier caché ?)' : 'entrées qui débordent sur le répertoire central');
}
