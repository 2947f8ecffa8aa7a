/**
 * A case's observables in pages (`observables.page`), and a case's view read
 * in one pass over its reports, checked against plain recounts of the store,
 * on reports synced from the real reference intake service.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import type { Core } from '../../src/main/core.ts';
import { OBSERVABLE_TYPES, type ObservableRow, type ObservableType } from '../../src/shared/cases.ts';
import { ANALYST, SUPERVISOR, failure, value, createProfile } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

async function synced(t: TestContext, count = 400): Promise<Fixture> {
  const f = await fixture(t, { count, attachments: 0 }, { pageLimit: 500 });
  await f.sync();
  return f;
}

/** Locks and unlocks as another profile. */
async function switchTo(core: Core, who: { name: string; passphrase: string }): Promise<void> {
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: who.name, passphrase: who.passphrase });
}

interface Expected {
  id: number;
  type: ObservableType;
  value: string;
  reportCount: number;
}

function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A plain recount: the observables in a case's reports' lists and those added by hand, in both orders. */
function expectedOf(core: Core, ref: string): { widespread: Expected[]; rare: Expected[] } {
  const db = core.unlockedStore().db;
  const caseId = db.prepare('SELECT id FROM cases WHERE ref = ?').pluck().get(ref) as number;
  const ids = new Set<number>();
  for (const list of db.prepare('SELECT r.observable_ids FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL').pluck().all(caseId) as (string | null)[]) {
    for (const id of JSON.parse(list ?? '[]') as number[]) ids.add(id);
  }
  for (const id of db.prepare('SELECT observable_id FROM case_observables WHERE case_id = ?').pluck().all(caseId) as number[]) ids.add(id);
  const rows = [...ids].map((id) => {
    const row = db.prepare('SELECT id, type, value, report_count FROM observables WHERE id = ?').get(id) as { id: number; type: ObservableType; value: string; report_count: number };
    return { id: row.id, type: row.type, value: row.value, reportCount: row.report_count };
  });
  const tie = (a: Expected, b: Expected) => binary(a.type, b.type) || binary(a.value, b.value);
  return {
    widespread: [...rows].sort((a, b) => b.reportCount - a.reportCount || tie(a, b)),
    rare: [...rows].sort((a, b) => a.reportCount - b.reportCount || tie(a, b)),
  };
}

/** For each observable, the cases holding it (through a live report or by hand), by reference. */
function holdersOf(core: Core): Map<number, Set<string>> {
  const db = core.unlockedStore().db;
  const out = new Map<number, Set<string>>();
  const add = (id: number, ref: string) => {
    let refs = out.get(id);
    if (!refs) out.set(id, (refs = new Set()));
    refs.add(ref);
  };
  const links = db
    .prepare('SELECT c.ref, r.observable_ids FROM case_reports cr JOIN cases c ON c.id = cr.case_id JOIN reports r ON r.id = cr.report_id WHERE cr.removed_at IS NULL')
    .raw()
    .all() as [string, string | null][];
  for (const [ref, list] of links) for (const id of JSON.parse(list ?? '[]') as number[]) add(id, ref);
  for (const [ref, id] of db.prepare('SELECT c.ref, co.observable_id FROM case_observables co JOIN cases c ON c.id = co.case_id').raw().all() as [string, number][]) add(id, ref);
  return out;
}

/** Every page of a case's observables, `limit` at a time. */
async function allPages(core: Core, input: { caseRef: string; order?: 'widespread' | 'rare'; type?: ObservableType }, limit: number): Promise<ObservableRow[]> {
  const rows: ObservableRow[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await value(core, 'observables.page', { ...input, offset, limit });
    assert.ok(page.rows.length <= limit);
    rows.push(...page.rows);
    if (offset + limit >= page.total) {
      assert.equal(rows.length, page.total, 'the pages hold the total, no more, no less');
      return rows;
    }
  }
}

