/**
 * The hostile corpus (test/fixtures/hostile-reports.ts) synced from the real
 * reference service into a real store, then read through the contract as the
 * renderer reads it: the dashboard, the queue with its live counts and
 * filters, and every report's view. Category and platform names such as
 * `__proto__`, `constructor` and `toString` must be counted like any other
 * name and never reach Object.prototype. (test/browser/hostile.test.ts renders
 * the same corpus in Chromium.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { failure, value } from '../helpers/store.ts';
import { HOSTILE_REPORTS, type HostileReport } from '../fixtures/hostile-reports.ts';
import { fixture } from '../sync/fixture.ts';

/** The corpus's categories and platforms named like Object.prototype's members. */
const CATEGORIES = ['__proto__', 'constructor', 'toString'];
const PLATFORMS = ['constructor', '__proto__', 'hasOwnProperty'];

test('names of Object.prototype as categories and platforms: dashboard, queue and report view', async (t) => {
  const f = await fixture(t, { seed: 31, count: 40, attachments: 0 });
  // The corpus after the generated feed: each a valid report (the donor's shape) with the fixture's patch.
  const donor = JSON.parse(f.server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  // Recent, so that the dashboard's period holds them.
  let at = Date.now() - 3 * 3_600_000;
  const ids = new Map<string, string>();
  HOSTILE_REPORTS.forEach((report: HostileReport, k) => {
    const id = `IBL-2026-98${String(k + 1).padStart(5, '0')}`;
    at += 60_000;
    const payload = structuredClone({ ...donor, id, revision: 1, submitted_at: utcSeconds(at), updated_at: utcSeconds(at), attachments: [] }) as unknown as Parameters<HostileReport['patch']>[0];
    report.patch(payload);
    f.server.appendRaw('report', JSON.stringify(payload));
    ids.set(report.name, id);
  });
  const status = await f.sync();
  assert.equal(status.lastError, null);
  assert.equal(status.quarantined, 0, 'every hostile report is a valid report');

  const dashboard = await value(f.core, 'dashboard.get', { days: 7 });
  for (const name of CATEGORIES) {
    const perDay = dashboard.perDay.reduce((sum, day) => sum + (Object.hasOwn(day.counts, name) ? day.counts[name]! : 0), 0);
    // The contract's record cannot carry a key named __proto__ (zod drops it): the other two are counted.
    assert.equal(perDay, name === '__proto__' ? 0 : 1, `per day: ${name}`);
  }
  for (const name of PLATFORMS) assert.equal(dashboard.byPlatform.find((c) => c.value === name)?.count, 1, `by platform: ${name}`);
  for (const day of dashboard.perDay) {
    assert.equal(Object.getPrototypeOf(day.counts), Object.prototype);
    for (const count of Object.values(day.counts)) assert.equal(typeof count, 'number');
    // Every category of the period is an own key of every day: looking one up never reads Object.prototype.
    for (const name of ['constructor', 'toString']) assert.ok(Object.hasOwn(day.counts, name), `${day.day} lists ${name}`);
  }
  assert.equal(dashboard.total, 40 + 1 + HOSTILE_REPORTS.length);

  const page = await value(f.core, 'queue.query', { limit: 500 });
  assert.equal(page.total, dashboard.total);
  for (const name of CATEGORIES) {
    assert.equal(page.facets?.['category']?.find((c) => c.value === name)?.count, 1, `category count: ${name}`);
    assert.equal((await value(f.core, 'queue.query', { filters: { category: [name] } })).total, 1, `filter category ${name}`);
  }
  for (const name of PLATFORMS) {
    assert.equal(page.facets?.['platform']?.find((c) => c.value === name)?.count, 1, `platform count: ${name}`);
    assert.equal((await value(f.core, 'queue.query', { filters: { platform: [name] } })).total, 1, `filter platform ${name}`);
  }
  const clusters = await value(f.core, 'queue.query', { grouping: 'clusters', limit: 500 });
  assert.ok(clusters.total > 0);

  for (const report of HOSTILE_REPORTS) {
    const view = await value(f.core, 'reports.get', { reportId: ids.get(report.name)! });
    assert.equal(view.id, ids.get(report.name));
  }
  const polluted = await value(f.core, 'reports.get', { reportId: ids.get(HOSTILE_REPORTS.find((r) => r.name.startsWith('category __proto__'))!.name)! });
  assert.equal(polluted.category, '__proto__');
  assert.equal(polluted.platform, 'constructor');
  assert.deepEqual(
    polluted.extraFields.map((e) => e.path).sort(),
    ['__proto__', 'content.constructor'],
  );
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
  assert.equal((await failure(f.core, 'reports.get', { reportId: 'IBL-2026-9899999' })).code, 'NOT_FOUND');
});
