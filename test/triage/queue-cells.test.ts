/**
 * A queue page is built from the index's memory: what each row shows (id,
 * status, account, first URL, dates...) is kept with the index, and a page
 * reads nothing of the reports from the store (queue-index/texts.ts says
 * why). What it shows must still be what the store holds, after the sync's
 * changes and the statuses set here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicaliseUrl } from '../../src/main/urls/canonical-url.ts';
import { defangUrl } from '../../src/shared/defang.ts';
import type { Db } from '../../src/main/store/database.ts';
import { DEFAULT_DEADLINES, DEFAULT_WEIGHTS } from '../../src/main/triage/priority.ts';
import { QueueIndex, type IndexRow } from '../../src/main/triage/queue-index.ts';
import { QueueService } from '../../src/main/triage/queue-service.ts';
import { RowTexts } from '../../src/main/triage/queue-index/texts.ts';
import type { QueueRow } from '../../src/shared/triage.ts';
import { fixture } from '../sync/fixture.ts';

interface StoredRow {
  id: string;
  category: string;
  platform: string;
  status: string;
  status_workstation: string | null;
  submitted_at: string;
  region: string | null;
  country: string;
  reporter_mode: string;
  imminent_danger: number;
  attachments: number;
  account_handle: string | null;
  first_url: string | null;
}

/** Each row as the store holds it, in the queue's terms. */
function storedRows(db: Db): Map<string, Partial<QueueRow>> {
  const rows = db
    .prepare(
      `SELECT id, category, platform, status, status_workstation, submitted_at, region, country, reporter_mode, imminent_danger,
              json_array_length(attachment_ids) AS attachments, account_handle, first_url FROM reports`,
    )
    .all() as StoredRow[];
  return new Map(
    rows.map((row) => {
      const urlAccount = row.account_handle === null && row.first_url !== null ? (canonicaliseUrl(row.first_url)?.account ?? null) : null;
      return [
        row.id,
        {
          id: row.id,
          category: row.category,
          platform: row.platform,
          status: row.status,
          statusWorkstation: row.status_workstation,
          submittedAt: row.submitted_at,
          region: row.region,
          country: row.country,
          reporterMode: row.reporter_mode,
          imminentDanger: row.imminent_danger === 1,
          attachments: row.attachments,
          accountHandle: row.account_handle ?? urlAccount,
          accountFromUrl: urlAccount !== null,
          url: row.first_url === null ? null : defangUrl(row.first_url),
        },
      ];
    }),
  );
}

function assertShowsStore(rows: QueueRow[], stored: Map<string, Partial<QueueRow>>, when: string): void {
  assert.equal(rows.length, stored.size, `${when}: every report`);
  for (const row of rows) {
    const expected = stored.get(row.id);
    assert.ok(expected, `${when}: ${row.id} is in the store`);
    const shown = Object.fromEntries(Object.keys(expected).map((key) => [key, row[key as keyof QueueRow]]));
    assert.deepEqual(shown, expected, `${when}: ${row.id}`);
  }
}