test('observables.page: both orders, pages, a type, counts per type, hand-added ones, seen-in-cases for the page, need to know', async (t) => {
  const f = await synced(t);
  const db = f.core.unlockedStore().db;
  const ids = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 60').pluck().all() as string[];
  const a = await value(f.core, 'cases.create', { title: 'Campagne de faux paiements', reportIds: ids.slice(0, 40) });
  const b = await value(f.core, 'cases.create', { title: 'Recoupement', reportIds: ids.slice(30, 50) });
  // A restricted case (no members): the supervisor sees it, an analyst does not.
  const hidden = await value(f.core, 'cases.create', { title: 'Affaire restreinte', reportIds: ids.slice(35, 45) });
  await value(f.core, 'cases.setAccess', { ref: hidden.ref, restricted: true, memberIds: [] });
  // By hand: one only in this case, one in this case and the other two.
  const phone = await value(f.core, 'observables.add', { caseRef: a.ref, type: 'phone', value: '06 12 34 56 78' });
  const shared = await value(f.core, 'observables.add', { caseRef: a.ref, type: 'domain', value: 'paiement-securise.example' });
  await value(f.core, 'observables.add', { caseRef: b.ref, type: 'domain', value: 'paiement-securise.example' });
  await value(f.core, 'observables.add', { caseRef: hidden.ref, type: 'domain', value: 'paiement-securise.example' });

  const expected = expectedOf(f.core, a.ref);
  const total = expected.widespread.length;
  assert.ok(total > 30, `enough observables to page through (${total})`);
  const holders = holdersOf(f.core);

  // Defaults: the 200 most widespread first, with the count of each type over the whole case.
  const first = await value(f.core, 'observables.page', { caseRef: a.ref });
  assert.equal(first.total, total);
  assert.deepEqual(first.rows.map((r) => r.id), expected.widespread.slice(0, 200).map((r) => r.id));
  const byType: Partial<Record<ObservableType, number>> = {};
  for (const row of expected.widespread) byType[row.type] = (byType[row.type] ?? 0) + 1;
  assert.deepEqual(first.byType, byType);
  assert.ok(first.rows[0]!.seenInReports >= first.rows.at(-1)!.seenInReports);

  for (const order of ['widespread', 'rare'] as const) {
    const rows = await allPages(f.core, { caseRef: a.ref, order }, 7);
    assert.deepEqual(
      rows.map((r) => r.id),
      expected[order].map((r) => r.id),
      `${order}: the pages follow one another in order`,
    );
    for (const row of rows) {
      const want = expected[order].find((e) => e.id === row.id)!;
      assert.deepEqual([row.type, row.value, row.seenInReports], [want.type, want.value, want.reportCount]);
      assert.equal(row.seenInCases, holders.get(row.id)!.size, `${order}: ${row.type} ${row.value} is in ${[...holders.get(row.id)!].join(', ')}`);
      assert.equal(row.manual, row.id === phone.id || row.id === shared.id);
    }
  }
  // Both ways of counting cases are used: the first page from the cases' side (its observables are in more
  // reports than the other cases hold), the rarest from the observables' own links.
  const otherCaseReports = 20 + 10;
  const widespreadPage = expected.widespread.slice(0, 7).reduce((sum, r) => sum + r.reportCount, 0);
  const rarePage = expected.rare.slice(0, 7).reduce((sum, r) => sum + r.reportCount, 0);
  assert.ok(widespreadPage > otherCaseReports && rarePage <= otherCaseReports, `${widespreadPage} / ${rarePage} / ${otherCaseReports}`);
  const rareFirst = await value(f.core, 'observables.page', { caseRef: a.ref, order: 'rare', limit: 3 });
  assert.equal(rareFirst.rows[0]?.seenInReports, 0, 'hand-added ones, in no report, are the rarest');
  assert.equal(rareFirst.rows.find((r) => r.id === shared.id)?.seenInCases, 3, 'counted in the three cases that hold it');

  // One type: its own total and order; the counts per type stay those of the whole case.
  const type = OBSERVABLE_TYPES.filter((candidate) => (byType[candidate] ?? 0) > 1).sort((x, y) => (byType[y] ?? 0) - (byType[x] ?? 0))[0]!;
  const ofType = await allPages(f.core, { caseRef: a.ref, order: 'rare', type }, 5);
  assert.deepEqual(ofType.map((r) => r.id), expected.rare.filter((r) => r.type === type).map((r) => r.id));
  const typed = await value(f.core, 'observables.page', { caseRef: a.ref, type, limit: 1 });
  assert.equal(typed.total, byType[type]);
  assert.deepEqual(typed.byType, byType);
  const none = OBSERVABLE_TYPES.find((candidate) => byType[candidate] === undefined);
  if (none) assert.deepEqual(await value(f.core, 'observables.page', { caseRef: a.ref, type: none }), { total: 0, byType, rows: [] });

  // Past the end: no rows, the same total. Limits: at most 500 a page, an offset of 0 or more.
  assert.deepEqual((await value(f.core, 'observables.page', { caseRef: a.ref, offset: total + 10 })).rows, []);
  assert.equal((await failure(f.core, 'observables.page', { caseRef: a.ref, limit: 501 })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'observables.page', { caseRef: a.ref, offset: -1 })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'observables.page', { caseRef: a.ref, order: 'random' })).code, 'INVALID_INPUT');

  // observables.list gives what the first pages give, rows and counts alike.
  const list = await value(f.core, 'observables.list', { caseRef: a.ref });
  assert.deepEqual(list, (await value(f.core, 'observables.page', { caseRef: a.ref, limit: 500 })).rows.slice(0, list.length));

  // An analyst: the restricted case is absent, and not counted where the shared observables are seen.
  await createProfile(f.core, { ...ANALYST });
  await switchTo(f.core, ANALYST);
  const refused = await failure(f.core, 'observables.page', { caseRef: hidden.ref });
  const missing = await failure(f.core, 'observables.page', { caseRef: 'DOS-2026-WSRABAT03-09999' });
  assert.equal(refused.code, 'NOT_FOUND');
  assert.equal(refused.message.replace(hidden.ref, 'REF'), missing.message.replace('DOS-2026-WSRABAT03-09999', 'REF'), 'the refusal does not reveal the case exists');
  for (const order of ['widespread', 'rare'] as const) {
    for (const row of await allPages(f.core, { caseRef: a.ref, order }, 50)) {
      const visible = [...holders.get(row.id)!].filter((ref) => ref !== hidden.ref);
      assert.equal(row.seenInCases, visible.length, `${order}, as an analyst: ${row.type} ${row.value}`);
    }
  }
  await switchTo(f.core, SUPERVISOR);
  assert.equal((await value(f.core, 'observables.page', { caseRef: hidden.ref, limit: 1 })).total > 0, true, 'a supervisor sees it');
});

