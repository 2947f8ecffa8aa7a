/**
 * Signing dossiers (issue #12), for the export service:
 *
 * - `pdfSigningIdentity(db, analystId, now)`: the workstation's PDF signing
 *   certificate, key and chain (self-signed ECDSA P-256 created at first use,
 *   or the one a supervisor imported from the service's PKI);
 * - `signPdf(pdf, identity, { name, reason, location, contactInfo?, signingTime })`:
 *   a PAdES baseline B-B signature (ETSI.CAdES.detached) of a PDF printed by
 *   Chromium or Electron, as an incremental update; `pdfsig` calls it valid;
 * - `manifestSigningKey(db, analystId, now)`: the Ed25519 key of a sealed
 *   package's `manifest.sig` (`sign`, `publicKeyPem`, `fingerprint`).
 *
 * Creating a key records `signing.key_created` in the audit journal.
 */
export { manifestSigningKey, pdfSigningIdentity, type ManifestSigningKey, type PdfSigningIdentity } from './keys.ts';
export { signPdf, type SignatureMeta } from './sign-pdf.ts';
export { PdfSignatureError } from './pdf-signature-field.ts';
