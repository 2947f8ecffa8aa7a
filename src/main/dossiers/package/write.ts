/**
 * Writes the sealed package: a folder, and on request a `.zip` beside it
 * holding the same files (`<dir>.zip`).
 *
 * The caller (the export) first asks `piecesDigest(pieces)`, renders the PDF
 * with that digest in every footer, then calls `writePackage` with the PDF and
 * the same pieces. Nothing is ever overwritten, and nothing half-written is
 * ever seen under the final names: the folder is reserved (an empty `mkdir`,
 * which fails if it exists), filled under a temporary name, then renamed over
 * its own empty reservation; the zip is written under a temporary name and
 * hard-linked to its final name (which fails if it exists).
 *
 * The zip (zip-writer.ts) is deterministic: the same package gives the same
 * bytes on any machine. It is written and synced before the folder is
 * renamed into place. The folder's files are not synced one by one (on this
 * machine that cost ~2.4 ms a file, over 2 s for the originals of 300
 * reports): a crash right after an export can leave a damaged folder under its
 * final name, which `dossier verify` reports, and the store keeps the
 * manifest's hash.
 */
import { randomBytes, createPublicKey, verify as verifySignature } from 'node:crypto';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { keyFingerprint } from '../../crypto/intake-key.ts';
import { canonicalJson, describeFile, listingDigest, MANIFEST_FORMAT, MANIFEST_NAME, sha256Hex, signatureFile, SIGNATURE_NAME, sortFiles, type ManifestSigner, type PackageFile } from './manifest.ts';
import { standardPieces } from './readme.ts';
import { isSafePackagePath } from './safe-name.ts';
import { writeZip, zipData, ZipTooLarge, type ZipData } from './zip-writer.ts';

export interface PackagePiece {
  path: string;
  bytes: Uint8Array;
}

/** What manifest.json says besides its files; other keys are kept as given (JSON values). */
export interface PackageFields {
  case_ref: string;
  version: number;
  /** UTC ISO 8601. */
  created_at: string;
  analyst: string;
  workstation: string;
  /** e.g. `iblagh-workstation 1.4.0`. */
  generator: string;
  /** The audit journal's head at export (its index and hash: audit/audit.ts); null for an empty journal. */
  audit_head: { index: number; hash: string } | null;
  lang: string;
  [key: string]: unknown;
}

export interface WritePackageInput {
  dir: string;
  zip: boolean;
  pdf: { name: string; bytes: Uint8Array };
  pieces: readonly PackagePiece[];
  fields: PackageFields;
  signer: ManifestSigner;
}

export interface WrittenPackage {
  dir: string;
  zipPath: string | null;
  manifestSha256: string;
  piecesSha256: string;
  /** Every file but manifest.json and manifest.sig, as manifest.json lists them. */
  files: PackageFile[];
}

/** A package cannot be written as asked (bad path, existing package, signer that does not match its key); nothing was left behind. */
export class PackageError extends Error {}

const RESERVED_KEYS = ['format', 'pdf', 'pieces_sha256', 'files'];

function checkPaths(paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (!isSafePackagePath(path)) throw new PackageError(`Unsafe path in the package: ${JSON.stringify(path)} (make its name with safeFileName).`);
    // Two names that differ by case alone are one file on Windows and macOS.
    const key = path.toLocaleLowerCase('und');
    if (seen.has(key)) throw new PackageError(`Two files of the package are called ${JSON.stringify(path)}.`);
    seen.add(key);
  }
}

function allPieces(pieces: readonly PackagePiece[]): PackagePiece[] {
  return [...pieces, ...standardPieces()];
}

/**
 * The digest of every file of the package but the PDF (and the manifest
 * pair): the given pieces and the package's own LISEZMOI.txt. Computed before
 * the PDF is rendered, which prints it; manifest.json records it as
 * `pieces_sha256`.
 */
export function piecesDigest(pieces: readonly PackagePiece[]): string {
  const all = allPieces(pieces);
  checkPaths([...all.map((p) => p.path), MANIFEST_NAME, SIGNATURE_NAME]);
  return listingDigest(all.map((p) => describeFile(p.path, p.bytes)));
}

function writeNew(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes, { flag: 'wx' });
}

/** How old a `.partial-*` leftover must be before it is taken for a crash's: no export takes that long. */
export const PARTIAL_MAX_AGE_MS = 15 * 60 * 1000;
const PARTIAL_SUFFIX = /^\.partial-[0-9a-f]{12}$/;

/**
 * Removes what a crash in the middle of `writePackage` left for the package `dir` (and its zip): the staging
 * folder and zip under their `.partial-*` names, once older than PARTIAL_MAX_AGE_MS, and then the empty folder
 * that reserved the final name, if one of those was found beside it. A folder under the final name that holds
 * anything is never touched (it may be a whole package whose recording was cut short: the analyst decides), and
 * neither is a young `.partial-*` (another export may be writing it). Returns the paths removed.
 */