test('cases.get reads its reports once: the same report order and figures as the queries it replaces', async (t) => {
  const f = await synced(t);
  const db = f.core.unlockedStore().db;
  const ids = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 150').pluck().all() as string[];
  const { ref } = await value(f.core, 'cases.create', { title: 'Ordre des signalements', reportIds: ids });
  // Variety the feed may lack: open and closed reports in imminent danger, equal submission times (then the id decides).
  const update = db.prepare('UPDATE reports SET status = ?, imminent_danger = ?, submitted_at = coalesce(?, submitted_at) WHERE id = ?');
  db.transaction(() => {
    ids.forEach((id, k) => {
      if (k % 7 === 0) update.run('in_analysis', 1, null, id);
      else if (k % 11 === 0) update.run('closed', 1, null, id);
      else if (k % 5 === 0) update.run('referred', 0, null, id);
      if (k % 13 === 0) update.run(k % 2 === 0 ? 'received' : 'in_analysis', k % 3 === 0 ? 1 : 0, '2026-02-01T08:00:00Z', id);
    });
  })();
  await value(f.core, 'cases.removeReport', { ref, reportId: ids[3], reason: 'hors sujet, doublon' });
  const caseId = db.prepare('SELECT id FROM cases WHERE ref = ?').pluck().get(ref) as number;

  const view = await value(f.core, 'cases.get', { ref });
  const order = db
    .prepare(
      `SELECT r.id FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL
        ORDER BY (r.status IN ('received', 'in_analysis') AND r.imminent_danger = 1) DESC, r.submitted_at, r.id`,
    )
    .pluck()
    .all(caseId) as string[];
  assert.equal(order.length, ids.length - 1);
  assert.deepEqual(view.reportIds, order);
  assert.ok(db.prepare("SELECT count(*) FROM reports WHERE submitted_at = '2026-02-01T08:00:00Z'").pluck().get() as number > 1, 'ties on submission time');

  const regions = db
    .prepare('SELECT r.region, count(*) AS n FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL AND r.region IS NOT NULL GROUP BY r.region ORDER BY n DESC, r.region LIMIT 1')
    .get(caseId) as { region: string } | undefined;
  const imminent = db
    .prepare("SELECT count(*) FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL AND r.status IN ('received', 'in_analysis') AND r.imminent_danger = 1")
    .pluck()
    .get(caseId) as number;
  assert.equal(view.reports, order.length);
  assert.equal(view.region, regions?.region ?? null);
  assert.equal(view.imminentDanger, imminent > 0);
  // The list computes the same figures for every case in its own pass.
  const listed = (await value(f.core, 'cases.list', {})).rows.find((row) => row.ref === ref)!;
  assert.deepEqual(
    { reports: listed.reports, region: listed.region, overdue: listed.overdue, imminentDanger: listed.imminentDanger },
    { reports: view.reports, region: view.region, overdue: view.overdue, imminentDanger: view.imminentDanger },
  );
  assert.deepEqual(view.removedReports.map((r) => r.reportId), [ids[3]]);
});

