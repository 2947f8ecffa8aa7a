/**
 * The competent jurisdiction of a case: a suggestion from the table in
 * `resources/jurisdictions.json` (jurisdiction/suggest.ts), never a decision.
 * The analyst confirms it or picks another court; the case keeps what was
 * chosen, by whom and when. Terrorism (a qualification marked so, or reports
 * of a terrorism category) goes to the court of appeal of Rabat (law 03-03).
 */
import type { ConfirmedJurisdiction, CourtChoice, Jurisdiction, JurisdictionAdvice } from '../../shared/cases.ts';
import { AppError } from '../errors.ts';
import { loadJurisdictionTable, parseJurisdictionTable, suggestJurisdiction, type JurisdictionTable } from '../jurisdiction/index.ts';
import type { JurisdictionOption } from '../jurisdiction/suggest.ts';
import type { Db } from '../store/database.ts';
import type { Actor, CaseRow } from './cases.ts';
import { addEvent } from './cases.ts';
import { visibleCase } from './access.ts';
import { recordAudit } from '../audit/audit.ts';
import { replaceTable, tableInForce, type TableKind } from './tables.ts';
import { qualificationTable } from './legal.ts';

const TERRORISM_CATEGORIES: ReadonlySet<string> = new Set(['terrorism_incitement', 'terrorism_apology']);

function bilingual(fr: string | undefined, ar: string | undefined): { fr: string; ar: string } | null {
  return fr === undefined || ar === undefined ? null : { fr, ar };
}

/** The contract's shape of a suggestion option. */
export function toJurisdiction(option: JurisdictionOption): Jurisdiction {
  return {
    policeService: bilingual(option.police_service?.name_fr, option.police_service?.name_ar),
    prosecutor: bilingual(option.prosecutor?.title_fr, option.prosecutor?.title_ar),
    court: bilingual(option.court?.name_fr, option.court?.name_ar),
    courtOfAppeal: bilingual(option.court_of_appeal?.name_fr, option.court_of_appeal?.name_ar),
    courtId: option.court?.id ?? null,
    pending: option.court?.pending ?? false,
    reason: { code: option.reason.code, params: { ...option.reason.params } },
    inferred: option.inferred,
  };
}

/** What the case holds that the suggestion weighs: its reports' regions, and whether it is terrorism. */
function caseFacts(db: Db, row: CaseRow): { regions: (string | null)[]; terrorism: boolean } {
  const reports = db
    .prepare('SELECT r.region, r.category FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL')
    .all(row.id) as { region: string | null; category: string }[];
  const codes = new Set(JSON.parse(row.qualifications) as string[]);
  const terrorismQualified = qualificationTable(db).entries.some((entry) => entry.terrorism && codes.has(entry.code));
  return { regions: reports.map((r) => r.region), terrorism: terrorismQualified || reports.some((r) => TERRORISM_CATEGORIES.has(r.category)) };
}

/** Every court the analyst may pick: courts of first instance, and the courts of appeal (national competence). */
function courtChoices(table: JurisdictionTable): CourtChoice[] {
  const cas = new Map(table.courts_of_appeal.map((ca) => [ca.id, ca]));
  const tpis = table.courts_first_instance.map((tpi) => {
    const ca = cas.get(tpi.court_of_appeal);
    return {
      courtId: tpi.id,
      court: { fr: tpi.name_fr, ar: tpi.name_ar },
      courtOfAppeal: { fr: ca?.name_fr ?? tpi.court_of_appeal, ar: ca?.name_ar ?? tpi.court_of_appeal },
      inferred: tpi.inferred || (ca?.inferred ?? false),
    };
  });
  const appeals = table.courts_of_appeal.map((ca) => ({ courtId: ca.id, court: { fr: ca.name_fr, ar: ca.name_ar }, courtOfAppeal: { fr: ca.name_fr, ar: ca.name_ar }, inferred: ca.inferred }));
  return [...tpis, ...appeals];
}

