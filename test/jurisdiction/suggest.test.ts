import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadJurisdictionTable, parseJurisdictionTable, placeKey, suggestJurisdiction } from '../../src/main/jurisdiction/index.ts';

type Json = Record<string, unknown> & { regions: Array<Record<string, unknown> & { provinces: Array<Record<string, unknown>> }> };
const raw = (): Json => JSON.parse(readFileSync(new URL('../../resources/jurisdictions.json', import.meta.url), 'utf8')) as Json;
const table = loadJurisdictionTable();
const REGION_CODES = Array.from({ length: 12 }, (_, i) => `MA-${String(i + 1).padStart(2, '0')}`);

describe('jurisdiction table', () => {
  test('12 regions, 75 prefectures and provinces, 23 courts of appeal', () => {
    assert.deepEqual(table.regions.map((r) => r.code), REGION_CODES);
    assert.equal(table.regions.reduce((n, r) => n + r.provinces.length, 0), 75);
    assert.equal(table.courts_of_appeal.length, 23);
  });

  test('every court of appeal and TPI has French and Arabic names and prosecutors', () => {
    for (const court of [...table.courts_of_appeal, ...table.courts_first_instance]) {
      assert.match(court.name_fr, /^(Cour d'appel|Tribunal de première instance)/, court.id);
      assert.match(court.name_ar, /^(محكمة الاستئناف|المحكمة الابتدائية)/, court.id);
      assert.match(court.prosecutor_fr, /^Procureur (général )?du Roi près/, court.id);
      assert.match(court.prosecutor_ar, /^(الوكيل العام للملك|وكيل الملك) لدى/, court.id);
    }
  });

  test('inferences carry their mark and confidence', () => {
    for (const region of table.regions) for (const p of region.provinces) assert.equal(p.inferred, true, p.id);
    assert.equal(table.courts_first_instance.every((t) => t.inferred && t.confidence === 'high'), true);
    assert.equal(table.rules.terrorism.inferred, false);
    const dakhla = table.courts_of_appeal.find((c) => c.id === 'CA-DAKHLA');
    assert.equal(dakhla?.pending_art6, true);
    assert.equal(dakhla?.confidence, 'uncertain');
    assert.equal(table.regions.find((r) => r.code === 'MA-12')?.provinces.every((p) => p.confidence === 'uncertain'), true);
    const pending = table.courts_first_instance.filter((t) => t.pending_art6).map((t) => t.city_fr).sort();
    assert.deepEqual(pending, ['Assa-Zag', 'Biougra', 'Boujdour', 'Bouznika', 'Chichaoua', 'Demnate', 'El Hajeb', 'Erfoud', "M'diq", 'Jerada', 'Rich', 'Tahannaout'].sort());
  });

  test('Guercif (Oriental) goes to the court of appeal of Taza', () => {
    const r = suggestJurisdiction({ regions: [], place: { province: 'Guercif' }, terrorism: false });
    assert.equal(r.court_of_appeal?.id, 'CA-TAZA');
    assert.equal(r.reason.params.region, 'MA-02');
  });

  describe('a broken table is refused', () => {
    const broken: ReadonlyArray<readonly [string, (t: Json) => void, RegExp]> = [
      ['terrorism not at Rabat', (t) => ((t.rules as { terrorism: { court_of_appeal: string } }).terrorism.court_of_appeal = 'CA-FES'), /Rabat/],
      ['MA-06 seat not Casablanca', (t) => ((t.regions[5] as unknown as { seat: { province: string } }).seat.province = 'el-jadida'), /MA-06/],
      ['a region missing', (t) => t.regions.pop(), /regions/],
      ['duplicate region', (t) => ((t.regions[1] as unknown as { code: string }).code = 'MA-01'), /Duplicate region MA-01|Missing region MA-02/],
      ['unknown TPI', (t) => ((t.regions[0]?.provinces[0] as { tpis: string[] }).tpis = ['TPI-NOWHERE']), /Unknown TPI TPI-NOWHERE/],
      ['unknown court of appeal', (t) => (((t.courts_first_instance as Array<{ court_of_appeal: string }>)[0] as { court_of_appeal: string }).court_of_appeal = 'CA-NOWHERE'), /Unknown court of appeal/],
      ['court without Arabic name', (t) => (((t.courts_of_appeal as Array<{ name_ar: string }>)[0] as { name_ar: string }).name_ar = 'Cour'), /Arabic/],
      ['unknown police service', (t) => ((t.regions[2]?.provinces[0] as { police_service: string }).police_service = 'PS-NOWHERE'), /Unknown police service/],
      ['unknown source', (t) => (((t.police_services as Array<{ sources: string[] }>)[0] as { sources: string[] }).sources = ['S99']), /Unknown source S99/],
      ['bad confidence', (t) => ((t.regions[0]?.provinces[0] as { confidence: string }).confidence = 'sure'), /confidence/],
      ['extra key', (t) => ((t.regions[0]?.provinces[0] as Record<string, unknown>).surprise = 1), /surprise|Unrecognized/],
    ];
    for (const [name, breakIt, message] of broken) {
      test(name, () => {
        const t = raw();
        breakIt(t);
        assert.throws(() => parseJurisdictionTable(t), message);
      });
    }
  });
});

describe('suggestJurisdiction', () => {
  test('terrorism: national competence of the Rabat court of appeal (law 03-03), whatever the regions or place', () => {
    for (const input of [
      { regions: ['MA-06', 'MA-06'], terrorism: true },
      { regions: ['MA-09'], place: { city: 'Agadir' }, terrorism: true },
      { regions: [null], terrorism: true },
    ]) {
      const r = suggestJurisdiction(input);
      assert.equal(r.court_of_appeal?.id, 'CA-RABAT');
      assert.equal(r.court?.id, 'CA-RABAT');
      assert.equal(r.prosecutor?.title_fr, "Procureur général du Roi près la cour d'appel de Rabat");
      assert.equal(r.prosecutor?.title_ar, 'الوكيل العام للملك لدى محكمة الاستئناف بالرباط');
      assert.equal(r.police_service?.id, 'BCIJ');
      assert.deepEqual(r.reason, { code: 'terrorism_national_competence', params: { law: '03-03', article: '7', court: 'CA-RABAT', court_fr: "Cour d'appel de Rabat", court_ar: 'محكمة الاستئناف بالرباط' } });
      assert.equal(r.inferred, false);
      assert.equal(r.alternatives[0]?.reason.code, 'territorial');
    }
  });

  test('MA-06 reports go to Casablanca services and courts', () => {
    const r = suggestJurisdiction({ regions: ['MA-06'], terrorism: false });
    assert.equal(r.court?.id, 'TPI-CASABLANCA');
    assert.equal(r.court?.name_ar, 'المحكمة الابتدائية الزجرية بالدار البيضاء');
    assert.equal(r.court_of_appeal?.id, 'CA-CASABLANCA');
    assert.equal(r.prosecutor?.title_fr, 'Procureur du Roi près le tribunal de première instance pénal de Casablanca');
    assert.equal(r.police_service?.id, 'PS-CASABLANCA');
  });

  test('majority region, with the counts to render "37 of 40"', () => {
    const regions = [...Array<string>(37).fill('MA-06'), 'MA-04', 'MA-04', null];
    const r = suggestJurisdiction({ regions, terrorism: false });
    assert.equal(r.reason.code, 'majority_region');
    assert.equal(r.reason.params.region, 'MA-06');
    assert.equal(r.reason.params.region_fr, 'Casablanca-Settat');
    assert.equal(r.reason.params.count, 37);
    assert.equal(r.reason.params.total, 40);
    assert.equal(r.reason.params.abroad_or_unknown, 1);
    assert.equal(r.alternatives.length, 1);
    assert.equal(r.alternatives[0]?.reason.code, 'other_region');
    assert.equal(r.alternatives[0]?.reason.params.region, 'MA-04');
    assert.equal(r.alternatives[0]?.court?.id, 'TPI-RABAT');
  });

  test('ties: the lowest region code wins, whatever the order of the reports', () => {
    const a = suggestJurisdiction({ regions: ['MA-07', 'MA-03', 'MA-07', 'MA-03', 'MA-01'], terrorism: false });
    const b = suggestJurisdiction({ regions: ['MA-03', 'MA-01', 'MA-07', 'MA-03', 'MA-07'], terrorism: false });
    for (const r of [a, b]) {
      assert.equal(r.reason.code, 'tied_regions');
      assert.deepEqual(r.reason.params.regions, ['MA-03', 'MA-07']);
      assert.equal(r.reason.params.region, 'MA-03');
      assert.equal(r.court_of_appeal?.id, 'CA-FES');
      assert.deepEqual(r.alternatives.map((x) => x.reason.params.region), ['MA-07', 'MA-01']);
    }
    assert.deepEqual(a, b);
  });

  test('a place given by the analyst overrides the regions (French, Arabic, any case or accent)', () => {
    const rows: ReadonlyArray<readonly [{ province?: string; city?: string }, string, string]> = [
      [{ city: 'Fès' }, 'TPI-FES', 'CA-FES'],
      [{ city: 'FES' }, 'TPI-FES', 'CA-FES'],
      [{ city: 'fez' }, 'TPI-FES', 'CA-FES'],
      [{ city: 'فاس' }, 'TPI-FES', 'CA-FES'],
      [{ city: 'El Jadida' }, 'TPI-ELJADIDA', 'CA-ELJADIDA'],
      [{ city: 'الجديدة' }, 'TPI-ELJADIDA', 'CA-ELJADIDA'],
      [{ city: 'Ksar el kebir' }, 'TPI-KSARELKEBIR', 'CA-TANGER'],
      [{ city: 'القصر الكبير' }, 'TPI-KSARELKEBIR', 'CA-TANGER'],
      [{ province: 'Préfecture de Salé' }, 'TPI-SALE', 'CA-RABAT'],
      [{ province: 'عمالة سلا' }, 'TPI-SALE', 'CA-RABAT'],
      [{ province: 'Province de Nouaceur' }, 'TPI-CASABLANCA', 'CA-CASABLANCA'],
      [{ province: 'Al Haouz' }, 'TPI-TAHANNAOUT', 'CA-MARRAKECH'],
      [{ province: 'إقليم الحوز' }, 'TPI-TAHANNAOUT', 'CA-MARRAKECH'],
      [{ city: "M’diq" }, 'TPI-MDIQ', 'CA-TETOUAN'],
      [{ city: 'Mdiq' }, 'TPI-MDIQ', 'CA-TETOUAN'],
      [{ city: 'laayoune' }, 'TPI-LAAYOUNE', 'CA-LAAYOUNE'],
      [{ city: 'Casa' }, 'TPI-CASABLANCA', 'CA-CASABLANCA'],
      [{ city: 'الدار البيضاء' }, 'TPI-CASABLANCA', 'CA-CASABLANCA'],
      [{ city: 'Nowhere', province: 'Settat' }, 'TPI-SETTAT', 'CA-SETTAT'],
    ];
    for (const [place, tpi, ca] of rows) {
      const r = suggestJurisdiction({ regions: ['MA-06', 'MA-06', 'MA-06'], place, terrorism: false });
      assert.equal(r.reason.code, 'analyst_place', JSON.stringify(place));
      assert.equal(r.court?.id, tpi, JSON.stringify(place));
      assert.equal(r.court_of_appeal?.id, ca, JSON.stringify(place));
    }
    const fes = suggestJurisdiction({ regions: ['MA-06'], place: { city: 'Fès' }, terrorism: false });
    assert.equal(fes.reason.params.place, 'Fès');
    assert.equal(fes.reason.params.province_fr, 'Fès');
    assert.equal(fes.reason.params.province_ar, 'فاس');
  });

  test('a place that matches nothing is ignored, and said so', () => {
    const r = suggestJurisdiction({ regions: ['MA-09'], place: { city: 'Atlantis' }, terrorism: false });
    assert.equal(r.reason.code, 'majority_region');
    assert.equal(r.reason.params.unresolved_place, 'Atlantis');
    assert.equal(r.court?.id, 'TPI-AGADIR');
  });

  test('abroad or unknown only: the national brigade, no court', () => {
    for (const regions of [[], [null], [null, 'FR', 'ES', 'ma-99']]) {
      const r = suggestJurisdiction({ regions, terrorism: false });
      assert.equal(r.reason.code, 'no_region');
      assert.equal(r.reason.params.total, regions.length);
      assert.equal(r.reason.params.abroad_or_unknown, regions.length);
      assert.equal(r.police_service?.id, 'BNPJ');
      assert.equal(r.court, null);
      assert.equal(r.prosecutor, null);
      assert.equal(r.court_of_appeal, null);
      assert.equal(r.inferred, true);
    }
    // Reports from abroad do not outweigh one Moroccan report.
    const mixed = suggestJurisdiction({ regions: [null, null, null, 'MA-02'], terrorism: false });
    assert.equal(mixed.reason.code, 'majority_region');
    assert.equal(mixed.reason.params.region, 'MA-02');
    assert.equal(mixed.reason.params.abroad_or_unknown, 3);
  });

  test('the inferred flag propagates', () => {
    // Provinces → TPIs are inferences: any territorial suggestion is inferred.
    assert.equal(suggestJurisdiction({ regions: ['MA-04'], terrorism: false }).inferred, true);
    assert.equal(suggestJurisdiction({ regions: ['MA-04'], terrorism: false }).court?.inferred, true);
    // Dakhla: the court of appeal of Laâyoune acts for the pending one, which is an alternative.
    const dakhla = suggestJurisdiction({ regions: ['MA-12'], terrorism: false });
    assert.equal(dakhla.court?.id, 'TPI-DAKHLA');
    assert.equal(dakhla.court?.confidence, 'uncertain');
    assert.equal(dakhla.court_of_appeal?.id, 'CA-LAAYOUNE');
    assert.equal(dakhla.court_of_appeal?.inferred, true);
    assert.equal(dakhla.alternatives[0]?.reason.code, 'pending_court');
    assert.equal(dakhla.alternatives[0]?.court_of_appeal?.id, 'CA-DAKHLA');
    assert.equal(dakhla.alternatives[0]?.court_of_appeal?.pending, true);
    // A table where nothing is inferred gives a non-inferred suggestion.
    const t = raw();
    const clean = (o: Record<string, unknown>): void => {
      for (const [k, v] of Object.entries(o)) {
        if (k === 'inferred' || k === 'police_inferred') o[k] = false;
        else if (Array.isArray(v)) v.forEach((x) => typeof x === 'object' && x !== null && clean(x as Record<string, unknown>));
        else if (typeof v === 'object' && v !== null) clean(v as Record<string, unknown>);
      }
    };
    clean(t);
    const sure = suggestJurisdiction({ regions: ['MA-04'], terrorism: false, table: parseJurisdictionTable(t) });
    assert.equal(sure.inferred, false);
    // …and marking one police service inferred is enough to mark the suggestion.
    const t2 = raw();
    clean(t2);
    ((t2.police_services as Array<{ id: string; inferred: boolean }>).find((p) => p.id === 'PS-RABAT') as { inferred: boolean }).inferred = true;
    const one = suggestJurisdiction({ regions: ['MA-04'], terrorism: false, table: parseJurisdictionTable(t2) });
    assert.equal(one.inferred, true);
    assert.equal(one.police_service?.inferred, true);
    assert.equal(one.court?.inferred, false);
  });

  test('every region and every province resolves to a police service, prosecutor, TPI and court of appeal', () => {
    for (const code of REGION_CODES) {
      const r = suggestJurisdiction({ regions: [code], terrorism: false });
      assert.equal(r.reason.params.region, code);
      assert.ok(r.police_service && r.prosecutor && r.court && r.court_of_appeal, code);
      assert.match(r.court_of_appeal.name_ar, /محكمة الاستئناف/);
    }
    for (const region of table.regions) {
      for (const province of region.provinces) {
        for (const name of [province.name_fr, province.name_ar]) {
          const r = suggestJurisdiction({ regions: [], place: { province: name }, terrorism: false });
          assert.equal(r.reason.code, 'analyst_place', name);
          assert.equal(r.reason.params.province, province.id, name);
          assert.equal(r.court?.id, province.tpis[0], name);
        }
      }
    }
  });

  test('every TPI city resolves to a province holding that TPI', () => {
    for (const tpi of table.courts_first_instance) {
      for (const name of [tpi.city_fr, tpi.city_ar, ...tpi.aliases]) {
        const r = suggestJurisdiction({ regions: [], place: { city: name }, terrorism: false });
        const province = table.regions.flatMap((g) => g.provinces).find((p) => p.id === r.reason.params.province);
        assert.ok(province?.tpis.includes(tpi.id), `${name} → ${String(r.reason.params.province)}`);
      }
    }
  });

  test('placeKey folds case, accents, hamza forms, articles and filler words', () => {
    assert.equal(placeKey('Fès'), placeKey('FES'));
    assert.equal(placeKey('Béni Mellal'), placeKey('beni-mellal'));
    assert.equal(placeKey('El Kelâa des Sraghna'), placeKey('Kelaa des Sraghna'));
    assert.equal(placeKey('إقليم أزيلال'), placeKey('ازيلال'));
    assert.equal(placeKey('Province de Taza'), placeKey('taza'));
  });

  test('odd input never throws', () => {
    assert.doesNotThrow(() => suggestJurisdiction({ regions: null as unknown as string[], terrorism: false }));
    assert.doesNotThrow(() => suggestJurisdiction({ regions: [42 as unknown as string, undefined as unknown as null], place: { city: '' }, terrorism: false }));
  });
});
