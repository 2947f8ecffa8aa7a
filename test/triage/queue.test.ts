/**
 * The triage queue end to end in the core: reports synced from the real
 * reference intake service into a real encrypted store, then queried through
 * the contract. Every total and live count is checked against a plain
 * recomputation over all rows read back from the store.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import type { QueueFilters, QueuePage } from '../../src/shared/triage.ts';
import { FACET_DIMENSIONS } from '../../src/shared/triage.ts';
import { DEFAULT_DEADLINES } from '../../src/main/triage/priority.ts';
import { canonicaliseUrl } from '../../src/main/urls/canonical-url.ts';
import { failure, value } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

interface Row {
  rowid: number;
  id: string;
  category: string;
  platform: string;
  status: string;
  status_workstation: string | null;
  region: string | null;
  country: string;
  reporter_mode: string;
  imminent_danger: number;
  has_attachments: number;
  submitted_at: string;
  cluster_id: number;
  quarantined: number;
  hash_match: number;
}

/** The core reads the clock; the data is months old, so a minute either way changes nothing. */
const NOW = Date.now();

function allRows(core: Core): Row[] {
  return core.unlockedStore().db.prepare(`
    SELECT rowid, id, category, platform, status, status_workstation, region, country, reporter_mode, imminent_danger,
           attachment_ids <> '[]' AS has_attachments, submitted_at, cluster_id,
           EXISTS (SELECT 1 FROM attachments a WHERE a.report_id = reports.id AND a.state = 'quarantined') AS quarantined,
           EXISTS (SELECT 1 FROM hash_list_matches m WHERE m.report_id = reports.id) AS hash_match
      FROM reports`).all() as Row[];
}

/** The reference: each filter written plainly, one row at a time. */
function values(row: Row): Record<string, string> {
  const claimedOther = row.status === 'in_analysis' && row.status_workstation !== null && row.status_workstation !== 'ws-rabat-03';
  const open = row.status === 'received' || row.status === 'in_analysis';
  const minutes = Math.min(DEFAULT_DEADLINES.categoryMinutes[row.category] ?? DEFAULT_DEADLINES.otherMinutes, row.imminent_danger ? DEFAULT_DEADLINES.imminentDangerMinutes : Infinity);
  return {
    category: row.category,
    platform: row.platform,
    status: claimedOther ? 'claimed_other' : row.status,
    region: row.region ?? 'none',
    country: row.country,
    location: row.country === 'MA' ? 'morocco' : 'abroad',
    reporterMode: row.reporter_mode,
    // Something to handle first only while open: a finished report counts as no imminent danger.
    imminentDanger: String(open && row.imminent_danger === 1),
    hasAttachments: String(row.has_attachments === 1),
    quarantined: String(row.quarantined === 1),
    hashMatch: String(row.hash_match === 1),
    overdue: String(open && Date.parse(row.submitted_at) + minutes * 60_000 < NOW),
  };
}

const OPEN = ['received', 'in_analysis', 'claimed_other'];

function filterValues(filters: QueueFilters): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const dim of ['category', 'platform', 'status', 'region', 'country', 'location', 'reporterMode'] as const) if (filters[dim]) out[dim] = filters[dim] as string[];
  // Open work only belongs to the status dimension (its live counts leave it out).
  if (filters.openOnly) out['status'] = (out['status'] ?? OPEN).filter((status) => OPEN.includes(status));
  for (const dim of ['imminentDanger', 'hasAttachments', 'quarantined', 'hashMatch', 'overdue'] as const) if (filters[dim] !== undefined) out[dim] = [String(filters[dim])];
  return out;
}

function expected(rows: Row[], filters: QueueFilters): { total: number; facets: Record<string, Map<string, number>> } {
  const wanted = filterValues(filters);
  const matches = (row: Row, except?: string) => Object.entries(wanted).every(([dim, allowed]) => dim === except || allowed.includes(values(row)[dim]!));
  const facets: Record<string, Map<string, number>> = {};
  for (const dim of FACET_DIMENSIONS) {
    const counts = new Map<string, number>();
    for (const row of rows) if (matches(row, dim)) counts.set(values(row)[dim]!, (counts.get(values(row)[dim]!) ?? 0) + 1);
    facets[dim] = counts;
  }
  return { total: rows.filter((row) => matches(row)).length, facets };
}

