/**
 * suggestJurisdiction: which police service, prosecutor and courts a case
 * (a cluster of reports) could be sent to.
 *
 * A SUGGESTION, never a decision: the analyst proposes, the public
 * prosecutor decides. Every result says why (reason code and parameters, for
 * the UI to render) and whether it rests on inferred facts of the table
 * (`inferred`), and lists alternatives.
 *
 * Rules, in order:
 *  1. Terrorism (the caller says so, e.g. from a TERR-* qualification): the
 *     court of appeal of Rabat has national competence for the prosecution,
 *     investigation and trial of terrorist offences (law 03-03, art. 7); the
 *     BCIJ investigates. reason 'terrorism_national_competence'. The
 *     territorial suggestion of rules 2-4 is given as an alternative.
 *  2. A place entered by the analyst (province and/or city, French or Arabic,
 *     any case, accents and hamza forms ignored): that province's TPI, its
 *     court of appeal and its police service. The city is looked up first (a
 *     TPI city or a province name), then the province. reason 'analyst_place'.
 *     A place that matches nothing is ignored (params.unresolved_place says so).
 *  3. The reports' regions (one per report; null = abroad or unknown): the
 *     region with most reports wins, and its seat's services are suggested
 *     (the regional capital; for MA-06 Casablanca-Settat, by rule, Casablanca).
 *     reason 'majority_region' with count and total ("37 of 40").
 *     Ties: the lowest region code wins (MA-03 before MA-07), so the result
 *     does not depend on the order of the reports; reason 'tied_regions'
 *     names all tied regions, and the others are alternatives.
 *     Regions that are not MA-01..MA-12 count as abroad/unknown.
 *  4. No region at all: the national judicial police brigade (BNPJ) and no
 *     court (no text fixes where an online offence is committed). reason
 *     'no_region'.
 *
 * Pending courts (decree 2.23.665, art. 6): a court of appeal that acts for
 * another meanwhile (Dakhla → Laâyoune, per the sources) is replaced by it,
 * the pending one being an alternative; a pending TPI is kept and flagged.
 */

import { foldForSearch } from '../text/search-text.ts';
import {
  loadJurisdictionTable,
  type Confidence,
  type CourtOfAppealEntry,
  type CourtOfFirstInstanceEntry,
  type JurisdictionTable,
  type PoliceServiceEntry,
  type ProvinceEntry,
  type RegionEntry,
} from './table.ts';

export interface CourtRef {
  id: string;
  name_fr: string;
  name_ar: string;
  /** Not yet in operation (decree 2.23.665, art. 6). */
  pending: boolean;
  inferred: boolean;
  confidence: Confidence;
}

export interface ProsecutorRef {
  title_fr: string;
  title_ar: string;
  /** The court the prosecutor sits at. */
  court_id: string;
}

export interface PoliceRef {
  id: string;
  name_fr: string;
  name_ar: string;
  scope: 'national' | 'prefectoral' | 'territorial';
  inferred: boolean;
  confidence: Confidence;
}

export type ReasonCode = 'terrorism_national_competence' | 'analyst_place' | 'majority_region' | 'tied_regions' | 'no_region' | 'other_region' | 'other_tpi' | 'pending_court' | 'territorial';

export interface Reason {
  code: ReasonCode;
  /** Everything the UI needs to render the reason in French or Arabic. */
  params: Record<string, string | number | boolean | string[] | null>;
}

export interface JurisdictionOption {
  police_service: PoliceRef | null;
  /** The prosecutor to address: procureur du Roi at the TPI, or the procureur général du Roi at the CA when there is no TPI (terrorism). */
  prosecutor: ProsecutorRef | null;
  /** The court of first instance (or, for terrorism, the court of appeal itself). */
  court: CourtRef | null;
  court_of_appeal: (CourtRef & { prosecutor_fr: string; prosecutor_ar: string }) | null;
  reason: Reason;
  /** True when any part of the option rests on an inference of the table. */
  inferred: boolean;
}

export interface JurisdictionSuggestion extends JurisdictionOption {
  alternatives: JurisdictionOption[];
}

export interface SuggestInput {
  /** The region of each report of the case (null: abroad or unknown). */
  regions: ReadonlyArray<string | null>;
  /** A place entered by the analyst. */
  place?: { province?: string; city?: string } | null;
  terrorism: boolean;
  table?: JurisdictionTable;
}

