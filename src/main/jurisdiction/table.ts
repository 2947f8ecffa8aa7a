/**
 * The jurisdiction table (resources/jurisdictions.json): the 12 regions,
 * their 75 prefectures and provinces, the court of first instance (TPI) each
 * one's communes go to, the court of appeal (CA) above it, the prosecutors of
 * both, and the judicial police service the team proposes.
 *
 * Facts come from /work/shared/jurisdiction-sources.md (decree 2.23.665 on the
 * judicial map, law 03-03, CPP, press sources on the DGSN); the sources are
 * listed in the table. Whatever the sources mark as an inference carries
 * `inferred: true` and a confidence ('high' | 'medium' | 'low' | 'uncertain').
 *
 * parseJurisdictionTable validates the shape (zod) and the table's integrity:
 * unique ids, resolvable references, the 12 regions MA-01..MA-12 each once,
 * every TPI reachable from a province, French and Arabic names everywhere,
 * and the two rules the suggestion relies on: terrorism goes to the Rabat
 * court of appeal, and region MA-06's seat is Casablanca (its TPI under the
 * Casablanca court of appeal, its police service Casablanca's).
 */

import { z } from 'zod';
import rawTable from '../../../resources/jurisdictions.json' with { type: 'json' };

const Confidence = z.enum(['high', 'medium', 'low', 'uncertain']);
const Arabic = z.string().min(2).max(200).regex(/[\u0600-\u06ff]/, 'must be Arabic');
const French = z.string().min(2).max(300).regex(/[A-Za-zÀ-ÿ]/, 'must be French');
const Id = z.string().regex(/^[A-Za-z0-9-]{2,40}$/);
const Sources = z.array(z.string().regex(/^S\d{1,2}$/));

const CourtOfAppeal = z.strictObject({
  id: Id,
  city_fr: French,
  city_ar: Arabic,
  name_fr: French,
  name_ar: Arabic,
  prosecutor_fr: French,
  prosecutor_ar: Arabic,
  /** Decree 2.23.665, art. 6: applies only once its judicial heads are appointed. */
  pending_art6: z.boolean(),
  /** The court that acts for it meanwhile, according to the sources. */
  acting_court_of_appeal: Id.optional(),
  inferred: z.boolean(),
  confidence: Confidence,
  sources: Sources,
  note_fr: z.string().optional(),
});

const CourtOfFirstInstance = z.strictObject({
  id: Id,
  city_fr: French,
  city_ar: Arabic,
  /** Other spellings of the city (place lookup). */
  aliases: z.array(z.string().min(1).max(80)),
  name_fr: French,
  name_ar: Arabic,
  prosecutor_fr: French,
  prosecutor_ar: Arabic,
  court_of_appeal: Id,
  pending_art6: z.boolean(),
  /** The TPI → CA attachment is read from the decree's layout (sources: INF, high). */
  inferred: z.boolean(),
  confidence: Confidence,
  sources: Sources,
  note_fr: z.string().optional(),
});

const PoliceService = z.strictObject({
  id: Id,
  scope: z.enum(['national', 'prefectoral', 'territorial']),
  name_fr: French,
  name_ar: Arabic,
  seat_fr: French,
  seat_ar: Arabic,
  inferred: z.boolean(),
  confidence: Confidence,
  sources: Sources,
  note_fr: z.string().optional(),
});

const Province = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  kind: z.enum(['prefecture', 'province']),
  name_fr: French,
  name_ar: Arabic,
  aliases: z.array(z.string().min(1).max(80)),
  /** The TPIs whose territory covers the province, the main one first. */
  tpis: z.array(Id).min(1),
  /** Province → TPI is inferred from the communes listed in the decree (sources: INF). */
  inferred: z.boolean(),
  confidence: Confidence,
  police_service: Id,
  police_inferred: z.boolean(),
  police_confidence: Confidence,
  sources: Sources,
  note_fr: z.string().optional(),
});

const Region = z.strictObject({
  code: z.string().regex(/^MA-(0[1-9]|1[0-2])$/),
  name_fr: French,
  name_ar: Arabic,
  /** The province whose services a report known only by its region goes to. */
  seat: z.strictObject({
    province: z.string(),
    /** 'rule': a rule of the unit (MA-06 → Casablanca); 'regional_capital': the team's inference. */
    basis: z.enum(['rule', 'regional_capital']),
    inferred: z.boolean(),
    confidence: Confidence,
  }),
  provinces: z.array(Province).min(1),
});

const Rule = z.strictObject({
  court_of_appeal: Id,
  police_service: Id,
  basis_fr: French,
  basis_ar: Arabic,
  law: z.string(),
  article: z.string(),
  inferred: z.boolean(),
  confidence: Confidence,
  sources: Sources,
});

