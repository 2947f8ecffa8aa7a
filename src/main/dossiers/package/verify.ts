/**
 * Checks a sealed package, folder or zip, with nothing but the package: no
 * store, no network. First the signature of manifest.json (and the pinned key,
 * when given), then the manifest's shape and pieces digest, then every file's
 * size and SHA-256, then whatever is there and not listed.
 *
 * Problems, each a path and a kind:
 * - `signature`: manifest.sig unreadable, the signature fails, or the key is
 *   not the pinned one;
 * - `manifest`: manifest.json is not the expected JSON, its pieces digest does
 *   not match its files, or the zip cannot be read at all;
 * - `changed`: a listed file whose size or hash differs (or, in a zip, whose
 *   entry cannot be read safely: over a limit, inflating past its size, bad CRC);
 * - `missing`: a listed file that is not there;
 * - `extra`: anything there and not listed (but manifest.sig), including zip
 *   entries with a dangerous name (`..`, absolute, backslash) or given twice,
 *   which are never inflated nor written anywhere.
 * Each may carry a `detail`, in French, for the human report.
 */
import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { keyFingerprint } from '../../crypto/intake-key.ts';
import { MANIFEST_NAME, manifestPiecesDigest, ManifestShape, normaliseFingerprint, parseSignatureFile, SIGNATURE_NAME, SignatureFileError, type Manifest } from './manifest.ts';
import { DEFAULT_ZIP_LIMITS, ZipEntryRefused, ZipReader, ZipRefused, type ZipEntry, type ZipLimits } from './zip-reader.ts';

export const PROBLEM_KINDS = ['changed', 'missing', 'extra', 'manifest', 'signature'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface VerifyProblem {
  path: string;
  kind: ProblemKind;
  detail?: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The fingerprint of the key whose signature over manifest.json holds; null when none does. */
  signer: string | null;
  problems: VerifyProblem[];
  /** How many files manifest.json lists (0 when it cannot be read). */
  files: number;
  /** Whether a folder or a zip was checked. */
  source: 'folder' | 'zip';
}

export interface VerifyOptions {
  /** Pin the signer: any other key is a `signature` problem. */
  keyFingerprint?: string | undefined;
  zipLimits?: ZipLimits;
}

/** The path given cannot be checked at all (absent, neither a folder nor a file, bad fingerprint). */
export class VerifyInputError extends Error {}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 64 * 1024;
const CHUNK = 1024 * 1024;

type Digest = { size: number; sha256: string } | { refused: string };

/** What verify needs from a folder or a zip. */
interface Source {
  kind: 'folder' | 'zip';
  /** Every name there (files, links and the like), `/`-separated, NFC. */
  names(): string[];
  /** Problems seen while listing (dangerous or repeated zip names, links in a folder). */
  listing: VerifyProblem[];
  /** A small file's bytes, or why not; null when absent. */
  read(name: string, max: number): Buffer | { refused: string } | null;
  /** Size and SHA-256, or why they cannot be had; null when absent. */
  digest(name: string, expectedSize: number): Digest | null;
  close(): void;
}

function sha256File(fd: number): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let position = 0; ; ) {
    const n = readSync(fd, buffer, 0, CHUNK, position);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    position += n;
  }
  return hash.digest('hex');
}

function folderSource(root: string): Source {
  /** NFC name → name on disk (macOS may store names decomposed). */
  const files = new Map<string, string>();
  const irregular = new Map<string, string>();
  const listing: VerifyProblem[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const onDisk = `${prefix}${dirent.name}`;
      const name = onDisk.normalize('NFC');
      if (dirent.isDirectory()) {
        walk(join(dir, dirent.name), `${onDisk}/`);
      } else if (files.has(name) || irregular.has(name)) {
        listing.push({ path: name, kind: 'extra', detail: 'un autre fichier porte déjà ce nom (normalisation Unicode)' });
      } else if (dirent.isFile()) {
        files.set(name, onDisk);
      } else {
        irregular.set(name, dirent.isSymbolicLink() ? 'lien symbolique, jamais suivi' : "pas un fichier ordinaire");
      }
    }
  };
  walk(root, '');
  const open = (name: string): number | { refused: string } | null => {
    const why = irregular.get(name);
    if (why !== undefined) return { refused: why };
    const onDisk = files.get(name);
    if (onDisk === undefined) return null;
    const path = join(root, ...onDisk.split('/'));
    if (!lstatSync(path).isFile()) return { refused: "pas un fichier ordinaire" };
    return openSync(path, 'r');
  };
  return {
    kind: 'folder',
    names: () => [...files.keys(), ...irregular.keys()],
    listing,
    read(name, max) {
      const fd = open(name);
      if (fd === null || typeof fd === 'object') return fd;
      try {
        const size = fstatSync(fd).size;
        if (size > max) return { refused: `${size} octets, au-delà de la limite de ${max}` };
        const buffer = Buffer.alloc(size);
        for (let done = 0; done < size; ) {
          const n = readSync(fd, buffer, done, size - done, done);
          if (n === 0) return { refused: 'lecture interrompue' };
          done += n;
        }
        return buffer;
      } finally {
        closeSync(fd);
      }
    },
    digest(name, expectedSize) {
      const fd = open(name);
      if (fd === null || typeof fd === 'object') return fd;
      try {
        const size = fstatSync(fd).size;
        // A different size says enough: no need to read the file.
        if (size !== expectedSize) return { size, sha256: '' };
        return { size, sha256: sha256File(fd) };
      } finally {
        closeSync(fd);
      }
    },
    close() {},
  };
}

