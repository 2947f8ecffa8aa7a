/**
 * Reading a PKCS#12 file from the service's PKI: the private key, its
 * certificate and the issuing chain. pkijs on Node's WebCrypto reads what
 * `openssl pkcs12 -export` makes by default today (PBES2: PBKDF2 with
 * HMAC-SHA256, AES-256-CBC; MAC SHA-256) and the other PBES2 variants; the
 * legacy PKCS#12 encryptions (RC2, 3DES: `-legacy`, OpenSSL 1.x) are refused
 * with a message saying how to export again. node-forge (@signpdf's own
 * PKCS#12 signer) is not used.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Pkcs12Problem } from '../../../shared/signing.ts';
import { cryptoEngine } from './cms.ts';
import { allowsDocumentSigning, certificateSummary, chainOf, keyKind, pkcs8Key, spkiOfCertificate, spkiOfPrivate } from './certificates.ts';

export class Pkcs12Error extends Error {
  readonly problem: Pkcs12Problem;
  constructor(problem: Pkcs12Problem, message: string) {
    super(message);
    this.problem = problem;
  }
}

export interface Pkcs12Contents {
  privateKeyPkcs8: Uint8Array;
  certificateDer: Uint8Array;
  chainDer: Uint8Array[];
  algorithm: string;
}

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;
const X509_CERT = '1.2.840.113549.1.9.22.1';

const LEGACY = 'It is encrypted with a legacy algorithm (RC2 or 3DES); export it again with a current OpenSSL (openssl pkcs12 -export, without -legacy: PBES2, AES-256).';

function unsupported(error: unknown): boolean {
  return /unknown|unsupported|not supported|Unrecognized/i.test((error as Error).message ?? '');
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Decrypts and reads a PKCS#12 file; a Pkcs12Error says what is wrong with it. */
export async function readPkcs12(file: Uint8Array, password: string, now: Date): Promise<Pkcs12Contents> {
  const asn = asn1js.fromBER(buffer(file));
  let pfx: pkijs.PFX;
  try {
    if (asn.offset === -1) throw new Error(asn.result.error);
    pfx = new pkijs.PFX({ schema: asn.result });
  } catch {
    throw new Pkcs12Error('not_pkcs12', 'This file is not a PKCS#12 (.p12, .pfx) file.');
  }
  const secret = buffer(new TextEncoder().encode(password));
  try {
    await pfx.parseInternalValues({ password: secret, checkIntegrity: pfx.macData !== undefined }, cryptoEngine);
  } catch (error) {
    if (/integrity/i.test((error as Error).message)) throw new Pkcs12Error('wrong_password', 'The password does not open this PKCS#12 file (its integrity check fails).');
    if (unsupported(error)) throw new Pkcs12Error('unsupported_encryption', `This PKCS#12 file's integrity protection cannot be read here (${(error as Error).message}).`);
    throw new Pkcs12Error('not_pkcs12', `This PKCS#12 file cannot be read: ${(error as Error).message}`);
  }
  const safes = pfx.parsedValue?.authenticatedSafe;
  if (!safes) throw new Pkcs12Error('not_pkcs12', 'This PKCS#12 file holds no content.');
  try {
    await safes.parseInternalValues({ safeContents: safes.safeContents.map(() => ({ password: secret })) }, cryptoEngine);
  } catch (error) {
    if (unsupported(error)) throw new Pkcs12Error('unsupported_encryption', `${LEGACY} (${(error as Error).message})`);
    throw new Pkcs12Error('wrong_password', 'The password does not open this PKCS#12 file (decryption fails).');
  }
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const contents of safes.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === BAG.shroudedKey) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // Protected in pkijs's types, but the way to decrypt a shrouded key bag (the PFX does not do it).
        const decrypt = (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void> }).parseInternalValues.bind(shrouded);
        try {
          await decrypt({ password: secret }, cryptoEngine);
        } catch (error) {
          if (unsupported(error)) throw new Pkcs12Error('unsupported_encryption', `${LEGACY} (${(error as Error).message})`);
          throw new Pkcs12Error('wrong_password', 'The password does not open the private key in this PKCS#12 file.');
        }
        if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER(false)));
      } else if (bag.bagId === BAG.key) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
      } else if (bag.bagId === BAG.cert) {
        const certBag = bag.bagValue as pkijs.CertBag;
        if (certBag.certId === X509_CERT && certBag.parsedValue instanceof pkijs.Certificate) certificates.push(new Uint8Array(certBag.parsedValue.toSchema().toBER(false)));
      }
    }
  }
  if (keys.length === 0) throw new Pkcs12Error('no_key', 'This PKCS#12 file holds no private key.');
  if (keys.length > 1) throw new Pkcs12Error('several_keys', `This PKCS#12 file holds ${keys.length} private keys; export the signing key alone.`);
  if (certificates.length === 0) throw new Pkcs12Error('no_certificate', 'This PKCS#12 file holds no certificate.');
  const privateKeyPkcs8 = keys[0]!;
  let key;
  try {
    key = pkcs8Key(privateKeyPkcs8);
  } catch (error) {
    throw new Pkcs12Error('unsupported_key', `The private key cannot be read: ${(error as Error).message}`);
  }
  const kind = keyKind(key);
  if (!kind) throw new Pkcs12Error('unsupported_key', `The private key is ${key.asymmetricKeyType ?? 'of an unknown type'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}${key.asymmetricKeyDetails?.modulusLength ? ` (${key.asymmetricKeyDetails.modulusLength} bits)` : ''}: PDF signatures here use RSA (2048 bits or more) or ECDSA P-256, P-384, P-521.`);
  const spki = spkiOfPrivate(key);
  const leaf = certificates.find((der) => spkiOfCertificate(der).equals(spki));
  if (!leaf) throw new Pkcs12Error('key_certificate_mismatch', 'No certificate in this PKCS#12 file matches its private key.');
  const { notBefore, notAfter } = certificateSummary(leaf);
  if (now < new Date(notBefore) || now > new Date(notAfter)) {
    throw new Pkcs12Error('certificate_not_valid_now', `The certificate is valid from ${notBefore} to ${notAfter}, not now.`);
  }
  if (!allowsDocumentSigning(leaf)) throw new Pkcs12Error('key_usage', 'The certificate’s key usage allows neither digitalSignature nor nonRepudiation: it cannot sign documents.');
  return { privateKeyPkcs8, certificateDer: leaf, chainDer: chainOf(leaf, certificates.filter((der) => der !== leaf)), algorithm: kind.label };
}