export const JurisdictionTableSchema = z
  .strictObject({
    version: z.literal(1),
    generated_from: z.string().optional(),
    note_fr: z.string().min(10),
    note_ar: z.string().min(10).regex(/[\u0600-\u06ff]/, 'must be Arabic'),
    sources: z.record(z.string().regex(/^S\d{1,2}$/), z.string().min(3)),
    rules: z.strictObject({
      terrorism: Rule,
      no_region: z.strictObject({ police_service: Id, inferred: z.boolean(), confidence: Confidence, sources: Sources, note_fr: z.string() }),
    }),
    courts_of_appeal: z.array(CourtOfAppeal).min(1),
    courts_first_instance: z.array(CourtOfFirstInstance).min(1),
    police_services: z.array(PoliceService).min(1),
    regions: z.array(Region).length(12),
  })
  .superRefine((t, ctx) => {
    const issue = (path: Array<string | number>, message: string): void => ctx.addIssue({ code: 'custom', path, message });
    const unique = <T extends { id: string }>(items: readonly T[], path: string): Map<string, T> => {
      const map = new Map<string, T>();
      items.forEach((item, i) => {
        if (map.has(item.id)) issue([path, i, 'id'], `Duplicate id ${item.id}`);
        map.set(item.id, item);
      });
      return map;
    };
    const cas = unique(t.courts_of_appeal, 'courts_of_appeal');
    const tpis = unique(t.courts_first_instance, 'courts_first_instance');
    const police = unique(t.police_services, 'police_services');
    const sourceIds = new Set(Object.keys(t.sources));
    const checkSources = (sources: readonly string[], path: Array<string | number>): void => {
      for (const s of sources) if (!sourceIds.has(s)) issue(path, `Unknown source ${s}`);
    };

    t.courts_of_appeal.forEach((ca, i) => {
      checkSources(ca.sources, ['courts_of_appeal', i, 'sources']);
      if (ca.acting_court_of_appeal !== undefined && !cas.has(ca.acting_court_of_appeal)) issue(['courts_of_appeal', i, 'acting_court_of_appeal'], `Unknown court of appeal ${ca.acting_court_of_appeal}`);
    });
    t.courts_first_instance.forEach((tpi, i) => {
      checkSources(tpi.sources, ['courts_first_instance', i, 'sources']);
      if (!cas.has(tpi.court_of_appeal)) issue(['courts_first_instance', i, 'court_of_appeal'], `Unknown court of appeal ${tpi.court_of_appeal}`);
    });
    t.police_services.forEach((p, i) => checkSources(p.sources, ['police_services', i, 'sources']));

    const codes = new Set<string>();
    const provinceIds = new Set<string>();
    const reachedTpis = new Set<string>();
    t.regions.forEach((region, r) => {
      if (codes.has(region.code)) issue(['regions', r, 'code'], `Duplicate region ${region.code}`);
      codes.add(region.code);
      if (!region.provinces.some((p) => p.id === region.seat.province)) issue(['regions', r, 'seat', 'province'], `Seat ${region.seat.province} is not a province of ${region.code}`);
      region.provinces.forEach((province, p) => {
        if (provinceIds.has(province.id)) issue(['regions', r, 'provinces', p, 'id'], `Duplicate province ${province.id}`);
        provinceIds.add(province.id);
        checkSources(province.sources, ['regions', r, 'provinces', p, 'sources']);
        for (const tpi of province.tpis) {
          if (!tpis.has(tpi)) issue(['regions', r, 'provinces', p, 'tpis'], `Unknown TPI ${tpi}`);
          reachedTpis.add(tpi);
        }
        if (!police.has(province.police_service)) issue(['regions', r, 'provinces', p, 'police_service'], `Unknown police service ${province.police_service}`);
      });
    });
    for (let n = 1; n <= 12; n++) {
      const code = `MA-${String(n).padStart(2, '0')}`;
      if (!codes.has(code)) issue(['regions'], `Missing region ${code}`);
    }
    for (const id of tpis.keys()) if (!reachedTpis.has(id)) issue(['courts_first_instance'], `TPI ${id} belongs to no province`);

    // The rules the suggestion relies on.
    const terrorism = t.rules.terrorism;
    if (cas.get(terrorism.court_of_appeal)?.city_fr !== 'Rabat') issue(['rules', 'terrorism', 'court_of_appeal'], 'Terrorism must go to the court of appeal of Rabat (law 03-03, art. 7)');
    if (police.get(terrorism.police_service)?.scope !== 'national') issue(['rules', 'terrorism', 'police_service'], 'The terrorism police service must have national competence');
    checkSources(terrorism.sources, ['rules', 'terrorism', 'sources']);
    if (police.get(t.rules.no_region.police_service)?.scope !== 'national') issue(['rules', 'no_region', 'police_service'], 'Reports without a region go to a service of national competence');
    const casablanca = t.regions.find((r) => r.code === 'MA-06');
    const seat = casablanca?.provinces.find((p) => p.id === casablanca.seat.province);
    const seatTpi = seat === undefined ? undefined : tpis.get(seat.tpis[0] ?? '');
    const seatCa = seatTpi === undefined ? undefined : cas.get(seatTpi.court_of_appeal);
    if (seatTpi?.city_fr !== 'Casablanca' || seatCa?.city_fr !== 'Casablanca' || police.get(seat?.police_service ?? '')?.seat_fr !== 'Casablanca') {
      issue(['regions'], 'Region MA-06 (Casablanca-Settat) must go to the services and courts of Casablanca');
    }
  });

export type JurisdictionTable = z.infer<typeof JurisdictionTableSchema>;
export type CourtOfAppealEntry = JurisdictionTable['courts_of_appeal'][number];
export type CourtOfFirstInstanceEntry = JurisdictionTable['courts_first_instance'][number];
export type PoliceServiceEntry = JurisdictionTable['police_services'][number];
export type RegionEntry = JurisdictionTable['regions'][number];
export type ProvinceEntry = RegionEntry['provinces'][number];
export type Confidence = z.infer<typeof Confidence>;

/** Validates a table (throws a ZodError naming what is wrong). */
export function parseJurisdictionTable(raw: unknown): JurisdictionTable {
  return JurisdictionTableSchema.parse(raw);
}

let cached: JurisdictionTable | undefined;

/** The bundled table, validated once. */
export function loadJurisdictionTable(): JurisdictionTable {
  cached ??= parseJurisdictionTable(rawTable);
  return cached;
}