/** Names no extractor should ever be handed. */
function dangerousName(entry: ZipEntry): string | null {
  const name = entry.name;
  if (!entry.nameValid) return 'nom déclaré UTF-8 invalide';
  if (name.includes('\\')) return 'nom avec une barre oblique inverse';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'chemin absolu';
  if (/\p{Cc}/u.test(name)) return 'nom avec un caractère de contrôle';
  if (name.split('/').some((segment) => segment === '..' || segment === '.')) return 'nom avec « .. » ou « . »';
  return null;
}

function zipSource(path: string, limits: ZipLimits): Source {
  const reader = ZipReader.open(path, limits);
  const byName = new Map<string, ZipEntry>();
  const listing: VerifyProblem[] = [];
  for (const entry of reader.entries) {
    const danger = dangerousName(entry);
    if (danger !== null) {
      listing.push({ path: entry.name, kind: 'extra', detail: `${danger} : entrée jamais lue ni écrite` });
      continue;
    }
    // Folder entries (`evidence/`) hold nothing.
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    const name = entry.name.normalize('NFC');
    if (byName.has(name)) {
      // Extractors disagree on which copy wins: whichever they pick, this is not what was sealed.
      const kind = name === MANIFEST_NAME ? 'manifest' : name === SIGNATURE_NAME ? 'signature' : 'extra';
      listing.push({ path: name, kind, detail: 'entrée en double dans le zip' });
      continue;
    }
    byName.set(name, entry);
  }
  const load = (name: string): Buffer | { refused: string } | null => {
    const entry = byName.get(name);
    if (entry === undefined) return null;
    try {
      return reader.read(entry);
    } catch (error) {
      if (error instanceof ZipEntryRefused) return { refused: error.message };
      throw error;
    }
  };
  return {
    kind: 'zip',
    names: () => [...byName.keys()],
    listing,
    read(name, max) {
      const entry = byName.get(name);
      if (entry !== undefined && entry.size > max) return { refused: `${entry.size} octets déclarés, au-delà de la limite de ${max}` };
      return load(name);
    },
    digest(name, expectedSize) {
      const entry = byName.get(name);
      if (entry === undefined) return null;
      // The declared size differs: nothing to inflate to know it changed.
      if (entry.size !== expectedSize) return { size: entry.size, sha256: '' };
      const bytes = load(name);
      if (bytes === null || !Buffer.isBuffer(bytes)) return bytes;
      return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    close: () => reader.close(),
  };
}

function checkSignature(source: Source, manifestBytes: Buffer | null, pin: string | null, problems: VerifyProblem[]): string | null {
  const sig = source.read(SIGNATURE_NAME, MAX_SIGNATURE_BYTES);
  if (sig === null) {
    problems.push({ path: SIGNATURE_NAME, kind: 'missing', detail: 'signature du manifeste absente' });
    return null;
  }
  if (!Buffer.isBuffer(sig)) {
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail: sig.refused });
    return null;
  }
  let parsed;
  let key: KeyObject;
  try {
    parsed = parseSignatureFile(sig);
    key = createPublicKey({ key: parsed.publicKeyPem, format: 'pem' });
  } catch (error) {
    const detail = error instanceof SignatureFileError ? "manifest.sig n'a pas la forme attendue" : 'clé publique illisible';
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail });
    return null;
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail: `clé ${key.asymmetricKeyType ?? 'inconnue'}, Ed25519 attendue` });
    return null;
  }
  const fingerprint = keyFingerprint(key);
  if (fingerprint !== parsed.fingerprint) {
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail: `l'empreinte écrite (${parsed.fingerprint}) n'est pas celle de la clé (${fingerprint})` });
    return null;
  }
  if (manifestBytes === null) return null;
  if (!verifySignature(null, manifestBytes, key, parsed.signature)) {
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail: 'la signature ne correspond pas à manifest.json' });
    return null;
  }
  if (pin !== null && pin !== fingerprint) {
    problems.push({ path: SIGNATURE_NAME, kind: 'signature', detail: `signé par la clé ${fingerprint}, pas par la clé attendue ${pin}` });
  }
  return fingerprint;
}

