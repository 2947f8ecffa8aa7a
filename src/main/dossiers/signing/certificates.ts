/**
 * Certificates and keys: the self-signed certificate made at first use,
 * summaries for the window and the CLI, key types, the chain's order. pkijs
 * and Node's X509Certificate (@peculiar/x509 needs a reflect-metadata
 * polyfill installed globally, which the core does not load).
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, X509Certificate as NodeCertificate, type KeyObject, type webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../../shared/signing.ts';
import { cryptoEngine, pkiKey } from './cms.ts';

const NAME_TYPES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** A distinguished name as RFC 4514 writes it (most specific first), values escaped. */
function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => {
      const value = String((tv.value.valueBlock as { value?: unknown }).value ?? '').replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
      return `${NAME_TYPES[tv.type] ?? tv.type}=${value}`;
    })
    .join(', ');
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function certificateSummary(der: Uint8Array): CertificateSummary {
  const cert = pkijs.Certificate.fromBER(buffer(der));
  const node = new NodeCertificate(der);
  return {
    subject: nameText(cert.subject),
    issuer: nameText(cert.issuer),
    serialNumber: node.serialNumber.toUpperCase(),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    fingerprint: node.fingerprint256,
    // Not checkIssued: OpenSSL also asks the issuer for keyCertSign, which a signing certificate has not.
    selfSigned: node.subject === node.issuer && node.verify(node.publicKey),
  };
}

export function certificatePem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

const KEY_USAGE = '2.5.29.15';

/** Whether a certificate's key usage (when it has one) allows signing documents: digitalSignature or nonRepudiation. */
export function allowsDocumentSigning(der: Uint8Array): boolean {
  const cert = pkijs.Certificate.fromBER(buffer(der));
  const extension = cert.extensions?.find((e) => e.extnID === KEY_USAGE);
  if (!extension) return true;
  const bits = asn1js.fromBER(extension.extnValue.getValue()).result;
  const first = bits instanceof asn1js.BitString ? (new Uint8Array(bits.valueBlock.valueHexView)[0] ?? 0) : 0;
  return (first & 0xc0) !== 0;
}

/** A self-signed certificate for `keys` (digitalSignature and nonRepudiation, not a CA), DER. */
export async function makeSelfSigned(keys: webcrypto.CryptoKeyPair, subject: Array<{ type: 'CN' | 'O'; value: string }>, notBefore: Date, notAfter: Date): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: buffer(serial) });
  // One attribute per RDN, most general first (O, then CN); pkijs would put them all in one multi-valued RDN.
  const rdns = [...subject].reverse().map(({ type, value }) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type: type === 'CN' ? '2.5.4.3' : '2.5.4.10', value: new asn1js.Utf8String({ value }) }).toSchema()] }));
  const nameDer = new asn1js.Sequence({ value: rdns }).toBER(false);
  cert.subject = pkijs.RelativeDistinguishedNames.fromBER(nameDer);
  cert.issuer = pkijs.RelativeDistinguishedNames.fromBER(nameDer);
  cert.notBefore.value = notBefore;
  cert.notAfter.value = notAfter;
  await cert.subjectPublicKeyInfo.importKey(pkiKey(keys.publicKey), cryptoEngine);
  const keyId = createHash('sha1').update(new Uint8Array(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)).digest();
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: KEY_USAGE, critical: true, extnValue: new asn1js.BitString({ valueHex: buffer(new Uint8Array([0xc0])), unusedBits: 6 }).toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.14', extnValue: new asn1js.OctetString({ valueHex: buffer(keyId) }).toBER(false) }),
  ];
  await cert.sign(pkiKey(keys.privateKey), 'SHA-256', cryptoEngine);
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

/** What a PKCS#8 key can sign PDFs with: its label, and how WebCrypto imports it. */
export interface KeyKind {
  label: string;
  importParams: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
}

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** The kind of a private key, or null for one PDF signatures here do not use (RSA-PSS, Ed25519, DSA, other curves, RSA under 2048 bits). */
export function keyKind(key: KeyObject): KeyKind | null {
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= 2048 ? { label: `RSA ${bits}`, importParams: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } } : null;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
    return curve ? { label: `ECDSA ${curve}`, importParams: { name: 'ECDSA', namedCurve: curve } } : null;
  }
  return null;
}

export function pkcs8Key(der: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

export function spkiOfPrivate(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

export function spkiOfCertificate(der: Uint8Array): Buffer {
  return new NodeCertificate(der).publicKey.export({ type: 'spki', format: 'der' });
}

/** The issuers of `leaf` found among `others`, in order up to a root (leaf excluded). */
export function chainOf(leaf: Uint8Array, others: readonly Uint8Array[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let current = new NodeCertificate(leaf);
  const left = others.map((der) => ({ der, cert: new NodeCertificate(der) }));
  for (;;) {
    if (current.checkIssued(current)) break;
    const issuer = left.find(({ cert }) => current.checkIssued(cert) && current.verify(cert.publicKey));
    if (!issuer) break;
    chain.push(issuer.der);
    left.splice(left.indexOf(issuer), 1);
    current = issuer.cert;
  }
  return chain;
}