function assertMatches(page: QueuePage, rows: Row[], filters: QueueFilters): void {
  const want = expected(rows, filters);
  assert.equal(page.total, want.total, `total for ${JSON.stringify(filters)}`);
  assert.ok(page.facets);
  for (const dim of FACET_DIMENSIONS) {
    const got: Map<string, number> = new Map(page.facets[dim]!.filter((f) => f.count > 0).map((f) => [f.value, f.count]));
    assert.deepEqual(got, want.facets[dim], `live counts of ${dim} for ${JSON.stringify(filters)}`);
  }
}

async function synced(t: TestContext): Promise<Fixture> {
  const f = await fixture(t, { count: 1500, attachments: 30 }, { pageLimit: 500 });
  await f.sync();
  return f;
}

test('the queue: totals and the live count of every filter equal a plain recount, whatever filters are combined', async (t) => {
  const f = await synced(t);
  const rows = allRows(f.core);
  assert.ok(rows.length >= 1500);
  const some = rows[7]!;
  const combos: QueueFilters[] = [
    {},
    { category: [some.category] },
    { category: [some.category, 'fraud'], platform: [some.platform] },
    { status: ['received'], imminentDanger: true },
    { location: ['abroad'] },
    { region: ['MA-06', 'none'], reporterMode: ['identified'] },
    { hasAttachments: true, quarantined: false },
    { hashMatch: false, imminentDanger: true },
    { overdue: true, category: ['child_sexual_exploitation', 'terrorism_incitement'] },
    { country: [some.country], imminentDanger: false, status: ['received', 'referred', 'claimed_other'] },
    { category: ['no_such_category'] },
    { openOnly: true },
    { openOnly: true, imminentDanger: true, category: [some.category] },
    { openOnly: true, status: ['received', 'referred'] },
  ];
  for (const filters of combos) {
    const page = await value(f.core, 'queue.query', { filters, limit: 50 });
    assertMatches(page, rows, filters);
  }
  // Date range: only reports submitted inside it.
  const from = '2026-04-10T00:00:00Z';
  const to = '2026-04-20T00:00:00Z';
  const ranged = await value(f.core, 'queue.query', { filters: { submittedFrom: from, submittedTo: to }, limit: 500 });
  assert.equal(ranged.total, rows.filter((r) => r.submitted_at >= from && r.submitted_at <= to).length);
  for (const row of ranged.rows) assert.ok(row.submittedAt >= from && row.submittedAt <= to);
});

