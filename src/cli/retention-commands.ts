/**
 * `iblagh-ws retention preview|apply --store DIR [--json]`: the retention
 * rules (law 09-08) from the command line, through the same channels as the
 * settings screen, so supervisors only, and applying is audited with counts.
 * Typing `retention apply` is the confirmation the window asks for in a dialog.
 * Counts and dates only: never a report's content or a reporter's identity.
 */
import type { RetentionApplyResult, RetentionCount, RetentionPreview, RetentionSettings } from '../shared/retention.ts';
import type { Call } from './case-commands.ts';

export const RETENTION_COMMANDS: ReadonlySet<string> = new Set(['retention preview', 'retention apply']);

function countJson(c: RetentionCount): Record<string, unknown> {
  return { count: c.count, oldest: c.oldest, newest: c.newest };
}

function settingsJson(s: RetentionSettings): Record<string, unknown> {
  return { identity_months: s.identityMonths, purge_months: s.purgeMonths, case_months: s.caseMonths };
}

export function previewJson(p: RetentionPreview): Record<string, unknown> {
  return {
    at: p.at,
    active: p.active,
    settings: settingsJson(p.settings),
    identities: countJson(p.identities),
    reports: countJson(p.reports),
    cases: countJson(p.cases),
    evidence: countJson(p.evidence),
    held_by_cases: p.heldByCases,
  };
}

export function applyJson(r: RetentionApplyResult): Record<string, unknown> {
  return {
    at: r.at,
    identities_erased: r.identitiesErased,
    revisions_erased: r.revisionsErased,
    reports_purged: r.reportsPurged,
    cases_purged: r.casesPurged,
    evidence_purged: r.evidencePurged,
    compacted: r.compacted,
  };
}

const rule = (months: number | null) => (months === null ? 'off' : `${months} month(s)`);
const dates = (c: RetentionCount) => (c.count === 0 || c.oldest === null ? '' : ` (closed ${c.oldest} to ${c.newest})`);

/** Runs one retention command; returns the lines to print. */
export async function runRetentionCommand(call: Call, shape: string, args: { json?: boolean | undefined }): Promise<string[]> {
  if (shape === 'retention preview') {
    const p = await call('retention.preview');
    if (args.json) return [JSON.stringify(previewJson(p))];
    if (!p.active) return ['No retention rule is set: nothing would be removed.'];
    return [
      `Rules: erase identities after ${rule(p.settings.identityMonths)}, purge reports after ${rule(p.settings.purgeMonths)}, purge cases after ${rule(p.settings.caseMonths)}.`,
      `Reporter identities to erase: ${p.identities.count}${dates(p.identities)}.`,
      `Reports to purge: ${p.reports.count}${dates(p.reports)}; ${p.heldByCases} more kept because a case that stays holds them.`,
      `Cases to purge: ${p.cases.count}${p.cases.count === 0 || p.cases.oldest === null ? '' : ` (final ${p.cases.oldest} to ${p.cases.newest})`}.`,
      `Evidence items to purge: ${p.evidence.count}${p.evidence.count === 0 || p.evidence.oldest === null ? '' : ` (acquired ${p.evidence.oldest} to ${p.evidence.newest})`}.`,
    ];
  }
  if (shape === 'retention apply') {
    const r = await call('retention.apply', { confirm: true });
    if (args.json) return [JSON.stringify(applyJson(r))];
    return [
      `Erased ${r.identitiesErased} reporter identit${r.identitiesErased === 1 ? 'y' : 'ies'} (${r.revisionsErased} revision(s)); purged ${r.reportsPurged} report(s), ${r.casesPurged} case(s), ${r.evidencePurged} evidence item(s).`,
      r.compacted ? 'The store was compacted (checkpoint and VACUUM).' : 'The store could not be compacted (another connection was busy): what was removed is zeroed already; apply again later to compact.',
    ];
  }
  throw new Error(`not a retention command: ${shape}`);
}