// ---------------------------------------------------------------------------
// Indexes over a table (built once per table object).

interface Index {
  table: JurisdictionTable;
  cas: Map<string, CourtOfAppealEntry>;
  tpis: Map<string, CourtOfFirstInstanceEntry>;
  police: Map<string, PoliceServiceEntry>;
  regions: Map<string, RegionEntry>;
  provinceRegion: Map<string, RegionEntry>;
  /** Folded name → province, for province names and aliases. */
  provinceNames: Map<string, ProvinceEntry>;
  /** Folded name → TPI and province, for TPI cities and their aliases (the province whose main TPI it is, else the first holding it). */
  cityNames: Map<string, { province: ProvinceEntry; tpi: string }>;
}

const indexes = new WeakMap<JurisdictionTable, Index>();

/** Words dropped from a place name: "Province de", "Préfecture de", "ville de", "عمالة", "إقليم", "مدينة". */
const FILLER = new Set(['province', 'prefecture', 'ville', 'city', 'de', 'd', 'du', 'des', 'la', 'le', 'of', 'عماله', 'اقليم', 'مدينه', 'جهه']);

/** The lookup key of a place name: folded (case, accents, hamza, ta marbuta...), filler words and punctuation dropped, and no article "al"/"ال". */
export function placeKey(name: string): string {
  const words = foldForSearch(name.slice(0, 200))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w));
  return words
    .map((w) => w.replace(/^ال(?=\p{L}{2})/u, ''))
    .join('')
    .replace(/^(?:al|el)(?=\p{L}{3})/u, '');
}

function buildIndex(table: JurisdictionTable): Index {
  const index: Index = {
    table,
    cas: new Map(table.courts_of_appeal.map((c) => [c.id, c])),
    tpis: new Map(table.courts_first_instance.map((c) => [c.id, c])),
    police: new Map(table.police_services.map((p) => [p.id, p])),
    regions: new Map(table.regions.map((r) => [r.code, r])),
    provinceRegion: new Map(),
    provinceNames: new Map(),
    cityNames: new Map(),
  };
  for (const region of table.regions) {
    for (const province of region.provinces) {
      index.provinceRegion.set(province.id, region);
      for (const name of [province.name_fr, province.name_ar, ...province.aliases]) {
        const key = placeKey(name);
        if (key !== '' && !index.provinceNames.has(key)) index.provinceNames.set(key, province);
      }
    }
  }
  // Cities: a TPI's city goes to the province whose main TPI it is; else to the first province that lists it.
  for (const pass of ['main', 'any'] as const) {
    for (const region of table.regions) {
      for (const province of region.provinces) {
        const tpiIds = pass === 'main' ? province.tpis.slice(0, 1) : province.tpis;
        for (const tpiId of tpiIds) {
          const tpi = index.tpis.get(tpiId);
          if (tpi === undefined) continue;
          for (const name of [tpi.city_fr, tpi.city_ar, ...tpi.aliases]) {
            const key = placeKey(name);
            if (key !== '' && !index.cityNames.has(key)) index.cityNames.set(key, { province, tpi: tpiId });
          }
        }
      }
    }
  }
  return index;
}

function indexOf(table: JurisdictionTable): Index {
  let index = indexes.get(table);
  if (index === undefined) {
    index = buildIndex(table);
    indexes.set(table, index);
  }
  return index;
}

// ---------------------------------------------------------------------------
// Building options.

function policeRef(p: PoliceServiceEntry, inferred = p.inferred, confidence: Confidence = p.confidence): PoliceRef {
  return { id: p.id, name_fr: p.name_fr, name_ar: p.name_ar, scope: p.scope, inferred, confidence };
}

function caRef(ca: CourtOfAppealEntry): NonNullable<JurisdictionOption['court_of_appeal']> {
  return {
    id: ca.id,
    name_fr: ca.name_fr,
    name_ar: ca.name_ar,
    prosecutor_fr: ca.prosecutor_fr,
    prosecutor_ar: ca.prosecutor_ar,
    pending: ca.pending_art6,
    inferred: ca.inferred,
    confidence: ca.confidence,
  };
}

const RANK: Readonly<Record<Confidence, number>> = { high: 3, medium: 2, low: 1, uncertain: 0 };

