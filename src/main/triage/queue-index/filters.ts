/**
 * The queue index's filters: compiled into lookup tables, matched in one pass
 * over the columns that also gives the live counts, listed as facets.
 */
import { FACET_DIMENSIONS, type FacetCount, type FacetDimension, type QueueFilters } from '../../../shared/triage.ts';
import { type Columns, DANGER_BIT, type Dictionary, LOCATIONS, MODES, OPEN_MAX_CODE, OVERDUE_BIT, SMALL_CODES, STATUS_CODES, smallValues } from './columns.ts';

const BOOL = ['false', 'true'] as const;

/** Dimension order of the compiled filters and of the per-row values. */
const DIMS: readonly FacetDimension[] = FACET_DIMENSIONS;

/** A query's filters, compiled into lookup tables. */
interface Compiled {
  allow: (Uint8Array | null)[];
  fromMs: number;
  toMs: number;
  clusterId: number | null;
}

/** Which rows match, how many, and (when asked) the live counts. */
export interface Counted {
  match: Uint8Array;
  total: number;
  facets: Record<string, FacetCount[]> | null;
}

type Dictionaries = Columns['dicts'];

function compile(dicts: Dictionaries, filters: QueueFilters): Compiled {
  const table = (size: number, codes: (number | undefined)[] | undefined): Uint8Array | null => {
    if (!codes) return null;
    const allow = new Uint8Array(Math.max(size, 1));
    for (const code of codes) if (code !== undefined && code < allow.length) allow[code] = 1;
    return allow;
  };
  const dictTable = (dict: Dictionary, values: string[] | undefined) => table(dict.values.length, values?.map((v) => dict.find(v)));
  const boolTable = (value: boolean | undefined) => (value === undefined ? null : table(2, [value ? 1 : 0]));
  // "Open work only" is part of the status dimension: its live counts say what each status would give without it.
  const statuses = filters.status?.map((s) => STATUS_CODES.indexOf(s)) ?? (filters.openOnly ? STATUS_CODES.map((_, code) => code) : undefined);
  const allow = [
    dictTable(dicts.category, filters.category),
    dictTable(dicts.platform, filters.platform),
    table(STATUS_CODES.length, filters.openOnly ? statuses?.filter((code) => code <= OPEN_MAX_CODE) : statuses),
    dictTable(dicts.region, filters.region),
    dictTable(dicts.country, filters.country),
    table(2, filters.location?.map((l) => LOCATIONS.indexOf(l))),
    table(2, filters.reporterMode?.map((m) => MODES.indexOf(m))),
    boolTable(filters.imminentDanger),
    boolTable(filters.hasAttachments),
    boolTable(filters.quarantined),
    boolTable(filters.hashMatch),
    boolTable(filters.overdue),
  ];
  const fromMs = filters.submittedFrom ? Date.parse(filters.submittedFrom) : -Infinity;
  const toMs = filters.submittedTo ? Date.parse(filters.submittedTo) : Infinity;
  const clusterId = filters.clusterId ?? null;
  return { allow, fromMs, toMs, clusterId };
}

/**
 * One pass over the rows (or the search's candidates): which match, how
 * many, and the live counts. Per row, the dimensions with many values are
 * looked up in "allowed" tables; the small ones (status and the yes/no
 * dimensions) travel together as one 9-bit code whose failures come from one
 * table. A row failing exactly one dimension counts for that dimension only.
 */
