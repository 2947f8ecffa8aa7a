/**
 * The sealed package's manifest and its signature, in the exact byte forms
 * that are written, signed and checked again.
 *
 * - `manifest.json`: canonical JSON (keys sorted at every level, two-space
 *   indent, UTF-8, one final newline), so the same package always gives the
 *   same bytes. `files` lists every file of the package but manifest.json and
 *   manifest.sig, sorted by path.
 * - `pieces_sha256`: SHA-256 of the listing of every file but the PDF (and
 *   the manifest pair), one `<sha256> <size> <path>\n` line each, sorted by
 *   path in UTF-8 byte order. It is known before the PDF exists, so the PDF
 *   prints it in every footer; verify computes it again from `files`.
 * - `manifest.sig`: a short text (below) with the Ed25519 signature over the
 *   exact bytes of manifest.json, the public key (PEM) and its fingerprint,
 *   readable with `sed` and `base64` for a check by hand with openssl.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isSafePackagePath } from './safe-name.ts';

export const MANIFEST_FORMAT = 'iblagh-dossier/1';
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';
const SIGNATURE_HEADER = 'iblagh-dossier manifest signature 1';

export interface PackageFile {
  path: string;
  size: number;
  sha256: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] as Json);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('A manifest holds finite numbers only.');
  return value;
}

/** Keys sorted at every level, two-space indent, UTF-8, a final newline. */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(sortKeys(value as Json), null, 2)}\n`, 'utf8');
}

function byPath(a: { path: string }, b: { path: string }): number {
  return Buffer.compare(Buffer.from(a.path, 'utf8'), Buffer.from(b.path, 'utf8'));
}

export function sortFiles<T extends { path: string }>(files: readonly T[]): T[] {
  return [...files].sort(byPath);
}

/** SHA-256 of the canonical listing of these files (see above). */
export function listingDigest(files: readonly PackageFile[]): string {
  return sha256Hex(sortFiles(files).map((f) => `${f.sha256} ${f.size} ${f.path}\n`).join(''));
}

export function describeFile(path: string, bytes: Uint8Array): PackageFile {
  return { path, size: bytes.length, sha256: sha256Hex(bytes) };
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const SafePath = z.string().refine((p) => isSafePackagePath(p), 'a safe relative path');

/** What verify accepts as a manifest: the fields it relies on are checked, the others kept as they are. */
export const ManifestShape = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    case_ref: z.string().min(1),
    created_at: z.string().min(1),
    pdf: SafePath,
    pieces_sha256: Sha256,
    files: z
      .array(z.object({ path: SafePath, size: z.number().int().nonnegative(), sha256: Sha256 }).strict())
      .max(1_000_000),
  })
  .passthrough()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const f of m.files) {
      if (f.path === MANIFEST_NAME || f.path === SIGNATURE_NAME) ctx.addIssue({ code: 'custom', message: `${f.path} cannot list itself` });
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', message: `${f.path} is listed twice` });
      seen.add(f.path);
    }
    if (!seen.has(m.pdf)) ctx.addIssue({ code: 'custom', message: `the PDF ${m.pdf} is not listed` });
  });
export type Manifest = z.infer<typeof ManifestShape>;

/** The manifest's own account of the pieces: every listed file but the PDF. */
export function manifestPiecesDigest(manifest: Manifest): string {
  return listingDigest(manifest.files.filter((f) => f.path !== manifest.pdf));
}

/** What signs manifest.json: the workstation's Ed25519 manifest key. */
export interface ManifestSigner {
  sign(bytes: Uint8Array): Buffer;
  publicKeyPem: string;
  fingerprint: string;
}

/**
 * manifest.sig:
 *
 *     iblagh-dossier manifest signature 1
 *     algorithm: Ed25519
 *     fingerprint: AB:CD:…
 *     signature: <base64>
 *     -----BEGIN PUBLIC KEY-----
 *     …
 *     -----END PUBLIC KEY-----
 */
export function signatureFile(signature: Uint8Array, publicKeyPem: string, fingerprint: string): Buffer {
  const pem = publicKeyPem.replace(/\r\n/g, '\n').trim();
  return Buffer.from(`${SIGNATURE_HEADER}\nalgorithm: Ed25519\nfingerprint: ${fingerprint}\nsignature: ${Buffer.from(signature).toString('base64')}\n${pem}\n`, 'utf8');
}

export class SignatureFileError extends Error {}

/** Reads manifest.sig strictly: any other shape is a signature problem. */
export function parseSignatureFile(bytes: Buffer): { fingerprint: string; signature: Buffer; publicKeyPem: string } {
  const text = bytes.toString('utf8');
  const match = /^iblagh-dossier manifest signature 1\nalgorithm: Ed25519\nfingerprint: ([0-9A-F]{2}(?::[0-9A-F]{2}){31})\nsignature: ([A-Za-z0-9+/]{86}==)\n(-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----)\n$/.exec(text);
  if (!match) throw new SignatureFileError('manifest.sig does not have the expected form');
  return { fingerprint: match[1]!, signature: Buffer.from(match[2]!, 'base64'), publicKeyPem: `${match[3]!}\n` };
}

/** A fingerprint as typed by someone (colons, spaces or none, any case) in the form keyFingerprint prints. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}
