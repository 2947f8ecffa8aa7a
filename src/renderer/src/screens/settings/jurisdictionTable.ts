/**
 * The competent-jurisdiction table as the settings screen reads it: the
 * fields it shows and edits, checked just enough to be drawn (the core keeps
 * the full rules: src/main/jurisdiction/table.ts, which the renderer may not
 * import). A table keeps every field it came with, known here or not, so that
 * saving an edited table sends back all of it.
 */

export type Confidence = 'high' | 'medium' | 'low' | 'uncertain';

interface Named {
  readonly id: string;
  readonly name_fr: string;
  readonly name_ar: string;
}

export interface CourtOfAppeal extends Named {
  readonly city_fr: string;
  readonly city_ar: string;
  readonly pending_art6?: boolean;
  readonly inferred?: boolean;
  readonly confidence?: Confidence;
}

export interface CourtOfFirstInstance extends Named {
  readonly city_fr: string;
  readonly city_ar: string;
  readonly court_of_appeal: string;
  readonly pending_art6?: boolean;
  readonly inferred?: boolean;
  readonly confidence?: Confidence;
}

export interface PoliceService extends Named {
  readonly scope?: string;
  readonly seat_fr?: string;
  readonly seat_ar?: string;
  readonly inferred?: boolean;
  readonly confidence?: Confidence;
}

export interface Province extends Named {
  readonly kind: string;
  /** The courts of first instance whose territory covers the province, the main one first. */
  readonly tpis: readonly string[];
  readonly inferred: boolean;
  readonly confidence?: Confidence;
  readonly police_service: string;
  readonly police_inferred: boolean;
  readonly police_confidence?: Confidence;
}

export interface Region {
  readonly code: string;
  readonly name_fr: string;
  readonly name_ar: string;
  readonly seat: { readonly province: string; readonly basis?: string };
  readonly provinces: readonly Province[];
}

export interface TerrorismRule {
  readonly court_of_appeal: string;
  readonly police_service: string;
  readonly basis_fr?: string;
  readonly basis_ar?: string;
  readonly law: string;
  readonly article: string;
}

export interface JurisdictionTable {
  readonly note_fr?: string;
  readonly note_ar?: string;
  readonly rules: { readonly terrorism: TerrorismRule };
  readonly courts_of_appeal: readonly CourtOfAppeal[];
  readonly courts_first_instance: readonly CourtOfFirstInstance[];
  readonly police_services: readonly PoliceService[];
  readonly regions: readonly Region[];
}

type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Fields, ...keys: string[]): boolean {
  return keys.every((key) => typeof value[key] === 'string');
}

function isNamed(value: unknown): value is Fields {
  return isObject(value) && strings(value, 'id', 'name_fr', 'name_ar');
}

/** Where the value stops looking like a jurisdiction table (a dotted path), or null when it can be drawn. */
export function tableProblem(value: unknown): string | null {
  if (!isObject(value)) return '(root)';
  const lists = ['courts_of_appeal', 'courts_first_instance', 'police_services', 'regions'] as const;
  for (const key of lists) if (!Array.isArray(value[key])) return key;
  const courtsOfAppeal = value['courts_of_appeal'] as unknown[];
  const courts = value['courts_first_instance'] as unknown[];
  const police = value['police_services'] as unknown[];
  const regions = value['regions'] as unknown[];
  for (const [i, court] of courtsOfAppeal.entries()) if (!isNamed(court) || !strings(court, 'city_fr', 'city_ar')) return `courts_of_appeal.${i}`;
  for (const [i, court] of courts.entries()) if (!isNamed(court) || !strings(court, 'city_fr', 'city_ar', 'court_of_appeal')) return `courts_first_instance.${i}`;
  for (const [i, service] of police.entries()) if (!isNamed(service)) return `police_services.${i}`;
  for (const [r, region] of regions.entries()) {
    if (!isObject(region) || !strings(region, 'code', 'name_fr', 'name_ar')) return `regions.${r}`;
    if (!isObject(region['seat']) || typeof region['seat']['province'] !== 'string') return `regions.${r}.seat`;
    if (!Array.isArray(region['provinces'])) return `regions.${r}.provinces`;
    for (const [p, province] of (region['provinces'] as unknown[]).entries()) {
      const path = `regions.${r}.provinces.${p}`;
      if (!isNamed(province) || !strings(province, 'kind', 'police_service')) return path;
      if (!Array.isArray(province['tpis']) || province['tpis'].length === 0 || !province['tpis'].every((id) => typeof id === 'string')) return `${path}.tpis`;
      if (typeof province['inferred'] !== 'boolean' || typeof province['police_inferred'] !== 'boolean') return path;
    }
  }
  const rules = value['rules'];
  if (!isObject(rules) || !isObject(rules['terrorism']) || !strings(rules['terrorism'], 'court_of_appeal', 'police_service', 'law', 'article')) return 'rules.terrorism';
  return null;
}

/** The table, if it can be drawn. */
export function readTable(value: unknown): JurisdictionTable | null {
  return tableProblem(value) === null ? (value as JurisdictionTable) : null;
}

/** Lookups by id. */
export interface TableIndex {
  readonly courtsOfAppeal: ReadonlyMap<string, CourtOfAppeal>;
  readonly courts: ReadonlyMap<string, CourtOfFirstInstance>;
  readonly police: ReadonlyMap<string, PoliceService>;
}

export function indexTable(table: JurisdictionTable): TableIndex {
  return {
    courtsOfAppeal: new Map(table.courts_of_appeal.map((court) => [court.id, court])),
    courts: new Map(table.courts_first_instance.map((court) => [court.id, court])),
    police: new Map(table.police_services.map((service) => [service.id, service])),
  };
}

/** What a supervisor changes in one province. */
export interface ProvinceChange {
  /** The main court of first instance (replaces the first of `tpis`; the others stay). */
  readonly court: string;
  readonly courtInferred: boolean;
  readonly police: string;
  readonly policeInferred: boolean;
}

export function changeOf(province: Province): ProvinceChange {
  return { court: province.tpis[0] ?? '', courtInferred: province.inferred, police: province.police_service, policeInferred: province.police_inferred };
}

/** The table with one province changed; every other field is kept as it was. */
export function withProvince(table: JurisdictionTable, provinceId: string, change: ProvinceChange): JurisdictionTable {
  return {
    ...table,
    regions: table.regions.map((region) =>
      region.provinces.some((province) => province.id === provinceId)
        ? {
            ...region,
            provinces: region.provinces.map((province) =>
              province.id === provinceId
                ? {
                    ...province,
                    tpis: [change.court, ...province.tpis.slice(1).filter((id) => id !== change.court)],
                    inferred: change.courtInferred,
                    police_service: change.police,
                    police_inferred: change.policeInferred,
                  }
                : province,
            ),
          }
        : region,
    ),
  };
}

/** The province behind a path of the core's message (`regions.4.provinces.2…`), if any. */
export function provinceAt(table: JurisdictionTable, path: string): Province | null {
  const match = /^regions\.(\d+)\.provinces\.(\d+)/.exec(path);
  if (!match) return null;
  return table.regions[Number(match[1])]?.provinces[Number(match[2])] ?? null;
}

/** A file name for the exported table, dated. */
export function exportFileName(now: Date): string {
  return `competence-territoriale-${now.toISOString().slice(0, 10)}.json`;
}
