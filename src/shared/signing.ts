/**
 * The workstation's signing identities as the contract carries them (issue
 * #12): the PDF signing certificate (self-signed at first use, or imported
 * from the service's PKI as PKCS#12) and the manifest key's fingerprint.
 * Never a private key. Pure zod, shared by the core, the renderer and the CLI.
 */
import { z } from 'zod';

/** A PKCS#12 file is a few kilobytes; this bounds what crosses the bridge. */
export const MAX_PKCS12_BYTES = 256 * 1024;

/** One certificate, as a prosecutor's office compares it. */
export const CertificateSummary = z.object({
  /** RFC 4514 distinguished name, e.g. `CN=Iblagh Workstation WSRABAT03, O=…`. */
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  /** UTC ISO 8601. */
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-256 of the certificate's DER, colon-separated hex pairs. */
  fingerprint: z.string(),
  selfSigned: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const SigningKeySource = z.enum(['generated', 'imported']);
export type SigningKeySource = z.infer<typeof SigningKeySource>;

export const SigningCertificateView = z.object({
  certificate: CertificateSummary,
  /** `ECDSA P-256`, `RSA 3072`… */
  algorithm: z.string(),
  source: SigningKeySource,
  /** The issuing chain embedded in every signature (intermediates and root), leaf excluded. */
  chain: z.array(CertificateSummary),
  /** The certificate as PEM, for the prosecutor's office. */
  pem: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The sealed package's manifest key (Ed25519): SHA-256 of its SubjectPublicKeyInfo. */
  manifestKeyFingerprint: z.string(),
  /** Certificates replaced by an import, newest first: older dossiers were signed with them. */
  retired: z.array(CertificateSummary.extend({ retiredAt: z.string() })),
});
export type SigningCertificateView = z.infer<typeof SigningCertificateView>;

export const ImportPkcs12Input = z
  .object({
    /** The .p12/.pfx file, base64. */
    pkcs12Base64: z.string().min(1).max(Math.ceil((MAX_PKCS12_BYTES * 4) / 3) + 4),
    password: z.string().max(1024),
  })
  .strict();
export type ImportPkcs12Input = z.infer<typeof ImportPkcs12Input>;

/** Why a PKCS#12 file was refused; the window says each in the analyst's language. */
export const PKCS12_PROBLEMS = [
  /** Not a PKCS#12 file at all. */
  'not_pkcs12',
  /** The password does not open it (integrity check or decryption failed). */
  'wrong_password',
  /** Encrypted with what cannot be read here (legacy RC2/3DES `openssl pkcs12 -legacy`…). */
  'unsupported_encryption',
  /** No private key, or no certificate, inside. */
  'no_key',
  'no_certificate',
  /** More than one private key: which one signs is not guessed. */
  'several_keys',
  /** No certificate inside matches the private key. */
  'key_certificate_mismatch',
  /** A key type PDF signatures here do not use (only RSA and ECDSA P-256/P-384/P-521). */
  'unsupported_key',
  /** The certificate is expired or not yet valid. */
  'certificate_not_valid_now',
  /** Its key usage forbids signing documents (neither digitalSignature nor nonRepudiation). */
  'key_usage',
] as const;
export const Pkcs12Problem = z.enum(PKCS12_PROBLEMS);
export type Pkcs12Problem = z.infer<typeof Pkcs12Problem>;

export const ImportPkcs12Result = z.discriminatedUnion('imported', [
  z.object({ imported: z.literal(true), view: SigningCertificateView }),
  z.object({ imported: z.literal(false), problem: Pkcs12Problem, detail: z.string() }),
]);
export type ImportPkcs12Result = z.infer<typeof ImportPkcs12Result>;