export function count(columns: Columns, filters: QueueFilters, nowMs: number, facets: boolean, candidates: Int32Array | null): Counted {
  const { dicts } = columns;
  const c = compile(dicts, filters);
  const all = (size: number, allow: Uint8Array | null): Uint8Array => allow ?? new Uint8Array(Math.max(size, 1)).fill(1);
  const aCat = all(dicts.category.values.length, c.allow[0]!);
  const aPlat = all(dicts.platform.values.length, c.allow[1]!);
  const aRegion = all(dicts.region.values.length, c.allow[3]!);
  const aCountry = all(dicts.country.values.length, c.allow[4]!);
  // Failures of the small dimensions, by code: bit 0 status, 1 location, 2 mode, 3 danger, 4 attachments, 5 quarantined, 6 hash match, 7 overdue.
  const smallDims = [2, 5, 6, 7, 8, 9, 10, 11] as const;
  const smallFail = new Uint8Array(SMALL_CODES);
  for (let code = 0; code < SMALL_CODES; code++) {
    const values = smallValues(code);
    let fail = 0;
    smallDims.forEach((dim, bit) => {
      const allow = c.allow[dim];
      if (allow && allow[values[bit]!] !== 1) fail |= 1 << bit;
    });
    smallFail[code] = fail;
  }
  const catCounts = new Int32Array(aCat.length);
  const platCounts = new Int32Array(aPlat.length);
  const regionCounts = new Int32Array(aRegion.length);
  const countryCounts = new Int32Array(aCountry.length);
  const smallCounts = new Int32Array(SMALL_CODES);
  // For rows failing exactly one small dimension: counts by code, per dimension (bit).
  const smallAlone = Array.from({ length: smallDims.length }, () => new Int32Array(SMALL_CODES));
  const match = new Uint8Array(columns.size);
  const { category, platform, region, country, small, submittedMs, deadlineMs, cluster } = columns;
  const { fromMs, toMs, clusterId } = c;
  const ranged = fromMs > -Infinity || toMs < Infinity;
  const n = candidates ? candidates.length : columns.size;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = candidates ? candidates[k]! : k;
    if (ranged) {
      const t = submittedMs[i]!;
      if (t < fromMs || t > toMs) continue;
    }
    if (clusterId !== null && cluster[i] !== clusterId) continue;
    let code = small[i]!;
    // Overdue: open (status code <= 2 in the low bits) and past its deadline. Imminent danger
    // is something to handle first only while the report is open: finished, it counts as none.
    if ((code & 7) <= OPEN_MAX_CODE) {
      if (deadlineMs[i]! < nowMs) code |= OVERDUE_BIT;
    } else code &= ~DANGER_BIT;
    const vCat = category[i]!;
    const vPlat = platform[i]!;
    const vRegion = region[i]!;
    const vCountry = country[i]!;
    const fail = (aCat[vCat]! ^ 1) | ((aPlat[vPlat]! ^ 1) << 1) | ((aRegion[vRegion]! ^ 1) << 2) | ((aCountry[vCountry]! ^ 1) << 3) | (smallFail[code]! << 4);
    if (fail === 0) {
      match[i] = 1;
      total += 1;
      if (facets) {
        catCounts[vCat]!++;
        platCounts[vPlat]!++;
        regionCounts[vRegion]!++;
        countryCounts[vCountry]!++;
        smallCounts[code]!++;
      }
    } else if (facets && (fail & (fail - 1)) === 0) {
      if (fail === 1) catCounts[vCat]!++;
      else if (fail === 2) platCounts[vPlat]!++;
      else if (fail === 4) regionCounts[vRegion]!++;
      else if (fail === 8) countryCounts[vCountry]!++;
      else smallAlone[31 - Math.clz32(fail >> 4)]![code]!++;
    }
  }
  if (!facets) return { match, total, facets: null };
  // Per small dimension: its values' counts, from the codes of matching rows and of rows failing only it.
  const smallDimCounts = smallDims.map((_, bit) => {
    const counts = new Int32Array(bit === 0 ? STATUS_CODES.length : 2);
    for (let code = 0; code < SMALL_CODES; code++) counts[smallValues(code)[bit]!]! += smallCounts[code]! + smallAlone[bit]![code]!;
    return counts;
  });
  const counts = [catCounts, platCounts, smallDimCounts[0]!, regionCounts, countryCounts, ...smallDimCounts.slice(1)];
  return { match, total, facets: facetLists(dicts, counts, filters) };
}

function facetLists(dicts: Dictionaries, counts: Int32Array[], filters: QueueFilters): Record<string, FacetCount[]> {
  const names: (readonly string[])[] = [
    dicts.category.values,
    dicts.platform.values,
    STATUS_CODES,
    dicts.region.values,
    dicts.country.values,
    LOCATIONS,
    MODES,
    BOOL,
    BOOL,
    BOOL,
    BOOL,
    BOOL,
  ];
  const selected: (readonly string[] | undefined)[] = [
    filters.category,
    filters.platform,
    filters.status,
    filters.region,
    filters.country,
    filters.location,
    filters.reporterMode,
    filters.imminentDanger === undefined ? undefined : [String(filters.imminentDanger)],
    filters.hasAttachments === undefined ? undefined : [String(filters.hasAttachments)],
    filters.quarantined === undefined ? undefined : [String(filters.quarantined)],
    filters.hashMatch === undefined ? undefined : [String(filters.hashMatch)],
    filters.overdue === undefined ? undefined : [String(filters.overdue)],
  ];
  const fixed = new Set([2, 5, 6, 7, 8, 9, 10, 11]);
  const facets: Record<string, FacetCount[]> = {};
  DIMS.forEach((dim, d) => {
    const list: FacetCount[] = [];
    const seen = new Set<string>();
    names[d]!.forEach((value, code) => {
      const count = counts[d]![code]!;
      // Fixed dimensions list every value; open ones (categories, countries...) the values that occur.
      if (count > 0 || fixed.has(d) || selected[d]?.includes(value)) {
        list.push({ value, count });
        seen.add(value);
      }
    });
    // A selected value no report has (yet) still shows, with zero.
    for (const value of selected[d] ?? []) if (!seen.has(value)) list.push({ value, count: 0 });
    if (!fixed.has(d)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    facets[dim] = list;
  });
  return facets;
}