test('the queue: sorted by priority by default, every column sorts, and pages join up without gaps or repeats', async (t) => {
  const f = await synced(t);
  const first = await value(f.core, 'queue.query', { limit: 500 });
  for (let k = 1; k < first.rows.length; k++) assert.ok(first.rows[k - 1]!.priority >= first.rows[k]!.priority, 'priority descending');
  // Priority applies to open work: every finished report (no points) after every open one.
  const everything: QueuePage['rows'] = [];
  for (let offset = 0; offset < first.total; offset += 500) everything.push(...(await value(f.core, 'queue.query', { offset, limit: 500, facets: false })).rows);
  const open = (row: QueuePage['rows'][number]) => OPEN.includes(row.status);
  const firstFinished = everything.findIndex((row) => !open(row));
  assert.ok(firstFinished > 0 && everything.slice(firstFinished).every((row) => !open(row) && row.priority === 0 && !row.overdue), 'finished reports last, no priority, never overdue');
  assert.ok(everything.slice(0, firstFinished).every((row) => row.priority > 0));
  const openOnly = await value(f.core, 'queue.query', { filters: { openOnly: true }, limit: 500, facets: false });
  assert.equal(openOnly.total, firstFinished);
  assert.deepEqual(openOnly.rows.map((row) => row.id), everything.slice(0, 500).map((row) => row.id));
  const seen = new Set<string>();
  for (let offset = 0; offset < first.total; offset += 500) {
    const page = await value(f.core, 'queue.query', { offset, limit: 500, facets: false });
    for (const row of page.rows) seen.add(row.id);
  }
  assert.equal(seen.size, first.total);
  // The Account column: the reporter's field, else the account the first reported URL names, marked as such.
  const db = f.core.unlockedStore().db;
  const fields = new Map(
    (db.prepare("SELECT id, account_handle, first_url FROM reports").all() as { id: string; account_handle: string | null; first_url: string | null }[]).map((r) => [r.id, r]),
  );
  const fromUrl = everything.filter((row) => row.accountFromUrl);
  assert.ok(fromUrl.length > 0, 'some reports name their account only in a URL');
  for (const row of everything) {
    const stored = fields.get(row.id)!;
    if (stored.account_handle !== null) {
      assert.equal(row.accountHandle, stored.account_handle);
      assert.equal(row.accountFromUrl, false);
    } else if (row.accountFromUrl) {
      assert.ok(row.accountHandle && stored.first_url, row.id);
      assert.equal(row.accountHandle, canonicaliseUrl(stored.first_url)?.account, row.id);
    } else {
      assert.equal(row.accountHandle, null, row.id);
      assert.ok(stored.first_url === null || !canonicaliseUrl(stored.first_url)?.account, `${row.id}: its URL names no account`);
    }
  }
  const bySubmission = await value(f.core, 'queue.query', { sort: { key: 'submittedAt', dir: 'asc' }, limit: 500 });
  for (let k = 1; k < bySubmission.rows.length; k++) assert.ok(bySubmission.rows[k - 1]!.submittedAt <= bySubmission.rows[k]!.submittedAt);
  const byCategory = await value(f.core, 'queue.query', { sort: { key: 'category', dir: 'desc' }, limit: 500 });
  for (let k = 1; k < byCategory.rows.length; k++) assert.ok(byCategory.rows[k - 1]!.category >= byCategory.rows[k]!.category);
  const byId = await value(f.core, 'queue.query', { sort: { key: 'id', dir: 'asc' }, limit: 500 });
  for (let k = 1; k < byId.rows.length; k++) assert.ok(byId.rows[k - 1]!.id < byId.rows[k]!.id);
  const byCluster = await value(f.core, 'queue.query', { sort: { key: 'clusterSize', dir: 'desc' }, limit: 100 });
  for (let k = 1; k < byCluster.rows.length; k++) assert.ok(byCluster.rows[k - 1]!.clusterSize >= byCluster.rows[k]!.clusterSize);
  // The last page is reachable directly.
  const last = await value(f.core, 'queue.query', { offset: first.total - 3, limit: 10, facets: false });
  assert.equal(last.rows.length, 3);
});

test('same content, many reports: clusters group them, one row per cluster says how many', async (t) => {
  const f = await synced(t);
  const rows = allRows(f.core);
  const sizes = new Map<number, number>();
  for (const row of rows) sizes.set(row.cluster_id, (sizes.get(row.cluster_id) ?? 0) + 1);
  const grouped = await value(f.core, 'queue.query', { grouping: 'clusters', limit: 500, sort: { key: 'clusterSize', dir: 'desc' } });
  assert.equal(grouped.total, sizes.size);
  const biggest = grouped.rows[0]!;
  assert.equal(biggest.clusterSize, Math.max(...sizes.values()));
  assert.ok(biggest.clusterSize > 1, 'the generator reports the same content many times');
  assert.equal(biggest.clusterMatches, biggest.clusterSize);
  const members = await value(f.core, 'queue.query', { filters: { clusterId: biggest.clusterId }, limit: 500 });
  assert.equal(members.total, biggest.clusterSize);
  assert.ok(members.rows.every((row) => row.clusterId === biggest.clusterId));
});

