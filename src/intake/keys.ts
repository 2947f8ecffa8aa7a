/**
 * The intake service's Ed25519 signing key. Every change is signed over the
 * UTF-8 bytes of its payload string; workstations get the public key out of
 * band as a PEM file (SubjectPublicKeyInfo).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The service's key pair, able to sign payloads. */
export interface SigningKey {
  /** `-----BEGIN PUBLIC KEY-----` (SPKI), what workstations are configured with. */
  readonly publicKeyPem: string;
  /** PKCS#8 PEM, kept with the store so that a restarted service signs with the same key. */
  readonly privateKeyPem: string;
  /** Standard base64 (with padding) of the 64-byte signature over the payload's UTF-8 bytes. */
  sign(payload: string): string;
  /** Same as `sign`, on libuv's thread pool: bulk generation signs on every core. */
  signAsync(payload: string): Promise<string>;
}

export function createSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFrom(privateKey);
}

export function loadSigningKey(privateKeyPem: string): SigningKey {
  return signingKeyFrom(createPrivateKey(privateKeyPem));
}

function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the intake signing key must be Ed25519');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    publicKeyPem,
    privateKeyPem,
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
    signAsync: (payload) =>
      new Promise((resolve, reject) => {
        sign(null, Buffer.from(payload, 'utf8'), privateKey, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64'))));
      }),
  };
}