test('queue rows show what the store holds, from the index: after a sync, a sync update of a report, and statuses set here; a page reads no report from the store', async (t) => {
  const f = await fixture(t, { count: 240, attachments: 6 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const queue = new QueueService(() => f.core.unlockedStore(), { emitChanged: () => {} });
  const all = async (): Promise<QueueRow[]> => (await queue.query({ limit: 500, facets: false })).rows;
  assertShowsStore(await all(), storedRows(db), 'after the sync');

  // A page, and one further down, once the index is loaded: no statement reads the reports (nor their revisions).
  const read: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    read.push(source);
    return prepare(source);
  }) as Db['prepare'];
  try {
    await queue.query({ filters: { openOnly: true }, limit: 100 });
    await queue.query({ filters: { openOnly: true }, offset: 120, limit: 100, facets: false });
    await queue.query({ sort: { key: 'submittedAt', dir: 'desc' }, limit: 50 });
  } finally {
    db.prepare = prepare;
  }
  assert.deepEqual(read.filter((source) => /\b(reports|report_revisions)\b/.test(source)), [], 'statements on reports during the pages');

  // The sync updates reports (as apply.ts does, then tells the queue): a longer URL, none, another account, an Arabic one.
  const rowids = db.prepare('SELECT rowid FROM reports ORDER BY rowid LIMIT 5').pluck().all() as number[];
  const update = db.prepare('UPDATE reports SET first_url = ?, account_handle = ?, revision = revision + 1, status = ?, status_workstation = ?, submitted_at = coalesce(?, submitted_at) WHERE rowid = ?');
  update.run(`https://t.me/${'a'.repeat(180)}/42`, null, 'referred', null, null, rowids[0]);
  update.run(null, null, 'in_analysis', 'ws-casablanca-01', '2026-06-12T09:14:03Z', rowids[1]);
  update.run('https://x.com/someone', '@autre_compte', 'received', null, '2026-06-12T10:14:03+01:00', rowids[2]);
  update.run('https://example.ma/مقال/١٢', 'حساب_مثال', 'a_status_this_version_does_not_know', null, '2026-06-12T09:14:03.120Z', rowids[3]);
  // The same URL with no account named: the account it names is shown, whichever of the two rows is built first
  // (the queue keeps the shown forms of the last URLs, and works the account out only for a row that needs it).
  update.run('https://x.com/someone', null, 'received', null, null, rowids[4]);
  queue.applied(rowids);
  queue.refreshNow();
  assertShowsStore(await all(), storedRows(db), 'after a sync update');
  for (const dir of ['asc', 'desc'] as const) {
    const sameUrl = (await queue.query({ sort: { key: 'id', dir }, limit: 500, facets: false })).rows.filter((row) => row.url === defangUrl('https://x.com/someone'));
    assert.deepEqual(
      sameUrl.map((row) => [row.accountHandle, row.accountFromUrl]).sort(),
      [['@autre_compte', false], [canonicaliseUrl('https://x.com/someone')!.account, true]].sort(),
      `one URL, with and without the reporter's account (${dir})`,
    );
  }

  // Statuses set here (as the status handlers do: the store, then the queue).
  const here = db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 3').pluck().all() as number[];
  db.prepare(`UPDATE reports SET status = 'in_analysis', status_workstation = 'ws-rabat-03' WHERE rowid IN (${here.join(',')})`).run();
  queue.statusSet(here, 'in_analysis', 'ws-rabat-03');
  const shown = await all();
  assertShowsStore(shown, storedRows(db), 'after statuses set here');
  const other = shown.find((row) => row.statusWorkstation === 'ws-casablanca-01');
  assert.equal(other?.claimedByOther, true, 'in analysis at another workstation');

  // Locked (the core resets the queue): the reported URLs and accounts the index kept are overwritten.
  const { index } = await queue.ready();
  const withUrl = shown.findIndex((row) => row.url !== null);
  assert.ok(withUrl >= 0);
  const i = index.indexOf(db.prepare('SELECT rowid FROM reports WHERE id = ?').pluck().get(shown[withUrl]!.id) as number);
  assert.notEqual(index.cells(i).firstUrl, null);
  const shownUrls = (queue as unknown as { shownUrls: Map<string, unknown> }).shownUrls;
  assert.ok(shownUrls.size > 0, 'the queue kept the shown forms of URLs');
  queue.reset();
  assert.equal(index.cells(i).firstUrl, null);
  assert.equal(shownUrls.size, 0, 'and forgets them');
  const buffers = Object.values(index).flatMap((part) => (part && typeof part === 'object' ? Object.values(part as object) : []));
  const texts = buffers.find((part): part is RowTexts => part instanceof RowTexts);
  assert.ok(texts, 'the index holds its texts');
  const bytes = (texts as unknown as { bytes: Uint8Array }).bytes;
  assert.ok(bytes.length > 0 && bytes.every((byte) => byte === 0), 'every byte of the texts overwritten');
});

