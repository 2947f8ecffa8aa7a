/**
 * The workstation's two signing keys, kept in the encrypted store
 * (`signing_keys`, migration 10), each created at first use:
 *
 * - the **PDF signing identity**: ECDSA P-256 and a self-signed X.509
 *   certificate (`CN=Iblagh Workstation <id>, O=<issuing service>`, key usage
 *   digitalSignature and nonRepudiation, five years), until a supervisor
 *   replaces it with one issued by the service's PKI (PKCS#12, with its chain);
 * - the **manifest key**: Ed25519, for a sealed package's `manifest.sig`.
 *
 * A replaced key is retired (its private key wiped), never deleted: its
 * certificate or public key stays to check older dossiers.
 */
import { generateKeyPairSync, sign as edSign, createPrivateKey, createPublicKey, X509Certificate as NodeCertificate, webcrypto, type KeyObject } from 'node:crypto';
import type { SigningCertificateView } from '../../../shared/signing.ts';
import { recordAudit } from '../../audit/audit.ts';
import { keyFingerprint } from '../../crypto/intake-key.ts';
import { readIntakeConfig } from '../../settings/intake-config.ts';
import type { Db } from '../../store/database.ts';
import { workstationCode } from '../../cases/cases.ts';
import { certificatePem, certificateSummary, keyKind, makeSelfSigned, pkcs8Key } from './certificates.ts';
import type { Pkcs12Contents } from './pkcs12.ts';

/** What signs a dossier's PDF (see signPdf). */
export interface PdfSigningIdentity {
  /** The signing certificate, DER. */
  certificateDer: Uint8Array;
  /** Its issuers (intermediates, root), DER, leaf excluded; embedded in every signature. Empty for the self-signed certificate. */
  chainDer: Uint8Array[];
  /** Non-extractable WebCrypto key (ECDSA or RSASSA-PKCS1-v1_5, SHA-256). */
  privateKey: webcrypto.CryptoKey;
  /** `ECDSA P-256`, `RSA 3072`… */
  algorithm: string;
  /** SHA-256 of the certificate's DER, colon-separated hex pairs (what PDF readers show). */
  fingerprint: string;
}

/** What signs a sealed package's manifest. */
export interface ManifestSigningKey {
  /** Ed25519 signature (64 bytes) of `bytes`. */
  sign(bytes: Uint8Array): Buffer;
  /** SubjectPublicKeyInfo PEM, written into the package. */
  publicKeyPem: string;
  /** SHA-256 of the SubjectPublicKeyInfo, colon-separated hex pairs (as the intake key's). */
  fingerprint: string;
}

interface KeyRow {
  id: number;
  purpose: 'pdf' | 'manifest';
  algorithm: string;
  source: 'generated' | 'imported';
  certificate: Buffer | null;
  chain: string;
  public_key: Buffer;
  private_key: Buffer | null;
  fingerprint: string;
  created_at: string;
  created_by: string | null;
  retired_at: string | null;
}

const CERTIFICATE_YEARS = 5;

function currentRow(db: Db, purpose: 'pdf' | 'manifest'): KeyRow | undefined {
  return db.prepare('SELECT * FROM signing_keys WHERE purpose = ? AND retired_at IS NULL').get(purpose) as KeyRow | undefined;
}

function insertKey(db: Db, row: Omit<KeyRow, 'id' | 'retired_at'>): void {
  db.prepare(
    `INSERT INTO signing_keys (purpose, algorithm, source, certificate, chain, public_key, private_key, fingerprint, created_at, created_by)
     VALUES (@purpose, @algorithm, @source, @certificate, @chain, @public_key, @private_key, @fingerprint, @created_at, @created_by)`,
  ).run(row);
}

/** The issuing service named in the certificate: the dossier settings' (when a supervisor set them), or the analyst's profile's. */
function issuingService(db: Db, analystId: string): string | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'dossiers'").pluck().get() as string | undefined;
  if (row !== undefined) {
    try {
      const service = (JSON.parse(row) as { issuingService?: { fr?: unknown } }).issuingService?.fr;
      if (typeof service === 'string' && service.trim() !== '') return service.trim();
    } catch {
      // Unreadable settings: the profile's service below.
    }
  }
  const profile = db.prepare('SELECT service FROM analysts WHERE id = ?').pluck().get(analystId) as string | undefined;
  return profile?.trim() || null;
}

/** A new self-signed ECDSA P-256 certificate and its key (PKCS#8). */
export async function selfSignedIdentity(subject: { workstation: string; service: string | null }, now: Date): Promise<{ certificateDer: Uint8Array; privateKeyPkcs8: Uint8Array }> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS);
  const name = [{ type: 'CN' as const, value: `Iblagh Workstation ${subject.workstation}` }, ...(subject.service ? [{ type: 'O' as const, value: subject.service.slice(0, 64) }] : [])];
  const certificateDer = await makeSelfSigned(keys, name, notBefore, notAfter);
  return { certificateDer, privateKeyPkcs8: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)) };
}

async function identityOf(row: KeyRow): Promise<PdfSigningIdentity> {
  const pkcs8 = row.private_key!;
  const kind = keyKind(pkcs8Key(pkcs8));
  if (!kind) throw new Error(`The stored PDF signing key (${row.algorithm}) cannot sign.`);
  const privateKey = await crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), kind.importParams, false, ['sign']);
  return {
    certificateDer: new Uint8Array(row.certificate!),
    chainDer: (JSON.parse(row.chain) as string[]).map((b64) => new Uint8Array(Buffer.from(b64, 'base64'))),
    privateKey,
    algorithm: row.algorithm,
    fingerprint: row.fingerprint,
  };
}