function readManifest(source: Source, problems: VerifyProblem[]): { bytes: Buffer | null; manifest: Manifest | null } {
  const bytes = source.read(MANIFEST_NAME, MAX_MANIFEST_BYTES);
  if (bytes === null) {
    problems.push({ path: MANIFEST_NAME, kind: 'missing', detail: 'manifeste absent : aucun fichier ne peut être vérifié' });
    return { bytes: null, manifest: null };
  }
  if (!Buffer.isBuffer(bytes)) {
    problems.push({ path: MANIFEST_NAME, kind: 'manifest', detail: bytes.refused });
    return { bytes: null, manifest: null };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    problems.push({ path: MANIFEST_NAME, kind: 'manifest', detail: "manifest.json n'est pas du JSON UTF-8 valide" });
    return { bytes, manifest: null };
  }
  const parsed = ManifestShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.push({ path: MANIFEST_NAME, kind: 'manifest', detail: `manifest.json n'a pas la forme attendue (${issue ? `${issue.path.join('.') || 'racine'} : ${issue.message}` : 'forme inconnue'})` });
    return { bytes, manifest: null };
  }
  if (manifestPiecesDigest(parsed.data) !== parsed.data.pieces_sha256) {
    problems.push({ path: MANIFEST_NAME, kind: 'manifest', detail: 'pieces_sha256 ne correspond pas à la liste des fichiers' });
  }
  return { bytes, manifest: parsed.data };
}

function checkFiles(source: Source, manifest: Manifest, problems: VerifyProblem[]): void {
  for (const file of manifest.files) {
    const digest = source.digest(file.path, file.size);
    if (digest === null) problems.push({ path: file.path, kind: 'missing' });
    else if ('refused' in digest) problems.push({ path: file.path, kind: 'changed', detail: digest.refused });
    else if (digest.size !== file.size) problems.push({ path: file.path, kind: 'changed', detail: `${digest.size} octets au lieu de ${file.size}` });
    else if (digest.sha256 !== file.sha256) problems.push({ path: file.path, kind: 'changed', detail: 'SHA-256 différent' });
  }
}

/** Checks the package at `path` (a folder, or a zip file). */
export function verifyPackage(path: string, options: VerifyOptions = {}): VerifyResult {
  let pin: string | null = null;
  if (options.keyFingerprint !== undefined) {
    pin = normaliseFingerprint(options.keyFingerprint);
    if (pin === null) throw new VerifyInputError(`Empreinte de clé illisible : ${options.keyFingerprint} (32 paires hexadécimales, séparées ou non par « : »).`);
  }
  let stat;
  try {
    // The path the user gave may be a link; nothing inside the package is ever followed.
    stat = statSync(path);
  } catch {
    throw new VerifyInputError(`${path} n'existe pas.`);
  }
  const kind = stat.isDirectory() ? 'folder' : stat.isFile() ? 'zip' : null;
  if (kind === null) throw new VerifyInputError(`${path} n'est ni un dossier ni un fichier zip.`);
  let source: Source;
  try {
    source = kind === 'folder' ? folderSource(path) : zipSource(path, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefused) {
      return { ok: false, signer: null, problems: [{ path: basename(path), kind: 'manifest', detail: `archive refusée : ${error.message}` }], files: 0, source: 'zip' };
    }
    throw error;
  }
  try {
    const problems: VerifyProblem[] = [];
    const { bytes, manifest } = readManifest(source, problems);
    const signer = checkSignature(source, bytes, pin, problems);
    const fileProblems: VerifyProblem[] = [...source.listing];
    if (manifest !== null) {
      checkFiles(source, manifest, fileProblems);
      const listed = new Set([MANIFEST_NAME, SIGNATURE_NAME, ...manifest.files.map((f) => f.path)]);
      for (const name of source.names()) if (!listed.has(name)) fileProblems.push({ path: name, kind: 'extra' });
    }
    fileProblems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    problems.sort((a, b) => (a.kind === 'signature' ? 0 : 1) - (b.kind === 'signature' ? 0 : 1));
    const all = [...problems, ...fileProblems];
    return { ok: all.length === 0 && signer !== null, signer, problems: all, files: manifest?.files.length ?? 0, source: source.kind };
  } finally {
    source.close();
  }
}