test('full-text search: Arabic folded, French accents, Darija digits, URLs and handles; search and filters combine', async (t) => {
  const f = await fixture(t, { count: 50 }, { pageLimit: 500 });
  const base = JSON.parse(f.server.appendReport({ category: 'threats_extortion' }).payload) as Record<string, unknown> & { content: Record<string, unknown> };
  const custom = (n: number, description: string, urls: string[], handle?: string) => {
    const payload = { ...base, id: `IBL-2026-99000${String(n).padStart(2, '0')}`, revision: 1, content: { ...base.content, description, urls, ...(handle ? { account_handle: handle } : {}) } };
    f.server.appendRaw('report', JSON.stringify(payload));
    return payload.id;
  };
  const arabic = custom(1, 'هَدَّدَنِي بِنَشْرِ الصُّوَرِ إِذَا لَمْ أَدْفَعْ — المبلــــغ كبير', ['hxxps://www[.]facebook[.]com/profile.php?id=100044']);
  const french = custom(2, 'Il me menace de publier des photos zébulonesques si je ne paie pas, escroquerie répétée', ['instagram.com/p/Cx1AbC/']);
  const darija = custom(3, 'had lmoul l7sab kay3ayer w kayhdded 3la lbnat', ['https://vm.tiktok.com/ZMabc123/'], '@Mol.L7sab');
  await f.sync();
  const ids = async (search: string, filters: QueueFilters = {}) => (await value(f.core, 'queue.query', { filters: { ...filters, search }, limit: 100 })).rows.map((r) => r.id);
  assert.deepEqual(await ids('هددني بنشر الصور'), [arabic], 'Arabic without diacritics finds the text written with them');
  assert.deepEqual(await ids('اذا'), [arabic], 'hamza folded');
  assert.deepEqual(await ids('المبلغ'), [arabic], 'tatweel removed');
  assert.deepEqual(await ids('repetee ZEBULONESQUES'), [french], 'French accents folded, case, terms in any order');
  assert.deepEqual(await ids('kay3ayer'), [darija], 'Darija with digits, as typed');
  assert.deepEqual(await ids('l7sa'), [darija], 'prefix of the last term');
  assert.deepEqual(await ids('mol.l7sab'), [darija], 'account handle');
  assert.deepEqual(await ids('100044'), [arabic], 'a URL, defanged as typed');
  assert.deepEqual(await ids('Cx1AbC'), [french], 'a URL without its scheme');
  assert.deepEqual(await ids('zébulonesques', { category: ['fraud'] }), [], 'search and filters combine');
  assert.deepEqual(await ids('zébulonesques', { category: ['threats_extortion'] }), [french]);
  for (const hostile of ['"', 'NEAR(a b)', 'body:x', 'a OR b', '*', '(', '^x', 'x'.repeat(500)]) await value(f.core, 'queue.query', { filters: { search: hostile } });
  const page = await value(f.core, 'queue.query', { filters: { search: 'hددني' }, limit: 5 });
  assert.equal(page.total, 0);
  const found = await value(f.core, 'queue.query', { filters: { search: 'photos zebulonesques' }, limit: 5 });
  const snippet = found.rows[0]!.snippet!;
  assert.deepEqual(snippet.ranges.map(([a, b]) => snippet.text.slice(a, b)), ['photos', 'zébulonesques'], 'matches highlighted in the original text');
});

test('the full-text index follows the current revision, within one page and across pages, and a late older revision changes nothing', async (t) => {
  const f = await fixture(t, { count: 20 }, { pageLimit: 500 });
  const base = JSON.parse(f.server.appendReport({ category: 'fraud' }).payload) as Record<string, unknown> & { content: Record<string, unknown> };
  const revision = (id: string, n: number, description: string) =>
    f.server.appendRaw('report', JSON.stringify({ ...base, id, revision: n, content: { ...base.content, description } }));
  const a = 'IBL-2026-9900101';
  const b = 'IBL-2026-9900102';
  revision(a, 1, 'premiere version alphaword');
  f.server.appendStatus({ reportId: a, status: 'in_analysis' });
  revision(a, 2, 'seconde version betaword');
  await f.sync();
  const ids = async (search: string) => (await value(f.core, 'queue.query', { filters: { search }, limit: 10 })).rows.map((r) => r.id);
  assert.deepEqual(await ids('alphaword'), [], 'revision 1 was replaced in the same page');
  assert.deepEqual(await ids('betaword'), [a]);
  revision(a, 3, 'troisieme version gammaword');
  revision(b, 2, 'deltaword');
  revision(b, 1, 'epsilonword arrive en retard');
  await f.sync();
  assert.deepEqual(await ids('betaword'), [], 'revision 2 was replaced by a later page');
  assert.deepEqual(await ids('gammaword'), [a]);
  assert.deepEqual(await ids('deltaword'), [b]);
  assert.deepEqual(await ids('epsilonword'), [], 'an older revision arriving late is kept but not indexed');
  const { db } = f.core.unlockedStore();
  db.prepare("INSERT INTO report_search (report_search, rank) VALUES ('integrity-check', 0)").run();
  assert.equal(db.prepare('SELECT count(*) FROM report_search').pluck().get(), db.prepare('SELECT count(*) FROM reports').pluck().get(), 'one entry per report');
});