test('the lists read by cases.get serve the observables that follow only while nothing changed: a sync, a write here', async (t) => {
  const f = await synced(t, 200);
  const db = f.core.unlockedStore().db;
  const ids = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 30').pluck().all() as string[];
  const { ref } = await value(f.core, 'cases.create', { title: 'Listes relues', reportIds: ids });
  const matches = async (where: string) => {
    const page = await value(f.core, 'observables.page', { caseRef: ref, limit: 500 });
    assert.deepEqual(page.rows.map((r) => r.id), expectedOf(f.core, ref).widespread.map((r) => r.id), where);
    return page.total;
  };
  await value(f.core, 'cases.get', { ref });
  const before = await matches('right after the view');
  // The sync (another connection) stores revisions of the case's reports, with more URLs.
  await value(f.core, 'cases.get', { ref });
  ids.slice(0, 3).forEach((id, k) => {
    const previous = JSON.parse(f.server.store.change(f.server.store.report(id)!.seq)!.payload) as ReportPayload;
    const revision = {
      ...previous,
      revision: previous.revision + 1,
      updated_at: utcSeconds(Date.parse(previous.updated_at) + 60_000),
      content: { ...previous.content, urls: [...previous.content.urls, `https://revision-${k}.example/paiement`] },
    };
    f.server.appendRaw('report', JSON.stringify(revision));
  });
  await f.sync();
  const revised = await matches('after the sync');
  assert.ok(revised > before, `the revisions brought observables (${before} → ${revised})`);
  // A write on this connection that no handler announced.
  await value(f.core, 'cases.get', { ref });
  db.prepare("UPDATE reports SET observable_ids = '[]' WHERE id = ?").run(ids[0]);
  await matches('after a write here');
  // Another case in between: each case its own lists.
  const other = await value(f.core, 'cases.create', { title: 'Autre dossier', reportIds: ids.slice(20) });
  await value(f.core, 'cases.get', { ref: other.ref });
  await matches('after another case was read');
  // The report table (the queue on the case) reads the case's rowids the same way.
  const live = (caseRef: string) => db.prepare('SELECT count(*) FROM case_reports cr JOIN cases c ON c.id = cr.case_id WHERE c.ref = ? AND cr.removed_at IS NULL').pluck().get(caseRef) as number;
  const table = async (caseRef: string) => (await value(f.core, 'queue.query', { filters: { caseRef }, limit: 0 })).total;
  assert.equal(await table(ref), live(ref));
  await value(f.core, 'cases.removeReport', { ref, reportId: ids[1], reason: 'pas le même réseau' });
  assert.equal(await table(ref), live(ref));
  assert.equal(live(ref), ids.length - 1);
  await value(f.core, 'cases.get', { ref: other.ref });
  assert.equal(await table(ref), live(ref), 'another case read last');
  assert.equal(await table(other.ref), live(other.ref));
});