test('RowTexts keeps each row\'s texts through replacements, longer and shorter, Unicode, none, and its packing', () => {
  // Packed again from 16 KiB of garbage (1 MiB in the app), so that it happens here often.
  const texts = new RowTexts(2, { packFrom: 16_384 });
  const model = new Map<string, string | null>();
  let seed = 7;
  const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed / 2 ** 31);
  const samples = ['', 'a', 'https://example.com/p/1', 'حساب_مثال', '😀 emoji', 'x'.repeat(300), '\uD800 lone surrogate', null];
  texts.reserve(500);
  for (let round = 0; round < 12_000; round++) {
    const row = Math.floor(random() * 500);
    const field = random() < 0.5 ? 0 : 1;
    const base = samples[Math.floor(random() * samples.length)]!;
    const text = base === null ? null : `${base}${random() < 0.5 ? '' : round}`;
    texts.set(row, field, text);
    model.set(`${row}:${field}`, text === null ? null : text.replace('\uD800', '\uFFFD'));
  }
  for (let row = 0; row < 500; row++) {
    for (const field of [0, 1]) {
      const key = `${row}:${field}`;
      assert.equal(texts.get(row, field), model.has(key) ? model.get(key) : null, key);
    }
  }
  // Rows reserved later start with no text; earlier texts stay.
  const kept = texts.get(3, 0);
  texts.reserve(2000);
  assert.equal(texts.get(1999, 1), null);
  assert.equal(texts.get(3, 0), kept);
  assert.throws(() => texts.set(2000, 0, 'beyond'), RangeError);
  assert.ok(texts.packs >= 5, `packed ${texts.packs} times`);

  // A buffer given up (grown, trimmed) is overwritten, as the whole is on lock.
  const one = new RowTexts(1);
  const bytesOf = (holder: RowTexts): Uint8Array => (holder as unknown as { bytes: Uint8Array }).bytes;
  one.reserve(1);
  one.set(0, 0, 'https://reported.example/account');
  const small = bytesOf(one);
  one.set(0, 0, `https://reported.example/${'x'.repeat(100_000)}`);
  assert.ok(small.every((byte) => byte === 0), 'the buffer it outgrew');
  one.set(0, 0, 'https://reported.example/short');
  const large = bytesOf(one);
  one.trim();
  assert.ok(bytesOf(one).length < large.length && large.every((byte) => byte === 0), 'the buffer it trimmed');
  assert.equal(one.get(0, 0), 'https://reported.example/short');
});

test('ids and submission times are rebuilt from the index as the store writes them, and kept verbatim where they are written otherwise', () => {
  const index = new QueueIndex({ weights: DEFAULT_WEIGHTS, deadlines: DEFAULT_DEADLINES, workstationId: 'ws-here' });
  const row = (rowid: number, id: string, submitted: string): IndexRow => ({
    rowid,
    id,
    category: 'threats',
    platform: 'telegram',
    status: 'received',
    status_workstation: null,
    region: null,
    country: 'MA',
    reporter_mode: 'anonymous',
    imminent_danger: 0,
    attachments: 0,
    submitted_at: submitted,
    cluster_id: null,
    demo: 0,
    revision: 1,
    account_handle: null,
    first_url: null,
  });
  const rows = [
    row(1, 'IBL-2026-0000001', '2026-06-12T09:14:03.120Z'),
    row(2, 'IBL-2026-0000002', '2026-06-12T09:14:03Z'),
    row(3, 'IBL-2026-0000003', '2026-06-12T09:14:03.000Z'),
    row(4, 'IBL-1999-0000004', '2026-06-12T10:14:03+01:00'),
    row(5, 'report-from-another-service', 'not a date'),
    row(6, 'IBL-2026-00000060', '2026-06-12T09:14:03.5Z'),
    // Dates the engine rolls over (a 30th of February, a 24th hour) or does not read: kept as written; the last
    // instant of a month, rebuilt.
    row(7, 'IBL-2026-0000007', '2026-02-30T00:00:00.000Z'),
    row(8, 'IBL-2026-0000008', '2026-06-12T24:00:00Z'),
    row(9, 'IBL-2026-0000009', '2026-01-31T23:59:59.999Z'),
    row(10, 'IBL-2026-0000010', '2026-06-00T09:14:03.000Z'),
    row(11, 'IBL-2026-0000011', '2026-13-12T09:14:03Z'),
    row(12, 'IBL-2026-0000012', '2026-06-12T09:14:60Z'),
  ];
  index.apply(rows);
  const shown = (): { id: string; submittedAt: string }[] =>
    rows.map((r) => {
      const cells = index.cells(index.indexOf(r.rowid));
      return { id: cells.id, submittedAt: cells.submittedAt };
    });
  assert.deepEqual(
    shown(),
    rows.map((r) => ({ id: r.id, submittedAt: r.submitted_at })),
  );
  // A row written again the usual way drops what was kept for it.
  rows[3] = row(4, 'IBL-2026-0000004', '2026-06-12T09:14:03Z');
  index.apply([rows[3]]);
  assert.deepEqual(shown()[3], { id: 'IBL-2026-0000004', submittedAt: '2026-06-12T09:14:03Z' });
});