/** The PDF signing identity, created (self-signed, recorded) at first use. */
export async function pdfSigningIdentity(db: Db, analystId: string, now: Date): Promise<PdfSigningIdentity> {
  let row = currentRow(db, 'pdf');
  if (!row) {
    const { certificateDer, privateKeyPkcs8 } = await selfSignedIdentity({ workstation: workstationCode(readIntakeConfig(db)?.workstationId), service: issuingService(db, analystId) }, now);
    row = db.transaction(() => {
      // Another call may have created it while this one generated its key.
      const existing = currentRow(db, 'pdf');
      if (existing) return existing;
      const fingerprint = new NodeCertificate(certificateDer).fingerprint256;
      insertKey(db, {
        purpose: 'pdf',
        algorithm: 'ECDSA P-256',
        source: 'generated',
        certificate: Buffer.from(certificateDer),
        chain: '[]',
        public_key: new NodeCertificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' }),
        private_key: Buffer.from(privateKeyPkcs8),
        fingerprint,
        created_at: now.toISOString(),
        created_by: analystId,
      });
      recordAudit(db, analystId, 'signing.key_created', { purpose: 'pdf', algorithm: 'ECDSA P-256', fingerprint, subject: certificateSummary(certificateDer).subject }, now);
      return currentRow(db, 'pdf')!;
    }).immediate();
  }
  return identityOf(row);
}

/** Replaces the PDF signing identity with an imported one (the caller checked it); the previous one is retired. Recorded. */
export function importPdfSigningIdentity(db: Db, analystId: string, contents: Pkcs12Contents, now: Date): void {
  const fingerprint = new NodeCertificate(contents.certificateDer).fingerprint256;
  const summary = certificateSummary(contents.certificateDer);
  db.transaction(() => {
    const previous = currentRow(db, 'pdf');
    if (previous) db.prepare('UPDATE signing_keys SET retired_at = ?, retired_by = ?, private_key = NULL WHERE id = ?').run(now.toISOString(), analystId, previous.id);
    insertKey(db, {
      purpose: 'pdf',
      algorithm: contents.algorithm,
      source: 'imported',
      certificate: Buffer.from(contents.certificateDer),
      chain: JSON.stringify(contents.chainDer.map((der) => Buffer.from(der).toString('base64'))),
      public_key: new NodeCertificate(contents.certificateDer).publicKey.export({ type: 'spki', format: 'der' }),
      private_key: Buffer.from(contents.privateKeyPkcs8),
      fingerprint,
      created_at: now.toISOString(),
      created_by: analystId,
    });
    recordAudit(db, analystId, 'signing.identity_imported', { fingerprint, subject: summary.subject, issuer: summary.issuer, algorithm: contents.algorithm, chain: contents.chainDer.length, replaced: previous?.fingerprint ?? null }, now);
  }).immediate();
}

function manifestKeyOf(row: KeyRow): ManifestSigningKey {
  const privateKey: KeyObject = createPrivateKey({ key: row.private_key!, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: row.public_key, format: 'der', type: 'spki' });
  return {
    sign: (bytes) => edSign(null, bytes, privateKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: row.fingerprint,
  };
}

/** The manifest key (Ed25519), created (recorded) at first use. */
export function manifestSigningKey(db: Db, analystId: string, now: Date): ManifestSigningKey {
  const row = db.transaction(() => {
    const existing = currentRow(db, 'manifest');
    if (existing) return existing;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const fingerprint = keyFingerprint(publicKey);
    insertKey(db, {
      purpose: 'manifest',
      algorithm: 'Ed25519',
      source: 'generated',
      certificate: null,
      chain: '[]',
      public_key: publicKey.export({ type: 'spki', format: 'der' }),
      private_key: privateKey.export({ type: 'pkcs8', format: 'der' }),
      fingerprint,
      created_at: now.toISOString(),
      created_by: analystId,
    });
    recordAudit(db, analystId, 'signing.key_created', { purpose: 'manifest', algorithm: 'Ed25519', fingerprint }, now);
    return currentRow(db, 'manifest')!;
  }).immediate();
  return manifestKeyOf(row);
}

/** The Settings view of the PDF signing identity (both keys created at first use). */
export async function signingCertificateView(db: Db, analystId: string, now: Date): Promise<SigningCertificateView> {
  await pdfSigningIdentity(db, analystId, now);
  const manifest = manifestSigningKey(db, analystId, now);
  const row = currentRow(db, 'pdf')!;
  const creator = row.created_by === null ? null : ((db.prepare('SELECT name FROM analysts WHERE id = ?').pluck().get(row.created_by) as string | undefined) ?? null);
  const retired = db.prepare("SELECT certificate, retired_at FROM signing_keys WHERE purpose = 'pdf' AND retired_at IS NOT NULL ORDER BY id DESC").all() as { certificate: Buffer; retired_at: string }[];
  return {
    certificate: certificateSummary(row.certificate!),
    algorithm: row.algorithm,
    source: row.source,
    chain: (JSON.parse(row.chain) as string[]).map((b64) => certificateSummary(Buffer.from(b64, 'base64'))),
    pem: certificatePem(row.certificate!),
    createdAt: row.created_at,
    createdBy: creator,
    manifestKeyFingerprint: manifest.fingerprint,
    retired: retired.map((r) => ({ ...certificateSummary(r.certificate), retiredAt: r.retired_at })),
  };
}