function weakest(...levels: Confidence[]): Confidence {
  return levels.reduce((a, b) => (RANK[b] < RANK[a] ? b : a), 'high');
}

/** The option for one province (its main TPI, or another of its TPIs), with a reason. */
function provinceOption(index: Index, province: ProvinceEntry, reason: Reason, extraInferred: boolean, tpiId = province.tpis[0]): { option: JurisdictionOption; alternatives: JurisdictionOption[] } {
  const tpi = index.tpis.get(tpiId ?? '') as CourtOfFirstInstanceEntry;
  const decreeCa = index.cas.get(tpi.court_of_appeal) as CourtOfAppealEntry;
  const actingCa = decreeCa.acting_court_of_appeal === undefined ? undefined : index.cas.get(decreeCa.acting_court_of_appeal);
  const ca = actingCa ?? decreeCa;
  const police = index.police.get(province.police_service) as PoliceServiceEntry;
  const court: CourtRef = {
    id: tpi.id,
    name_fr: tpi.name_fr,
    name_ar: tpi.name_ar,
    pending: tpi.pending_art6,
    inferred: tpi.inferred || province.inferred,
    confidence: weakest(tpi.confidence, province.confidence),
  };
  const caPart = caRef(ca);
  if (actingCa !== undefined) {
    caPart.inferred = true;
    caPart.confidence = weakest(decreeCa.confidence, actingCa.confidence);
  }
  const option: JurisdictionOption = {
    police_service: policeRef(police, police.inferred || province.police_inferred, weakest(police.confidence, province.police_confidence)),
    prosecutor: { title_fr: tpi.prosecutor_fr, title_ar: tpi.prosecutor_ar, court_id: tpi.id },
    court,
    court_of_appeal: caPart,
    reason,
    inferred: false,
  };
  option.inferred = extraInferred || court.inferred || caPart.inferred || (option.police_service?.inferred ?? false);
  const alternatives: JurisdictionOption[] = [];
  if (actingCa !== undefined) {
    alternatives.push({ ...option, court_of_appeal: caRef(decreeCa), reason: { code: 'pending_court', params: { court: decreeCa.id, court_fr: decreeCa.name_fr, court_ar: decreeCa.name_ar, acting: actingCa.id } }, inferred: true });
  }
  if (reason.code !== 'other_tpi') {
    for (const other of province.tpis.filter((id) => id !== tpiId)) {
      const alt = provinceOption(index, province, { code: 'other_tpi', params: { province: province.id, province_fr: province.name_fr, province_ar: province.name_ar, tpi: other } }, extraInferred, other);
      alternatives.push(alt.option);
    }
  }
  return { option, alternatives };
}

function seatOf(index: Index, region: RegionEntry): ProvinceEntry {
  return region.provinces.find((p) => p.id === region.seat.province) as ProvinceEntry;
}

function regionParams(region: RegionEntry): Record<string, string> {
  return { region: region.code, region_fr: region.name_fr, region_ar: region.name_ar };
}

/** The province (and, for a TPI city, that TPI) a place designates, and how it was found. */
function resolvePlace(index: Index, place: { province?: string; city?: string }): { province: ProvinceEntry; tpi: string | undefined; kind: 'city' | 'province'; entered: string } | null {
  const tries: Array<['city' | 'province', string | undefined, boolean]> = [
    ['city', place.city, true],
    ['province', place.province, false],
  ];
  for (const [kind, entered, cityFirst] of tries) {
    if (typeof entered !== 'string' || entered.trim() === '') continue;
    const key = placeKey(entered);
    if (key === '') continue;
    const asCity = index.cityNames.get(key);
    const asProvince = index.provinceNames.get(key);
    const found = cityFirst ? (asCity ?? (asProvince === undefined ? undefined : { province: asProvince, tpi: undefined })) : asProvince === undefined ? asCity : { province: asProvince, tpi: undefined };
    if (found !== undefined) return { province: found.province, tpi: found.tpi, kind, entered: entered.trim() };
  }
  return null;
}

