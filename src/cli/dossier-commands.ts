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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOSSIER_DECISIONS, type ExportedDossier } from '../shared/dossiers.ts';
import type { ExportRequest } from '../main/dossiers/export.ts';
import { verifyPackage, VerifyInputError, type ProblemKind, type VerifyResult } from '../main/dossiers/package/verify.ts';
import type { Call } from './case-commands.ts';

export interface DossierArgs {
  'key-fingerprint'?: string | undefined;
  json?: boolean | undefined;
  lang?: string | undefined;
  out?: string | undefined;
  zip?: boolean | undefined;
  'include-identity'?: string[] | undefined;
  /** Refer the reports another workstation has in analysis too (otherwise the export is refused, saying how many). */
  'take-over'?: boolean | undefined;
  reason?: string[] | undefined;
  decision?: string | undefined;
  date?: string | undefined;
  reference?: string | undefined;
  'text-file'?: string | undefined;
}

/** Commands that need no store: main runs them before opening one. */
export const STORELESS_DOSSIER_COMMANDS: ReadonlySet<string> = new Set(['dossier verify']);
/** Commands on a store (unlocked first). */
export const STORE_DOSSIER_COMMANDS: ReadonlySet<string> = new Set(['dossier export', 'dossier answer']);

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

/**
 * Names come from the package, which may be hostile: every control, format
 * (bidi, zero width) or separator character is printed as a `\\uXXXX` escape,
 * so that no name can drive the terminal or reorder the line. In JSON text the
 * escape is the same character, so the values are unchanged.
 */
export function inert(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join(''));
}

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
    lines.push(`  ${KIND_LABELS[problem.kind].padEnd(width)}  ${inert(JSON.stringify(problem.path))}${problem.detail ? ` : ${inert(problem.detail)}` : ''}`);
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
    ? [inert(JSON.stringify({ ok: result.ok, signer: result.signer, problems: result.problems.map((p) => ({ path: p.path, kind: p.kind, ...(p.detail ? { detail: p.detail } : {}) })) }))]
    : humanReport(inert(path), result);
  return result.ok ? { lines } : { lines, failure: summary(result) };
}

/** `--include-identity ID --reason TEXT`, repeated: each identity with the reason given after it, in order. */
function identities(args: DossierArgs): { reportId: string; reason: string }[] {
  const ids = args['include-identity'] ?? [];
  const reasons = args.reason ?? [];
  if (ids.length !== reasons.length) throw new DossierUsageError('Each --include-identity ID needs its own --reason TEXT (the audit journal keeps it).');
  return ids.map((reportId, i) => ({ reportId, reason: reasons[i] as string }));
}

function exportedJson(result: ExportedDossier): string {
  return JSON.stringify({ ref: result.ref, version: result.version, reference: result.reference, pdf: result.pdf, package: result.package, zip: result.zip, pages: result.pages, manifest_sha256: result.manifest_sha256, files: result.files });
}

/**
 * `dossier export REF --lang ar|fr --out DIR [--zip] [--include-identity ID --reason TEXT]… [--take-over] --json`: renders, signs and
 * seals a new version into DIR (the case must be ready for referral, or already referred); prints `ref`, `version`,
 * `pdf`, `package`, `pages`, `manifest_sha256`, `files` (and `zip`, `reference`).
 * `dossier answer REF --decision D --date YYYY-MM-DD [--reference TEXT] [--text-file F]`: records what came back.
 */
export async function runDossierStoreCommand(call: Call, exportDossier: (request: ExportRequest) => Promise<ExportedDossier>, shape: string, ref: string | undefined, args: DossierArgs): Promise<DossierOutcome> {
  if (!ref) throw new DossierUsageError(`${shape} needs a case reference.`);
  if (shape === 'dossier export') {
    const lang = args.lang ?? 'ar';
    if (lang !== 'ar' && lang !== 'fr') throw new DossierUsageError('--lang takes ar or fr.');
    if (!args.out) throw new DossierUsageError('--out DIR is required: the folder the package goes into.');
    const result = await exportDossier({ options: { ref, lang, identities: identities(args), takeOver: args['take-over'] === true }, outDir: resolve(args.out), zip: args.zip === true });
    return {
      lines: args.json
        ? [exportedJson(result)]
        : [`Dossier ${result.reference} : ${result.pages} page(s), ${result.files} fichier(s).`, `PDF signé : ${result.pdf}`, `Paquet scellé : ${result.package}${result.zip ? ` (et ${result.zip})` : ''}`, `Empreinte du manifeste (SHA-256) : ${result.manifest_sha256}`],
    };
  }
  if (!args.decision || !(DOSSIER_DECISIONS as readonly string[]).includes(args.decision)) throw new DossierUsageError(`--decision takes ${DOSSIER_DECISIONS.join(', ')}.`);
  if (!args.date) throw new DossierUsageError('--date YYYY-MM-DD is required: when the answer was given.');
  let text: string | undefined;
  if (args['text-file'] !== undefined) {
    try {
      text = readFileSync(args['text-file'], 'utf8');
    } catch (error) {
      throw new DossierRefused(`${args['text-file']} ne peut pas être lu : ${(error as Error).message}`);
    }
  }
  const answer = await call('dossiers.answer', { ref, decision: args.decision, date: args.date, ...(args.reference ? { reference: args.reference } : {}), ...(text?.trim() ? { text } : {}) });
  return {
    lines: [args.json ? JSON.stringify({ ref, version: answer.version, decision: answer.decision, date: answer.date, reference: answer.reference, recorded_at: answer.recordedAt }) : `Réponse enregistrée pour ${ref} (version ${answer.version}) : ${answer.decision}, ${answer.date}.`],
  };
}
