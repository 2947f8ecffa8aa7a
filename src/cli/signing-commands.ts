/**
 * `iblagh-ws signing certificate --store DIR [--out FILE] [--json]`: the
 * workstation's PDF signing certificate (created at first use), for the
 * prosecutor's office: fingerprint, subject, issuer, validity, and the PEM
 * written to a new file (never over an existing one).
 * `iblagh-ws signing import FILE.p12 --store DIR --password-file F [--json]`
 * (supervisors): replaces it with the key and chain of a PKCS#12 file; a
 * refused file exits 1 saying why, nothing changed.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { MAX_PKCS12_BYTES, type SigningCertificateView } from '../shared/signing.ts';
import type { Call } from './case-commands.ts';

export const SIGNING_COMMANDS: ReadonlySet<string> = new Set(['signing certificate', 'signing import']);

export class SigningUsageError extends Error {}
export class SigningRefused extends Error {}

export interface SigningArgs {
  out?: string | undefined;
  'password-file'?: string | undefined;
  json?: boolean | undefined;
}

function lines(view: SigningCertificateView, written: string | null): string[] {
  const c = view.certificate;
  return [
    `Fingerprint (SHA-256): ${c.fingerprint}`,
    `Subject:               ${c.subject}`,
    `Issuer:                ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}`,
    `Valid:                 ${c.notBefore} to ${c.notAfter}`,
    `Key:                   ${view.algorithm}, ${view.source === 'imported' ? 'imported (PKCS#12)' : 'created on this workstation'}`,
    ...view.chain.map((issuer) => `Chain:                 ${issuer.subject} (${issuer.fingerprint})`),
    `Manifest key (Ed25519) fingerprint: ${view.manifestKeyFingerprint}`,
    ...(written ? [`Certificate written to ${written} (PEM).`] : []),
  ];
}

function json(view: SigningCertificateView, written: string | null): string {
  const c = view.certificate;
  return JSON.stringify({
    fingerprint: c.fingerprint,
    subject: c.subject,
    issuer: c.issuer,
    serial_number: c.serialNumber,
    not_before: c.notBefore,
    not_after: c.notAfter,
    self_signed: c.selfSigned,
    algorithm: view.algorithm,
    source: view.source,
    chain: view.chain.map((issuer) => ({ subject: issuer.subject, fingerprint: issuer.fingerprint, not_after: issuer.notAfter })),
    manifest_key_fingerprint: view.manifestKeyFingerprint,
    pem_file: written,
  });
}

export async function runSigningCommand(call: Call, command: string, file: string | undefined, args: SigningArgs): Promise<string[]> {
  if (command === 'signing certificate') {
    const view = await call('signing.certificate');
    let written: string | null = null;
    if (args.out !== undefined) {
      try {
        writeFileSync(args.out, view.pem, { flag: 'wx' });
      } catch (error) {
        throw new SigningRefused(`Cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file exists (nothing is overwritten)' : (error as Error).message}`);
      }
      written = args.out;
    }
    return args.json ? [json(view, written)] : lines(view, written);
  }
  if (command !== 'signing import') throw new SigningUsageError(`Unknown command: ${command}`);
  if (!file) throw new SigningUsageError('signing import needs a PKCS#12 file.');
  if (!args['password-file']) throw new SigningUsageError('signing import needs --password-file FILE (a password is never taken as an argument).');
  if (!existsSync(file) || !statSync(file).isFile()) throw new SigningRefused(`No file ${file}.`);
  if (statSync(file).size > MAX_PKCS12_BYTES) throw new SigningRefused(`${file} is over ${MAX_PKCS12_BYTES / 1024} KiB: not a PKCS#12 signing key.`);
  let password: string;
  try {
    // One trailing newline is what `echo` and editors add; it is not part of the password.
    password = readFileSync(args['password-file'], 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new SigningRefused(`Cannot read the password file: ${(error as Error).message}`);
  }
  const result = await call('signing.importPkcs12', { pkcs12Base64: readFileSync(file).toString('base64'), password });
  if (!result.imported) throw new SigningRefused(`${file} was not imported (${result.problem}): ${result.detail}`);
  return args.json ? [json(result.view, null)] : ['Imported: dossiers are now signed with this certificate.', ...lines(result.view, null)];
}