test('a status set here or at another workstation shows in the queue at once; claimed by another is its own filter', async (t) => {
  const f = await synced(t);
  const before = await value(f.core, 'queue.query', { filters: { status: ['received'] }, limit: 2 });
  const target = before.rows[0]!;
  const claimed = await value(f.core, 'reports.setStatusBulk', { reportIds: [target.id, before.rows[1]!.id], status: 'in_analysis' });
  assert.equal(claimed.updated, 2);
  const after = await value(f.core, 'queue.query', { filters: { status: ['received'] }, limit: 2 });
  assert.equal(after.total, before.total - 2);
  assert.ok(after.generation > before.generation);
  const mine = await value(f.core, 'queue.query', { filters: { status: ['in_analysis'] }, limit: 500 });
  assert.ok(mine.rows.some((r) => r.id === target.id && r.statusWorkstation === 'ws-rabat-03' && !r.claimedByOther));

  const other = after.rows[0]!;
  f.server.appendStatus({ reportId: other.id, status: 'in_analysis', workstationId: 'ws-casa-02' });
  await f.sync();
  const elsewhere = await value(f.core, 'queue.query', { filters: { status: ['claimed_other'] }, limit: 500 });
  const row = elsewhere.rows.find((r) => r.id === other.id);
  assert.ok(row?.claimedByOther);
  assert.equal(row.statusWorkstation, 'ws-casa-02');
  assert.equal((await failure(f.core, 'reports.setStatusBulk', { reportIds: ['IBL-2026-9999999'], status: 'referred' })).code, 'NOT_FOUND');
});

test('the report view: priority reasons, deadline, revisions with what changed, identity hidden until revealed with a reason', async (t) => {
  const f = await fixture(t, { count: 20, attachments: 4 }, { pageLimit: 500 });
  const report = JSON.parse(f.server.appendReport({ category: 'sextortion', imminentDanger: true }).payload) as { id: string };
  f.server.appendReport({ sameContentAs: report.id });
  f.server.appendReport({ sameContentAs: report.id });
  f.server.appendRevision(report.id);
  await f.sync();
  const view = await value(f.core, 'reports.get', { reportId: report.id });
  assert.equal(view.revision, 2);
  assert.equal(view.revisions.length, 2);
  assert.ok(view.revisions[1]!.changes.some((c) => c.field === 'content.description'), 'the revision says its description changed');
  assert.equal(view.cluster.size, 3);
  const codes = view.priority.reasons.map((r) => r.code);
  assert.ok(codes.includes('imminent_danger') && codes.includes('category') && codes.includes('cluster'));
  assert.equal(view.priority.score, view.priority.reasons.reduce((s, r) => s + r.points, 0));
  assert.equal(Date.parse(view.deadlineAt!) - Date.parse(view.submittedAt), 60 * 60_000, 'imminent danger: within the hour');
  assert.equal(JSON.stringify(view).includes('full_name'), false);

  const identified = (await value(f.core, 'queue.query', { filters: { reporterMode: ['identified'] }, limit: 1 })).rows[0]!;
  const shown = await value(f.core, 'reports.get', { reportId: identified.id });
  assert.deepEqual(shown.reporter, { mode: 'identified', identified: true, erasedAt: null });
  assert.equal((await failure(f.core, 'reports.revealReporter', { reportId: identified.id, reason: 'no' })).code, 'INVALID_INPUT');
  const identity = await value(f.core, 'reports.revealReporter', { reportId: identified.id, reason: 'Réquisition du parquet de Rabat' });
  assert.ok(identity.fullName);
  const audit = await value(f.core, 'audit.list', { limit: 5 });
  const record = audit.events.find((e) => e.action === 'report.reporter_revealed');
  assert.equal(record?.detail['reportId'], identified.id);
  assert.equal(record?.detail['reason'], 'Réquisition du parquet de Rabat');
  assert.ok(record?.analystId);
});

