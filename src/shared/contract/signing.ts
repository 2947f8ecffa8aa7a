/**
 * The workstation's signing identities (issue #12): the PDF signing
 * certificate, shown and exported for the prosecutor's office, and its
 * replacement by one issued by the service's PKI (PKCS#12).
 */
import { ImportPkcs12Input, ImportPkcs12Result, SigningCertificateView } from '../signing.ts';
import { channel, None } from './channel.ts';

export const signingChannels = {
  /** The current PDF signing certificate (created at first use, recorded), its chain, the retired ones and the manifest key's fingerprint. */
  'signing.certificate': channel({ input: None, output: SigningCertificateView, errors: ['LOCKED'], access: 'analyst' }),
  /** Replaces the PDF signing identity by a PKCS#12 file's key and chain; the previous one is retired. A refused file answers why, nothing changed. Recorded. */
  'signing.importPkcs12': channel({ input: ImportPkcs12Input, output: ImportPkcs12Result, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
} as const;
