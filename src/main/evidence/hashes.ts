/** The hashes evidence is identified by: SHA-256, plus SHA-1 and MD5 for the hash lists that still want them. */
import { createHash } from 'node:crypto';

export interface Digests {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
}

export function digests(bytes: Uint8Array): Digests {
  const hex = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  return { sha256: hex('sha256'), sha1: hex('sha1'), md5: hex('md5'), size: bytes.length };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
