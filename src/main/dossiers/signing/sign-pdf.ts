/** PAdES baseline B-B signature of a PDF: the signature field (pdf-signature-field.ts), then the CMS over its byte range (cms.ts). */
import { cadesDetached } from './cms.ts';
import type { PdfSigningIdentity } from './keys.ts';
import { fillSignature, prepareSignature, type SignatureFieldMeta } from './pdf-signature-field.ts';

export type SignatureMeta = SignatureFieldMeta;

/** Room for the CMS: the certificates, the signature and the attributes, with a margin. */
function capacityFor(identity: PdfSigningIdentity): number {
  const certificates = identity.certificateDer.length + identity.chainDer.reduce((sum, der) => sum + der.length, 0);
  return Math.ceil((certificates + 4096) / 1024) * 1024;
}

/** Signs `pdf` (as Chromium or Electron print it) with `identity`; returns the signed PDF (the original bytes, then an incremental update). */
export async function signPdf(pdf: Uint8Array, identity: PdfSigningIdentity, meta: SignatureMeta): Promise<Uint8Array> {
  const prepared = prepareSignature(pdf, meta, capacityFor(identity));
  const cms = await cadesDetached(prepared.digest, identity);
  return new Uint8Array(fillSignature(prepared, cms));
}
