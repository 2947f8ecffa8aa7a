/**
 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1,
 * SubFilter ETSI.CAdES.detached), built with pkijs on Node's WebCrypto:
 * detached (no encapsulated content), SHA-256, signed attributes
 * content-type, message-digest and signing-certificate-v2 (ESS, RFC 5035:
 * the SHA-256 of the signing certificate) and nothing else: no
 * signing-time, PAdES puts the time in the signature dictionary's /M. The
 * signing certificate and its chain are included. ECDSA (P-256, P-384,
 * P-521) signs ecdsa-with-SHA256, RSA sha256WithRSAEncryption (PKCS#1 v1.5).
 */
import { createHash, type webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** pkijs on Node's WebCrypto, passed to each call (no global engine). */
export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto });

/**
 * A key of Node's WebCrypto as pkijs's signatures name it: the same object, typed with the DOM library's `CryptoKey`,
 * whose `KeyUsage` lacks the newest values of Node's (`encapsulateBits`…), so the types differ where both are loaded.
 */
export function pkiKey(key: webcrypto.CryptoKey): Parameters<pkijs.Certificate['sign']>[0] {
  return key as unknown as Parameters<pkijs.Certificate['sign']>[0];
}

export interface CmsSigner {
  certificateDer: Uint8Array;
  chainDer: readonly Uint8Array[];
  privateKey: webcrypto.CryptoKey;
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default hash (SHA-256) omitted, as DER requires, and no issuerSerial. */
function signingCertificateV2(certificateDer: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(certificateDer).digest();
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: arrayBuffer(certHash) })] })] })] });
}

/** A CMS SignedData (ContentInfo, DER) over `digest`, the SHA-256 of the PDF's byte range. */
export async function cadesDetached(digest: Uint8Array, signer: CmsSigner): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(arrayBuffer(signer.certificateDer));
  const chain = signer.chainDer.map((der) => pkijs.Certificate.fromBER(arrayBuffer(der)));
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: arrayBuffer(digest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signer.certificateDer)] }),
  ]
    // DER orders a SET OF by its elements' encodings.
    .map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER(false)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ attribute }) => attribute);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate, ...chain],
  });
  await signedData.sign(pkiKey(signer.privateKey), 0, 'SHA-256', undefined, cryptoEngine);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