test('attachments: images only on request, recorded; never for child sexual exploitation', async (t) => {
  const f = await fixture(t, { count: 10 }, { pageLimit: 500 });
  const viewable = JSON.parse(f.server.appendReport({ category: 'fraud', attachments: 2 }).payload) as { id: string };
  const forbidden = JSON.parse(f.server.appendReport({ category: 'child_sexual_exploitation', attachments: 2 }).payload) as { id: string };
  await f.sync();
  const view = await value(f.core, 'reports.get', { reportId: viewable.id });
  const image = view.attachments.find((a) => a.viewable);
  assert.ok(image, 'a verified image of a fraud report can be shown');
  await value(f.core, 'images.report', { reportId: viewable.id });
  const preview = await value(f.core, 'images.preview', { reportId: viewable.id, attachmentId: image.id });
  assert.equal(Buffer.from(preview.grey, 'base64').length, preview.width * preview.height, 'greyscale pixels, never the file');
  const closed = await value(f.core, 'reports.get', { reportId: forbidden.id });
  assert.ok(closed.attachments.length > 0 && closed.attachments.every((a) => !a.viewable));
  assert.equal((await failure(f.core, 'images.preview', { reportId: forbidden.id, attachmentId: closed.attachments[0]!.id })).code, 'FORBIDDEN');
  assert.equal((await failure(f.core, 'images.preview', { reportId: forbidden.id, attachmentId: image.id })).code, 'NOT_FOUND', 'an attachment of another report');
  assert.equal((await failure(f.core, 'reports.attachment', { reportId: viewable.id, attachmentId: image.id })).code, 'INVALID_INPUT', 'no channel gives the file to the window');
  const audit = await value(f.core, 'audit.list', { limit: 5 });
  assert.ok(audit.events.some((e) => e.action === 'report.attachment_viewed' && e.detail['attachmentId'] === image.id));
});

test('saved views per analyst, triage settings for supervisors, and a dashboard that adds up', async (t) => {
  const f = await synced(t);
  const state = { filters: { category: ['fraud'] }, sort: { key: 'submittedAt' as const, dir: 'desc' as const }, grouping: 'clusters' as const, columns: ['id' as const, 'category' as const] };
  const saved = await value(f.core, 'queue.saveView', { name: 'Escroqueries', state });
  assert.deepEqual((await value(f.core, 'queue.views')).map((v) => v.name), ['Escroqueries']);
  await value(f.core, 'queue.saveView', { name: 'Escroqueries', state: { ...state, grouping: 'reports' } });
  const views = await value(f.core, 'queue.views');
  assert.equal(views.length, 1);
  assert.equal(views[0]!.state.grouping, 'reports');
  await value(f.core, 'queue.deleteView', { id: saved.id });
  assert.deepEqual(await value(f.core, 'queue.views'), []);

  const settings = await value(f.core, 'triage.settings');
  const top = (await value(f.core, 'queue.query', { limit: 1 })).rows[0]!;
  await value(f.core, 'triage.updateSettings', { ...settings, weights: { ...settings.weights, category: { ...settings.weights.category, [top.category]: 0 } } });
  const rescored = (await value(f.core, 'queue.query', { filters: { clusterId: top.clusterId }, limit: 500 })).rows.find((r) => r.id === top.id)!;
  assert.ok(rescored.priority < top.priority, 'new weights apply at once');

  const dashboard = await value(f.core, 'dashboard.get', { days: 365 });
  const rows = allRows(f.core);
  assert.equal(dashboard.total, rows.length);
  assert.equal(dashboard.backlogByStatus.reduce((s, c) => s + c.count, 0), rows.length);
  assert.equal(dashboard.perDay.length, 365);
  assert.ok(dashboard.topClusters[0]!.size >= 2);
  // The "to handle first" figures count open work only.
  const open = rows.filter((row) => values(row)['status'] !== 'referred' && values(row)['status'] !== 'closed_no_action' && values(row)['status'] !== 'duplicate');
  assert.ok(rows.some((row) => row.imminent_danger === 1 && !open.includes(row)), 'the data has finished reports in imminent danger');
  assert.equal(dashboard.open, open.length);
  assert.equal(dashboard.imminentDangerOpen, open.filter((row) => row.imminent_danger === 1).length);
  assert.equal(dashboard.overdue, open.filter((row) => values(row)['overdue'] === 'true').length);
  // A finished report: no priority, no reasons, never overdue (its deadline passed long ago).
  const finished = rows.find((row) => row.imminent_danger === 1 && !open.includes(row))!;
  const view = await value(f.core, 'reports.get', { reportId: finished.id });
  assert.deepEqual(view.priority, { score: 0, reasons: [] });
  assert.equal(view.overdue, false);
});