/** The option for a court picked from the table (a TPI, or a court of appeal for national competence). */
export function optionForCourt(table: JurisdictionTable, courtId: string): Jurisdiction | null {
  const ca = table.courts_of_appeal.find((c) => c.id === courtId);
  if (ca) {
    const terrorism = table.rules.terrorism;
    const police = terrorism.court_of_appeal === ca.id ? table.police_services.find((p) => p.id === terrorism.police_service) : undefined;
    return {
      policeService: police ? { fr: police.name_fr, ar: police.name_ar } : null,
      prosecutor: { fr: ca.prosecutor_fr, ar: ca.prosecutor_ar },
      court: { fr: ca.name_fr, ar: ca.name_ar },
      courtOfAppeal: { fr: ca.name_fr, ar: ca.name_ar },
      courtId: ca.id,
      pending: ca.pending_art6,
      reason: { code: 'chosen', params: {} },
      inferred: ca.inferred || (police?.inferred ?? false),
    };
  }
  const tpi = table.courts_first_instance.find((c) => c.id === courtId);
  if (!tpi) return null;
  const parent = table.courts_of_appeal.find((c) => c.id === tpi.court_of_appeal);
  const province = table.regions.flatMap((r) => r.provinces).find((p) => p.tpis[0] === tpi.id) ?? table.regions.flatMap((r) => r.provinces).find((p) => p.tpis.includes(tpi.id));
  const police = province ? table.police_services.find((p) => p.id === province.police_service) : undefined;
  return {
    policeService: police ? { fr: police.name_fr, ar: police.name_ar } : null,
    prosecutor: { fr: tpi.prosecutor_fr, ar: tpi.prosecutor_ar },
    court: { fr: tpi.name_fr, ar: tpi.name_ar },
    courtOfAppeal: parent ? { fr: parent.name_fr, ar: parent.name_ar } : null,
    courtId: tpi.id,
    pending: tpi.pending_art6,
    reason: { code: 'chosen', params: {} },
    inferred: tpi.inferred || (parent?.inferred ?? false) || (police?.inferred ?? false) || (province?.police_inferred ?? false),
  };
}

/** A place typed by the analyst: a city (or a province) name, in French or Arabic. */
function placeInput(place: string | undefined): { city: string; province: string } | null {
  return place === undefined ? null : { city: place, province: place };
}

export function adviseJurisdiction({ db, analyst }: Actor, ref: string, place: string | undefined): JurisdictionAdvice {
  const row = visibleCase(db, analyst, ref);
  const table = jurisdictionTable(db);
  const facts = caseFacts(db, row);
  const suggestion = suggestJurisdiction({ regions: facts.regions, place: placeInput(place), terrorism: facts.terrorism, table });
  return { suggestion: toJurisdiction(suggestion), alternatives: suggestion.alternatives.map(toJurisdiction), courts: courtChoices(table) };
}

/** Keeps the jurisdiction the analyst confirmed: the suggestion's court, or another. */
export function confirmJurisdiction({ db, analyst }: Actor, ref: string, courtId: string, place: string | undefined, now = new Date()): void {
  db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    const table = jurisdictionTable(db);
    const facts = caseFacts(db, row);
    const suggestion = suggestJurisdiction({ regions: facts.regions, place: placeInput(place), terrorism: facts.terrorism, table });
    const options = [suggestion, ...suggestion.alternatives];
    const matching = options.find((option) => option.court?.id === courtId);
    const chosen = matching ? toJurisdiction(matching) : optionForCourt(table, courtId);
    if (!chosen) throw new AppError('INVALID_INPUT', `No court ${courtId} in the jurisdiction table.`);
    const confirmed: ConfirmedJurisdiction = {
      ...chosen,
      chosenBy: analyst.name,
      chosenAt: now.toISOString(),
      asSuggested: suggestion.court?.id === courtId,
      place: place ?? null,
    };
    db.prepare('UPDATE cases SET jurisdiction = ? WHERE id = ?').run(JSON.stringify(confirmed), row.id);
    addEvent(db, row.id, analyst.id, 'jurisdiction_confirmed', { court: courtId, asSuggested: confirmed.asSuggested, place: place ?? null }, now);
    recordAudit(db, analyst.id, 'case.jurisdiction_confirmed', { ref, court: courtId, asSuggested: confirmed.asSuggested });
  })();
}

// ---------------------------------------------------------------------------
// The table itself: shipped in resources/, replaceable by a supervisor.

const JURISDICTION: TableKind<JurisdictionTable> = { key: 'jurisdiction_table', parse: parseJurisdictionTable, shipped: loadJurisdictionTable };

/** The table in force: the supervisor's, else the shipped one. */
export function jurisdictionTable(db: Db): JurisdictionTable {
  return tableInForce(db, JURISDICTION).table;
}

export function readJurisdictionTable(db: Db): { table: JurisdictionTable; edited: boolean } {
  return tableInForce(db, JURISDICTION);
}

/**
 * A supervisor's table replaces the shipped one, validated like it: every id
 * and reference resolves, the twelve regions are there, terrorism goes to the
 * court of appeal of Rabat and MA-06 to Casablanca. `null` restores the shipped table.
 */
export function writeJurisdictionTable({ db, analyst }: Actor, raw: unknown, now = new Date()): { table: JurisdictionTable; edited: boolean } {
  replaceTable(db, JURISDICTION, raw, analyst.id, { action: 'jurisdiction.table_updated', detail: (t) => ({ restored: t === null }) }, now);
  return readJurisdictionTable(db);
}
