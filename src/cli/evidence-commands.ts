/**
 * `iblagh-ws evidence …`: evidence items and their chain of custody from the
 * command line, through the same channels (and so the same checks, need to
 * know included) as the window. JSON lines on stdout with --json, snake_case
 * (main.ts shows list and show as a table or a block without it).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CustodyEntry, EvidenceItem, VerifyMismatch } from '../shared/evidence.ts';
import { MAX_IMPORT_BYTES } from '../shared/evidence.ts';
import type { Call } from './case-commands.ts';

export interface EvidenceArgs {
  case?: string | undefined;
  report?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
}

export class EvidenceUsageError extends Error {}
/** Refused here, before any channel (exit 1). */
export class EvidenceRefused extends Error {}

/** What a command prints, and the failure it ends with (exit 1) after printing. */
export interface EvidenceOutcome {
  lines: string[];
  failure?: string;
}

export const EVIDENCE_COMMANDS: ReadonlySet<string> = new Set(['evidence list', 'evidence show', 'evidence verify', 'evidence export', 'evidence import']);

export function evidenceJson(item: EvidenceItem): Record<string, unknown> {
  return {
    id: item.id,
    kind: item.kind,
    sha256: item.sha256,
    sha1: item.sha1,
    md5: item.md5,
    size: item.size,
    media_type: item.mediaType,
    declared_type: item.declaredType,
    acquired_at: item.acquiredAt,
    clock: item.clock,
    acquired_by: item.acquiredByName,
    acquired_by_id: item.acquiredBy,
    workstation_id: item.workstationId,
    tool: item.tool,
    tool_version: item.toolVersion,
    method: item.method,
    report_id: item.reportId,
    case_ref: item.caseRef,
    source_ref: item.sourceRef,
    label: item.label,
    registered_at: item.registeredAt,
    signature: item.signature ? { verified: item.signature.verified, key_fingerprint: item.signature.keyFingerprint, current_key: item.signature.currentKey } : null,
    exportable: item.exportable,
    demo: item.demo,
  };
}

function custodyJson(entry: CustodyEntry): Record<string, unknown> {
  return { at: entry.at, action: entry.action, analyst: entry.analystName, analyst_id: entry.analystId, detail: entry.detail };
}

function mismatchJson(m: VerifyMismatch): Record<string, unknown> {
  return { id: m.id, kind: m.kind, report_id: m.reportId, case_ref: m.caseRef, reason: m.reason, expected_sha256: m.expectedSha256, actual_sha256: m.actualSha256 };
}

function target(args: EvidenceArgs, required: boolean): { caseRef: string } | { reportId: string } | undefined {
  if (args.case !== undefined && args.report !== undefined) throw new EvidenceUsageError('Give one of --case REF or --report ID, not both.');
  if (args.case !== undefined) return { caseRef: args.case };
  if (args.report !== undefined) return { reportId: args.report };
  if (required) throw new EvidenceUsageError('Give one of --case REF or --report ID.');
  return undefined;
}

/** Runs one evidence command. */
export async function runEvidenceCommand(call: Call, shape: string, arg: string | undefined, args: EvidenceArgs): Promise<EvidenceOutcome> {
  switch (shape) {
    case 'evidence list': {
      const lines: string[] = [];
      const t = target(args, false);
      for (let offset = 0; ; offset += 500) {
        const page = await call('evidence.list', { ...(t ? { target: t } : {}), offset, limit: 500 });
        for (const item of page.items) lines.push(JSON.stringify(evidenceJson(item)));
        if (offset + page.items.length >= page.total || page.items.length === 0) break;
      }
      return { lines };
    }
    case 'evidence show': {
      const detail = await call('evidence.get', { id: arg });
      return { lines: [JSON.stringify({ ...evidenceJson(detail.item), custody: detail.custody.map(custodyJson) })] };
    }
    case 'evidence verify': {
      const result = await call('evidence.verify');
      const ids = result.mismatches.map((m) => m.id);
      const failure = ids.length === 0 ? undefined : `${ids.length} evidence item(s) no longer match: ${ids.join(', ')}`;
      if (args.json) {
        return { lines: [JSON.stringify({ checked: result.checked, matched: result.matched, mismatches: result.mismatches.map(mismatchJson) })], ...(failure ? { failure } : {}) };
      }
      const lines = result.mismatches.map((m) => `${m.id} (${m.kind}${m.reportId ? `, ${m.reportId}` : ''}${m.caseRef ? `, ${m.caseRef}` : ''}): ${m.reason.replace('_', ' ')}`);
      lines.push(`${result.checked} item(s) checked: ${result.matched} match, ${result.mismatches.length} do not.`);
      return { lines, ...(failure ? { failure } : {}) };
    }
    case 'evidence export': {
      if (!args.out) throw new EvidenceUsageError('--out FILE is required.');
      if (existsSync(args.out)) throw new EvidenceRefused(`${args.out} already exists: an export never overwrites a file.`);
      // Said before the export is asked for (and logged in the custody log), not after.
      const folder = dirname(resolve(args.out));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new EvidenceRefused(`Cannot write ${args.out}: ${folder} is not a folder.`);
      const exported = await call('evidence.export', { id: arg, fileName: basename(args.out) });
      const bytes = Buffer.from(exported.base64, 'base64');
      writeFileSync(args.out, bytes, { flag: 'wx' });
      const line = { id: exported.id, file: args.out, sha256: exported.sha256, size: exported.size, media_type: exported.mediaType };
      return { lines: [args.json ? JSON.stringify(line) : `Wrote ${exported.size} bytes of ${exported.id} to ${args.out} (sha256 ${exported.sha256}).`] };
    }
    case 'evidence import': {
      const t = target(args, true);
      const file = arg ?? '';
      let size: number;
      try {
        size = statSync(file).size;
      } catch (error) {
        throw new EvidenceUsageError(`Cannot read ${file}: ${(error as Error).message}`);
      }
      if (size > MAX_IMPORT_BYTES) throw new EvidenceRefused(`${file} is ${(size / 1024 / 1024).toFixed(1)} MiB: evidence imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
      const item = await call('evidence.import', { target: t, fileName: basename(file), base64: readFileSync(file).toString('base64'), via: 'cli' });
      return { lines: [args.json ? JSON.stringify(evidenceJson(item)) : `Imported ${file} as ${item.id} (sha256 ${item.sha256}).`] };
    }
    default:
      throw new EvidenceUsageError(`Unknown command: ${shape}`);
  }
}
