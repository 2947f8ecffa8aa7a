/**
 * `iblagh-ws cases …`, `notes add`, `observables list`: cases and technical
 * analysis from the command line, through the same channels (and so the same
 * checks, need to know included) as the window. JSON on stdout, snake_case.
 */
import { readFileSync } from 'node:fs';
import type { CaseView, ConfirmedJurisdiction, Jurisdiction, Note, ObservableRow } from '../shared/cases.ts';
import type { ChannelName, ChannelOutput } from '../shared/contract.ts';

export type Call = <K extends ChannelName>(channel: K, input?: unknown) => Promise<ChannelOutput<K>>;

export interface CaseArgs {
  title?: string | undefined;
  reports?: string[] | undefined;
  qualification?: string[] | undefined;
  /** Repeatable on the command line (for `dossier export`'s pairs); a case command takes one. */
  reason?: string[] | undefined;
  set?: string | undefined;
  'take-over'?: boolean | undefined;
  'text-file'?: string | undefined;
  'for-dossier'?: boolean | undefined;
  case?: string | undefined;
  report?: string | undefined;
}

export class CaseUsageError extends Error {}

/** The one --reason a case command takes. */
function oneReason(reasons: readonly string[] | undefined): string | undefined {
  if (reasons !== undefined && reasons.length > 1) throw new CaseUsageError('Give --reason once.');
  return reasons?.[0];
}

/** Values of a repeatable, comma-separable option. */
function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function jurisdictionJson(j: Jurisdiction | ConfirmedJurisdiction | null, confirmed: boolean): Record<string, unknown> | null {
  if (!j) return null;
  return {
    confirmed,
    police_service: j.policeService,
    prosecutor: j.prosecutor,
    court: j.court,
    court_of_appeal: j.courtOfAppeal,
    court_id: j.courtId,
    reason: j.reason,
    inferred: j.inferred,
    ...('chosenBy' in j ? { chosen_by: j.chosenBy, chosen_at: j.chosenAt, as_suggested: j.asSuggested, place: j.place } : {}),
  };
}

function noteJson(note: Note): Record<string, unknown> {
  return {
    id: note.id,
    author: note.author,
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    text: note.text,
    for_dossier: note.forDossier,
    summary: note.summary,
    deleted: note.deleted,
    revisions: note.revisions.map((r) => ({ revision: r.revision, author: r.author, at: r.at, based_on: r.basedOn, text: r.text })),
  };
}

function observableJson(o: ObservableRow): Record<string, unknown> {
  return { id: o.id, type: o.type, value: o.value, seen_in_reports: o.seenInReports, seen_in_cases: o.seenInCases, verdict: o.verdict, tags: o.tags, manual: o.manual };
}

async function caseJson(call: Call, view: CaseView, whole: boolean): Promise<Record<string, unknown>> {
  const base: Record<string, unknown> = {
    ref: view.ref,
    title: view.title,
    status: view.status,
    closing_reason: view.closingReason,
    assignee: view.assignee,
    restricted: view.restricted,
    reports: view.reportIds,
    removed_reports: view.removedReports.map((r) => ({ report_id: r.reportId, reason: r.reason, at: r.at, by: r.by })),
    qualifications: view.qualificationEntries.map((q) => ({ code: q.code, articles: q.articles, label_fr: q.labelFr, label_ar: q.labelAr })),
    qualification_note: view.qualificationNote,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
  let jurisdiction = jurisdictionJson(view.jurisdiction, true);
  if (!jurisdiction) {
    const advice = await call('cases.suggestJurisdiction', { ref: view.ref });
    jurisdiction = jurisdictionJson(advice.suggestion, false);
  }
  base['jurisdiction'] = jurisdiction;
  if (!whole) return base;
  const notes = await call('notes.list', { target: { caseRef: view.ref } });
  const observables = await call('observables.list', { caseRef: view.ref });
  return {
    ...base,
    notes: notes.map(noteJson),
    observables: observables.map(observableJson),
    timeline: view.timeline.map((e) => ({ at: e.at, analyst: e.analyst, kind: e.kind, detail: e.detail })),
  };
}

function readText(file: string | undefined): string {
  if (!file) throw new CaseUsageError('--text-file FILE is required.');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CaseUsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Runs one cases/notes/observables command; returns the lines to print. */
export async function runCaseCommand(call: Call, shape: string, ref: string | undefined, args: CaseArgs): Promise<string[]> {
  switch (shape) {
    case 'cases create': {
      if (!args.title) throw new CaseUsageError('--title TEXT is required.');
      const view = await call('cases.create', { title: args.title, reportIds: list(args.reports), qualifications: list(args.qualification) });
      return [JSON.stringify(await caseJson(call, view, false))];
    }
    case 'cases add': {
      const reportIds = list(args.reports);
      if (reportIds.length === 0) throw new CaseUsageError('--reports ID[,ID…] is required.');
      const view = await call('cases.addReports', { ref, reportIds });
      return [JSON.stringify(await caseJson(call, view, false))];
    }
    case 'cases remove': {
      const reportIds = list(args.reports);
      if (reportIds.length !== 1) throw new CaseUsageError('--reports takes one report id here.');
      const reason = oneReason(args.reason);
      if (!reason) throw new CaseUsageError('--reason TEXT is required: a removal keeps its reason.');
      const view = await call('cases.removeReport', { ref, reportId: reportIds[0], reason });
      return [JSON.stringify(await caseJson(call, view, false))];
    }
    case 'cases status': {
      if (!args.set) throw new CaseUsageError('--set open|in_analysis|ready|referred|closed is required.');
      const reason = oneReason(args.reason);
      const view = await call('cases.setStatus', { ref, status: args.set, ...(reason ? { reason } : {}), ...(args['take-over'] === true ? { takeOver: true } : {}) });
      return [JSON.stringify(await caseJson(call, view, false))];
    }
    case 'cases list': {
      const lines: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await call('cases.list', { offset, limit: 500 });
        for (const row of page.rows) {
          lines.push(
            JSON.stringify({
              ref: row.ref,
              title: row.title,
              status: row.status,
              assignee: row.assignee,
              reports: row.reports,
              qualifications: row.qualifications,
              region: row.region,
              restricted: row.restricted,
              overdue: row.overdue,
              imminent_danger: row.imminentDanger,
              created_at: row.createdAt,
              updated_at: row.updatedAt,
            }),
          );
        }
        if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
      }
      return lines;
    }
    case 'cases show': {
      const view = await call('cases.get', { ref });
      return [JSON.stringify(await caseJson(call, view, true))];
    }
    case 'notes add': {
      if ((args.case === undefined) === (args.report === undefined)) throw new CaseUsageError('Give exactly one of --case REF or --report ID.');
      const target = args.case !== undefined ? { caseRef: args.case } : { reportId: args.report };
      const note = await call('notes.add', { target, text: readText(args['text-file']), forDossier: args['for-dossier'] ?? false });
      return [JSON.stringify(noteJson(note))];
    }
    case 'observables list': {
      if ((args.case === undefined) === (args.report === undefined)) throw new CaseUsageError('Give exactly one of --case REF or --report ID.');
      const rows = await call('observables.list', args.case !== undefined ? { caseRef: args.case } : { reportId: args.report });
      return rows.map((o) => JSON.stringify(observableJson(o)));
    }
    default:
      throw new CaseUsageError(`Unknown command: ${shape}`);
  }
}