export function sweepCrashLeftovers(dir: string, zip: boolean, now: number = Date.now()): string[] {
  const parent = dirname(resolve(dir));
  const bases = [basename(dir), ...(zip ? [`${basename(dir)}.zip`] : [])];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const base = bases.find((b) => name.startsWith(b) && PARTIAL_SUFFIX.test(name.slice(b.length)));
    if (base === undefined) continue;
    const path = join(parent, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || now - stat.mtimeMs < PARTIAL_MAX_AGE_MS) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  if (removed.length > 0) {
    try {
      rmdirSync(dir); // only if empty: the reservation of a write that never reached its rename
      removed.push(resolve(dir));
    } catch {
      // Absent, or not empty: not ours to remove.
    }
  }
  return removed;
}

interface Sealed {
  createdAt: Date;
  /** Every file, the PDF, manifest.json and manifest.sig included. */
  entries: PackagePiece[];
  files: PackageFile[];
  manifest: Buffer;
  piecesSha256: string;
}

/** Checks the fields and the signer and makes manifest.json and manifest.sig; writes nothing. */
function seal(input: Omit<WritePackageInput, 'dir' | 'zip'>): Sealed {
  const createdAt = new Date(input.fields.created_at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.fields.created_at) || Number.isNaN(createdAt.getTime())) throw new PackageError(`created_at is not an ISO date: ${input.fields.created_at}`);
  for (const key of RESERVED_KEYS) if (key in input.fields) throw new PackageError(`The field ${key} is the package's own.`);

  const pieces = allPieces(input.pieces);
  const entries: PackagePiece[] = [{ path: input.pdf.name, bytes: input.pdf.bytes }, ...pieces];
  checkPaths([...entries.map((e) => e.path), MANIFEST_NAME, SIGNATURE_NAME]);
  const files = sortFiles(entries.map((e) => describeFile(e.path, e.bytes)));
  const piecesSha256 = listingDigest(files.filter((f) => f.path !== input.pdf.name));
  const manifest = canonicalJson({ ...input.fields, format: MANIFEST_FORMAT, pdf: input.pdf.name, pieces_sha256: piecesSha256, files });

  // A signer whose key is not the one it names would seal a package nobody can check: refuse it here.
  const signature = input.signer.sign(manifest);
  let key;
  try {
    key = createPublicKey(input.signer.publicKeyPem);
  } catch (error) {
    throw new PackageError(`The manifest key cannot be read: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new PackageError('The manifest key must be an Ed25519 key.');
  if (!verifySignature(null, manifest, key, signature)) throw new PackageError('The manifest signature does not verify with the signer\'s public key.');
  const fingerprint = keyFingerprint(key);
  if (fingerprint !== input.signer.fingerprint) throw new PackageError(`The signer names the fingerprint ${input.signer.fingerprint}, its key has ${fingerprint}.`);
  entries.push({ path: MANIFEST_NAME, bytes: manifest }, { path: SIGNATURE_NAME, bytes: signatureFile(signature, input.signer.publicKeyPem, fingerprint) });
  return { createdAt, entries, files, manifest, piecesSha256 };
}

/** The final names of a package, reserved (an empty folder), and the staging names its files are written under. */
interface Reserved {
  dir: string;
  zipPath: string | null;
  staging: string;
  partialZip: string | null;
}

function reserve(inputDir: string, zip: boolean): Reserved {
  const dir = resolve(inputDir);
  const zipPath = zip ? `${dir}.zip` : null;
  if (existsSync(dir)) throw new PackageError(`${dir} already exists: a package is never overwritten.`);
  if (zipPath !== null && existsSync(zipPath)) throw new PackageError(`${zipPath} already exists: a package is never overwritten.`);
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PackageError(`${dir} already exists: a package is never overwritten.`);
    throw error;
  }
  const suffix = `.partial-${randomBytes(6).toString('hex')}`;
  return { dir, zipPath, staging: `${dir}${suffix}`, partialZip: zipPath === null ? null : `${zipPath}${suffix}` };
}

/** Removes the staging files, and the reservation if it is still empty (rmdir refuses otherwise: someone else's files stay). */
function release(reserved: Reserved): void {
  rmSync(reserved.staging, { recursive: true, force: true });
  if (reserved.partialZip !== null) rmSync(reserved.partialZip, { force: true });
  try {
    rmdirSync(reserved.dir);
  } catch {
    // Not empty: what is in it is not ours to remove.
  }
}

/**
 * Writes what the staging folder still lacks (`write`), the zip, then puts both under their final names.
 * On failure nothing of ours is left, and the reservation is released.
 */
function commit(reserved: Reserved, sealed: Sealed, write: () => void, zipped?: ReadonlyMap<Uint8Array, ZipData>): void {
  const { dir, zipPath, staging, partialZip } = reserved;
  let renamed = false;
  let zipLinked = false;
  try {
    write();
    if (zipPath !== null && partialZip !== null) {
      try {
        writeZip(partialZip, sortFiles(sealed.entries), sealed.createdAt, zipped);
      } catch (error) {
        if (error instanceof ZipTooLarge) throw new PackageError(`The zip cannot be made: ${error.message}`);
        throw error;
      }
    }
    renameSync(staging, dir);
    renamed = true;
    if (zipPath !== null && partialZip !== null) {
      try {
        linkSync(partialZip, zipPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PackageError(`${zipPath} already exists: a package is never overwritten.`);
        throw error;
      }
      zipLinked = true;
    }
  } catch (error) {
    // Our own folder goes once renamed into place; before that, the reservation only if still empty.
    if (renamed) rmSync(dir, { recursive: true, force: true });
    release(reserved);
    if (zipLinked && zipPath !== null) unlinkSync(zipPath);
    throw error;
  } finally {
    if (partialZip !== null) rmSync(partialZip, { force: true });
  }
}

function written(reserved: Reserved, sealed: Sealed): WrittenPackage {
  return { dir: reserved.dir, zipPath: reserved.zipPath, manifestSha256: sha256Hex(sealed.manifest), piecesSha256: sealed.piecesSha256, files: sealed.files };
}

/** Writes the package (see the module comment). */
export function writePackage(input: WritePackageInput): WrittenPackage {
  const sealed = seal(input);
  const reserved = reserve(input.dir, input.zip);
  commit(reserved, sealed, () => {
    for (const entry of sealed.entries) writeNew(join(reserved.staging, ...entry.path.split('/')), entry.bytes);
  });
  return written(reserved, sealed);
}

/**
 * A package whose pieces are written, and compressed for its zip, ahead of its PDF: the export stages them while
 * Chromium prints (its main thread would wait idle), then completes the package with the signed PDF.
 */
export interface PackageStage {
  readonly reserved: Reserved;
  readonly pdfName: string;
  readonly pieces: readonly PackagePiece[];
  /** The paths already in the staging folder: the pieces and LISEZMOI.txt. */
  readonly staged: ReadonlySet<string>;
  /** The pieces' zip entries, by the bytes they were made from (none without a zip). */
  readonly zipped: ReadonlyMap<Uint8Array, ZipData>;
}

/**
 * Reserves the package's folder (and zip) and writes `pieces` (with LISEZMOI.txt) into its staging folder.
 * Complete it with `completePackage`, or give it up with `abandonPackage`; nothing is left if this throws.
 */
export function stagePackage(input: { dir: string; zip: boolean; pdfName: string; pieces: readonly PackagePiece[] }): PackageStage {
  const pieces = allPieces(input.pieces);
  checkPaths([input.pdfName, ...pieces.map((p) => p.path), MANIFEST_NAME, SIGNATURE_NAME]);
  const reserved = reserve(input.dir, input.zip);
  const zipped = new Map<Uint8Array, ZipData>();
  try {
    for (const piece of pieces) {
      writeNew(join(reserved.staging, ...piece.path.split('/')), piece.bytes);
      if (input.zip) zipped.set(piece.bytes, zipData(piece));
    }
  } catch (error) {
    release(reserved);
    throw error;
  }
  return { reserved, pdfName: input.pdfName, pieces: input.pieces, staged: new Set(pieces.map((piece) => piece.path)), zipped };
}

/** Seals a staged package with its PDF: the same package, byte for byte, as `writePackage` with the same input. */
export function completePackage(stage: PackageStage, input: { pdf: Uint8Array; fields: PackageFields; signer: ManifestSigner }): WrittenPackage {
  let sealed: Sealed;
  try {
    sealed = seal({ pdf: { name: stage.pdfName, bytes: input.pdf }, pieces: stage.pieces, fields: input.fields, signer: input.signer });
  } catch (error) {
    release(stage.reserved);
    throw error;
  }
  commit(stage.reserved, sealed, () => {
    for (const entry of sealed.entries) if (!stage.staged.has(entry.path)) writeNew(join(stage.reserved.staging, ...entry.path.split('/')), entry.bytes);
  }, stage.zipped);
  return written(stage.reserved, sealed);
}

/** Gives up a staged package (the render failed): its files and its reservation are removed. */
export function abandonPackage(stage: PackageStage): void {
  release(stage.reserved);
}