/** See the module comment. Pure; never throws on odd input (unknown regions count as abroad/unknown). */
export function suggestJurisdiction(input: SuggestInput): JurisdictionSuggestion {
  const table = input.table ?? loadJurisdictionTable();
  const index = indexOf(table);
  const regions = Array.isArray(input.regions) ? input.regions : [];
  const total = regions.length;

  // Territorial suggestion (rules 2-4).
  const territorial = ((): JurisdictionSuggestion => {
    const place = input.place ?? null;
    const enteredPlace = place === null ? '' : [place.city, place.province].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join(', ');
    const resolved = place === null ? null : resolvePlace(index, place);
    const unresolved = enteredPlace !== '' && resolved === null ? enteredPlace : null;

    if (resolved !== null) {
      const region = index.provinceRegion.get(resolved.province.id) as RegionEntry;
      const { option, alternatives } = provinceOption(index, resolved.province, {
        code: 'analyst_place',
        params: { place: resolved.entered, kind: resolved.kind, province: resolved.province.id, province_fr: resolved.province.name_fr, province_ar: resolved.province.name_ar, ...regionParams(region) },
      }, false, resolved.tpi);
      return { ...option, alternatives };
    }

    const counts = new Map<string, number>();
    let unknown = 0;
    for (const code of regions) {
      if (typeof code === 'string' && index.regions.has(code.trim().toUpperCase())) {
        const key = code.trim().toUpperCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } else {
        unknown++;
      }
    }
    if (counts.size === 0) {
      const rule = table.rules.no_region;
      const police = index.police.get(rule.police_service) as PoliceServiceEntry;
      return {
        police_service: policeRef(police, rule.inferred || police.inferred, weakest(rule.confidence, police.confidence)),
        prosecutor: null,
        court: null,
        court_of_appeal: null,
        reason: { code: 'no_region', params: { total, abroad_or_unknown: unknown, unresolved_place: unresolved } },
        inferred: true,
        alternatives: [],
      };
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const [topCode, topCount] = ranked[0] as [string, number];
    const tied = ranked.filter(([, n]) => n === topCount).map(([code]) => code);
    const region = index.regions.get(topCode) as RegionEntry;
    const reason: Reason =
      tied.length > 1
        ? { code: 'tied_regions', params: { ...regionParams(region), regions: tied, count: topCount, total, abroad_or_unknown: unknown, unresolved_place: unresolved } }
        : { code: 'majority_region', params: { ...regionParams(region), count: topCount, total, abroad_or_unknown: unknown, unresolved_place: unresolved } };
    const { option, alternatives } = provinceOption(index, seatOf(index, region), reason, region.seat.inferred);
    for (const [code, count] of ranked.slice(1)) {
      const other = index.regions.get(code) as RegionEntry;
      const alt = provinceOption(index, seatOf(index, other), { code: 'other_region', params: { ...regionParams(other), count, total } }, other.seat.inferred);
      alternatives.push(alt.option);
    }
    return { ...option, alternatives };
  })();

  if (input.terrorism !== true) return territorial;

  // Rule 1: terrorism.
  const rule = table.rules.terrorism;
  const ca = index.cas.get(rule.court_of_appeal) as CourtOfAppealEntry;
  const police = index.police.get(rule.police_service) as PoliceServiceEntry;
  const caPart = { ...caRef(ca), inferred: rule.inferred, confidence: rule.confidence };
  const territorialOption: JurisdictionOption = {
    police_service: territorial.police_service,
    prosecutor: territorial.prosecutor,
    court: territorial.court,
    court_of_appeal: territorial.court_of_appeal,
    reason: territorial.reason,
    inferred: territorial.inferred,
  };
  return {
    police_service: policeRef(police, rule.inferred || police.inferred, police.confidence),
    prosecutor: { title_fr: ca.prosecutor_fr, title_ar: ca.prosecutor_ar, court_id: ca.id },
    court: { id: ca.id, name_fr: ca.name_fr, name_ar: ca.name_ar, pending: false, inferred: rule.inferred, confidence: rule.confidence },
    court_of_appeal: caPart,
    reason: { code: 'terrorism_national_competence', params: { law: rule.law, article: rule.article, court: ca.id, court_fr: ca.name_fr, court_ar: ca.name_ar } },
    inferred: rule.inferred || police.inferred,
    alternatives: [{ ...territorialOption, reason: { code: 'territorial', params: { basis: territorialOption.reason.code, ...territorialOption.reason.params } } }],
  };
}
