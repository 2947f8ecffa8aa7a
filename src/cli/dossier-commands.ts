/**
 * `iblagh-ws dossier …`: referral dossiers from the command line.
 *
 * `dossier verify PATH [--key-fingerprint FP] [--json]` checks a sealed
 * package (folder or zip) with nothing but the package: no store, no
 * passphrase, no network. It is meant for whoever receives the package (the
 * judicial police, the prosecutor's office), so it speaks French and names
 * each problem; `--json` prints `ok`, `signer` and `problems` (`path`, `kind`,
 * and `detail` when there is one). Exit 0 when everything holds, 1 otherwise.
 */
import { verifyPackage, VerifyInputError, type ProblemKind, type VerifyResult } from '../main/dossiers/package/verify.ts';

export interface DossierArgs {
  'key-fingerprint'?: string | undefined;
  json?: boolean | undefined;
}

/** Commands that need no store: main runs them before opening one. */
export const STORELESS_DOSSIER_COMMANDS: ReadonlySet<string> = new Set(['dossier verify']);

export class DossierUsageError extends Error {}
/** Refused (exit 1), said in French. */
export class DossierRefused extends Error {}

/** What a command prints, and the failure it ends with (exit 1) after printing. */
export interface DossierOutcome {
  lines: string[];
  failure?: string;
}

const KIND_LABELS: Record<ProblemKind, string> = {
  changed: 'modifié',
  missing: 'manquant',
  extra: 'en trop',
  manifest: 'manifeste',
  signature: 'signature',
};

function humanReport(path: string, result: VerifyResult): string[] {
  const what = result.source === 'zip' ? 'Archive' : 'Dossier';
  if (result.ok) {
    return [
      `${what} ${path} : conforme.`,
      `Signature du manifeste valide, clé ${result.signer}.`,
      `${result.files} fichier(s) vérifié(s) : taille et SHA-256 conformes, aucun fichier en trop.`,
    ];
  }
  const width = Math.max(...Object.values(KIND_LABELS).map((label) => label.length));
  const lines = [`${what} ${path} : NON CONFORME, ${result.problems.length} problème(s).`];
  lines.push(result.signer === null ? "Signature du manifeste : non vérifiée." : `Signature du manifeste valide, clé ${result.signer}.`);
  for (const problem of result.problems) {
    lines.push(`  ${KIND_LABELS[problem.kind].padEnd(width)}  ${JSON.stringify(problem.path)}${problem.detail ? ` : ${problem.detail}` : ''}`);
  }
  return lines;
}

function summary(result: VerifyResult): string {
  const counts = new Map<ProblemKind, number>();
  for (const problem of result.problems) counts.set(problem.kind, (counts.get(problem.kind) ?? 0) + 1);
  return `vérification échouée (${[...counts].map(([kind, n]) => `${KIND_LABELS[kind]} : ${n}`).join(', ')}).`;
}

/** `dossier verify`: no store, no network. */
export function runDossierVerify(path: string | undefined, args: DossierArgs): DossierOutcome {
  if (path === undefined || path === '') throw new DossierUsageError('dossier verify needs a PATH (folder or zip).');
  let result: VerifyResult;
  try {
    result = verifyPackage(path, { keyFingerprint: args['key-fingerprint'] });
  } catch (error) {
    if (error instanceof VerifyInputError) throw new DossierRefused(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    throw new DossierRefused(`${path} ne peut pas être lu${code ? ` (${code})` : ''} : ${(error as Error).message}`);
  }
  const lines = args.json
    ? [JSON.stringify({ ok: result.ok, signer: result.signer, problems: result.problems.map((p) => ({ path: p.path, kind: p.kind, ...(p.detail ? { detail: p.detail } : {}) })) })]
    : humanReport(path, result);
  return result.ok ? { lines } : { lines, failure: summary(result) };
}
