/** The generated feed: deterministic, contract-shaped, and covering what the workstation must cope with. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { KNOWN_CATEGORIES, KNOWN_PLATFORMS, MOROCCAN_REGIONS, REPORT_STATUSES } from '../../src/intake/contract.ts';
import { generateFeed, handlingMinutes, HANDLING_MINUTES, RELATIVE_WINDOW_DAYS, type GeneratedChange } from '../../src/intake/generator.ts';
import { DEFAULT_DEADLINES, deadlineMinutes } from '../../src/main/triage/priority.ts';
import { StrictReportPayload, StrictStatusPayload, type StrictReport, type StrictStatus } from './helpers.ts';

const SAMPLE = { seed: 2026, count: 3000, attachments: 400 };
const changes = [...generateFeed(SAMPLE)];
const reports = changes.filter((c) => c.kind === 'report').map((c) => ({ change: c, payload: JSON.parse(c.payload) as StrictReport }));
const firstRevisions = reports.filter((r) => r.payload.revision === 1).map((r) => r.payload);
const statuses = changes.filter((c) => c.kind === 'status').map((c) => JSON.parse(c.payload) as StrictStatus);
const files = new Map(changes.flatMap((c) => c.attachments).map((f) => [f.id, f]));
const urls = firstRevisions.flatMap((r) => r.content.urls);
const descriptions = firstRevisions.map((r) => r.content.description);

function digest(feed: Iterable<GeneratedChange>): string {
  const hash = createHash('sha256');
  for (const change of feed) {
    hash.update(`${change.seq}|${change.kind}|${change.payload}\n`);
    for (const file of change.attachments) hash.update(file.bytes);
  }
  return hash.digest('hex');
}

test('same seed and count give byte-identical payloads and attachments; another seed does not', () => {
  const small = { seed: 5, count: 500, attachments: 60 };
  assert.equal(digest(generateFeed(small)), digest(generateFeed(small)));
  assert.notEqual(digest(generateFeed(small)), digest(generateFeed({ ...small, seed: 6 })));
  assert.equal(digest(generateFeed(SAMPLE)), digest(changes));
});

test('every payload has exactly the contract shape, seqs ascend with gaps, ids and revisions are consistent', () => {
  let previous = 0;
  let gaps = 0;
  for (const change of changes) {
    assert.ok(change.seq > previous);
    if (change.seq > previous + 1) gaps++;
    previous = change.seq;
    const payload = JSON.parse(change.payload) as { kind: string };
    assert.equal(payload.kind, change.kind);
    const parsed = (change.kind === 'report' ? StrictReportPayload : StrictStatusPayload).safeParse(payload);
    assert.ok(parsed.success, `${change.payload}\n${parsed.error?.message}`);
  }
  assert.ok(gaps > 10);
  assert.equal(firstRevisions.length, SAMPLE.count);
  assert.equal(new Set(firstRevisions.map((r) => r.id)).size, SAMPLE.count);
  assert.ok(firstRevisions.every((r) => r.submitted_at === r.updated_at && /^IBL-2026-\d{7}$/.test(r.id)));

  // Revisions come later in the feed: same id, next revision, text and links extended.
  const latest = new Map<string, StrictReport>();
  let revised = 0;
  let third = 0;
  for (const { payload } of reports) {
    const before = latest.get(payload.id);
    if (payload.revision === 1) assert.equal(before, undefined);
    else {
      assert.ok(before, `revision ${payload.revision} of ${payload.id} before revision 1`);
      assert.equal(payload.revision, before.revision + 1);
      assert.equal(payload.submitted_at, before.submitted_at);
      assert.ok(payload.updated_at > before.updated_at);
      assert.ok(payload.content.description.startsWith(before.content.description.slice(0, 100)));
      assert.ok(payload.content.description.length > before.content.description.length);
      assert.deepEqual(payload.content.urls.slice(0, before.content.urls.length), before.content.urls);
      assert.deepEqual(payload.attachments, before.attachments);
      revised++;
      if (payload.revision === 3) third++;
    }
    latest.set(payload.id, payload);
  }
  assert.ok(revised > 50, `${revised} revisions`);
  assert.ok(third > 0);
});

test('every known category and platform, and unknown ones, appear', () => {
  const categories = new Set(firstRevisions.map((r) => r.category));
  for (const category of KNOWN_CATEGORIES) assert.ok(categories.has(category), category);
  assert.ok([...categories].some((c) => !(KNOWN_CATEGORIES as readonly string[]).includes(c)), 'an unknown category');
  assert.ok(categories.has('deepfake_abuse'));
  const platforms = new Set(firstRevisions.map((r) => r.content.platform));
  for (const platform of KNOWN_PLATFORMS) assert.ok(platforms.has(platform), platform);
  assert.ok([...platforms].some((p) => !(KNOWN_PLATFORMS as readonly string[]).includes(p)), 'an unknown platform');
});

test('locales and the languages of descriptions: Arabic, French, English, Spanish, Darija in Latin script, mixed directions', () => {
  const locales = new Set(firstRevisions.map((r) => r.locale));
  for (const locale of ['ar', 'fr', 'en', 'es']) assert.ok(locales.has(locale), locale);
  const arabic = /[\u0600-\u06FF]/;
  const latin = /[A-Za-z]/;
  assert.ok(descriptions.some((d) => arabic.test(d) && !latin.test(d)), 'Arabic only');
  assert.ok(descriptions.some((d) => /\b(?:Bonjour|Cette|compte|contre)\b/.test(d) && !arabic.test(d)), 'French');
  assert.ok(descriptions.some((d) => /\b(?:This|account|Someone|Please)\b/.test(d)), 'English');
  assert.ok(descriptions.some((d) => /\b(?:Esta|cuenta|denuncié|Hola)\b/.test(d)), 'Spanish');
  // Darija in Latin script writes ع ح ق as 3 7 9 inside words: "kay9ad", "3and", "m3aya".
  const darija = descriptions.filter((d) => /\b(?:had|dyal|kay\w*|bzaf|walakin|3afak\w*)\b/.test(d) && /\b[a-z']*[a-z][379][a-z']*\b|\b[379][a-z]{2,}\b/.test(d) && !arabic.test(d));
  assert.ok(darija.length > 50, `${darija.length} Darija descriptions`);
  assert.ok(descriptions.some((d) => arabic.test(d) && /https?:\/\/|\.com|@\w/.test(d)), 'RTL text with an LTR link or handle');
  assert.ok(descriptions.some((d) => d === ''), 'an empty description');
  assert.ok(descriptions.some((d) => d.length > 1500), 'a long description');
  assert.ok(descriptions.every((d) => d.length <= 5000));
  assert.ok(descriptions.some((d) => d.includes('\u200F') || d.includes('\u202E')), 'direction marks');
});

test('URLs as citizens type them', () => {
  const has = (label: string, predicate: (u: string) => boolean, atLeast = 3): void => {
    const n = urls.filter(predicate).length;
    assert.ok(n >= atLeast, `${label}: ${n}`);
  };
  has('missing scheme', (u) => !/^[a-z]+:\/\//i.test(u.trim()) && /^[\w-]+(\.[\w-]+)+\//.test(u.trim()));
  has('m. host', (u) => /(^|\/\/)m\./.test(u));
  has('www. host', (u) => /(^|\/\/)www\./.test(u));
  for (const host of ['youtu.be/', 'fb.watch/', 'vm.tiktok.com/', 't.me/']) has(host, (u) => u.includes(host));
  for (const param of ['utm_source=', 'fbclid=', 'igshid=', 'si=']) has(param, (u) => u.includes(param));
  has('hxxp', (u) => u.startsWith('hxxp'));
  has('[.]', (u) => u.includes('[.]'));
  has('not a URL', (u) => {
    try {
      new URL(/^[a-z]+:/i.test(u) ? u : `https://${u}`);
      return u.includes(' ') || !u.includes('.');
    } catch {
      return true;
    }
  });
  assert.ok(firstRevisions.some((r) => r.content.urls.length >= 8));
  assert.ok(firstRevisions.every((r) => r.content.urls.length >= 1 && r.content.urls.length <= 20));
});

test('the same content is reported many times: clusters from 2 up to 200 reports', () => {
  const clusters = new Map<number, number>();
  for (const { change, payload } of reports) if (payload.revision === 1) clusters.set(change.contentKey ?? -1, (clusters.get(change.contentKey ?? -1) ?? 0) + 1);
  const sizes = [...clusters.values()];
  assert.ok(!clusters.has(-1));
  assert.ok(sizes.filter((s) => s === 1).length > 100, 'most content is reported once');
  assert.ok(sizes.filter((s) => s >= 2 && s <= 10).length > 50);
  assert.ok(sizes.some((s) => s >= 50), `largest cluster ${Math.max(...sizes)}`);
  assert.ok(Math.max(...sizes) <= 200);
  assert.ok(Math.max(...[...generateFeed({ seed: 3, count: 20_000, attachments: 0 })].reduce((m, c) => {
    if (c.revision === 1) m.set(c.contentKey ?? -1, (m.get(c.contentKey ?? -1) ?? 0) + 1);
    return m;
  }, new Map<number, number>()).values()) === 200, 'a cluster of 200 in 20,000 reports');
});

test('reporters: identified and anonymous, in Morocco by region and city, and abroad', () => {
  const identified = firstRevisions.map((r) => r.reporter).filter((r) => r.mode === 'identified');
  const anonymous = firstRevisions.filter((r) => r.reporter.mode === 'anonymous');
  assert.ok(identified.length > 900 && anonymous.length > 900);
  assert.ok(identified.some((r) => r.national_id !== undefined));
  assert.ok(identified.every((r) => r.national_id === undefined || /^[A-Z]{1,2}\d{5,6}$/.test(r.national_id)));
  assert.ok(identified.some((r) => r.email !== undefined && /^[a-z.]+\d*@[a-z.]+$/.test(r.email)));
  assert.ok(identified.some((r) => r.phone !== undefined && /^\+212[67]\d{8}$/.test(r.phone)));
  assert.ok(identified.some((r) => r.consent_to_contact) && identified.some((r) => !r.consent_to_contact));
  assert.ok(identified.every((r) => Object.keys(r).at(-1) === 'consent_to_contact'));

  const moroccan = firstRevisions.map((r) => r.reporter_location).filter((l) => l.country === 'MA');
  for (const region of Object.keys(MOROCCAN_REGIONS)) assert.ok(moroccan.some((l) => l.region === region), region);
  assert.ok(moroccan.some((l) => l.city !== undefined && l.region !== undefined));
  const abroad = firstRevisions.map((r) => r.reporter_location).filter((l) => l.country !== 'MA');
  for (const country of ['FR', 'ES', 'BE', 'NL', 'IT', 'DE', 'CA', 'US', 'AE']) assert.ok(abroad.some((l) => l.country === country), country);
  assert.ok(abroad.every((l) => l.region === undefined));

  const danger = firstRevisions.filter((r) => r.imminent_danger).length / firstRevisions.length;
  assert.ok(danger > 0.015 && danger < 0.05, `imminent danger ${danger}`);
});

test('status changes from other workstations, about reports earlier in the feed', () => {
  const seen = new Set<string>();
  for (const change of changes) {
    const payload = JSON.parse(change.payload) as StrictReport | StrictStatus;
    if (payload.kind === 'report') seen.add(payload.id);
    else assert.ok(seen.has(payload.report_id), `status before report ${payload.report_id}`);
  }
  for (const status of REPORT_STATUSES) assert.ok(statuses.some((s) => s.status === status), status);
  assert.ok(statuses.every((s) => /^ws-[a-z]+-\d{2}$/.test(s.workstation_id)));
  assert.ok(new Set(statuses.map((s) => s.workstation_id)).size >= 5);
  assert.ok(statuses.some((s) => s.reference !== undefined && /^DOS-\d{4}-\d{4}$/.test(s.reference)));
  assert.ok(statuses.some((s) => s.reference === undefined));
});

test('a few unknown fields are sent, which clients must keep', () => {
  assert.ok(firstRevisions.some((r) => r.form_version !== undefined));
  assert.ok(firstRevisions.some((r) => r.content.shared_via !== undefined));
  assert.ok(firstRevisions.filter((r) => r.form_version !== undefined).length < firstRevisions.length * 0.05);
});

function pngChunks(bytes: Buffer): { type: string; data: Buffer }[] {
  assert.deepEqual(bytes.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), zlibCrc32(bytes.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

/** Reads the ASCII and rational tags of an EXIF APP1 segment: enough to find camera, date and GPS. */
function readExif(jpegBytes: Buffer): Map<number, string | number[]> | null {
  let at = 2;
  while (at < jpegBytes.length && jpegBytes[at] === 0xff && jpegBytes[at + 1] !== 0xda) {
    const marker = jpegBytes[at + 1] as number;
    const length = jpegBytes.readUInt16BE(at + 2);
    const segment = jpegBytes.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && segment.toString('latin1', 0, 6) === 'Exif\0\0') {
      const tiff = segment.subarray(6);
      assert.equal(tiff.toString('latin1', 0, 4), 'MM\0*');
      const tags = new Map<number, string | number[]>();
      const readIfd = (offset: number): void => {
        const count = tiff.readUInt16BE(offset);
        for (let i = 0; i < count; i++) {
          const entry = offset + 2 + i * 12;
          const tag = tiff.readUInt16BE(entry);
          const type = tiff.readUInt16BE(entry + 2);
          const n = tiff.readUInt32BE(entry + 4);
          const valueAt = type === 2 && n <= 4 ? entry + 8 : tiff.readUInt32BE(entry + 8);
          if (type === 2) tags.set(tag, tiff.toString('latin1', valueAt, valueAt + n - 1));
          else if (type === 5) tags.set(tag, Array.from({ length: n }, (_, k) => tiff.readUInt32BE(valueAt + k * 8) / tiff.readUInt32BE(valueAt + k * 8 + 4)));
          else if (type === 4) {
            tags.set(tag, [tiff.readUInt32BE(entry + 8)]);
            if (tag === 0x8769 || tag === 0x8825) readIfd(tiff.readUInt32BE(entry + 8));
          }
        }
      };
      readIfd(tiff.readUInt32BE(4));
      return tags;
    }
    at += 2 + length;
  }
  return null;
}

test('attachments are real PNG and JPEG files, hashed and sized right, some with EXIF, some mislabelled', () => {
  const refs = firstRevisions.flatMap((r) => r.attachments);
  assert.equal(refs.length, SAMPLE.attachments);
  assert.equal(files.size, SAMPLE.attachments);
  assert.ok(firstRevisions.every((r) => r.attachments.length <= 3));
  assert.ok(firstRevisions.filter((r) => r.attachments.length > 0).length < SAMPLE.count / 2);
  let png = 0;
  let jpg = 0;
  let exif = 0;
  let gps = 0;
  let mislabelled = 0;
  for (const ref of refs) {
    const file = files.get(ref.id);
    assert.ok(file);
    assert.equal(ref.size, file.bytes.length);
    assert.equal(ref.sha256, createHash('sha256').update(file.bytes).digest('hex'));
    assert.ok(file.bytes.length > 500 && file.bytes.length < 30_000, `${file.bytes.length} bytes`);
    assert.match(ref.id, /^att_[0-9A-Za-z]+$/);
    if (file.bytes[0] === 0x89) {
      png++;
      const chunks = pngChunks(file.bytes);
      assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
      const header = chunks[0]?.data as Buffer;
      const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
      assert.equal(inflateSync(chunks[1]?.data as Buffer).length, (width * 3 + 1) * height);
      if (ref.media_type !== 'image/png') mislabelled++;
    } else {
      jpg++;
      assert.deepEqual([...file.bytes.subarray(0, 2)], [0xff, 0xd8]);
      assert.deepEqual([...file.bytes.subarray(-2)], [0xff, 0xd9]);
      const decoded = jpeg.decode(file.bytes, { useTArray: true });
      assert.ok(decoded.width >= 64 && decoded.height >= 48);
      const tags = readExif(file.bytes);
      if (tags) {
        exif++;
        assert.ok(typeof tags.get(0x010f) === 'string' && typeof tags.get(0x0110) === 'string');
        assert.match(String(tags.get(0x9003)), /^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/);
        const latitude = tags.get(0x0002);
        if (Array.isArray(latitude)) {
          gps++;
          const degrees = (latitude[0] ?? 0) + (latitude[1] ?? 0) / 60 + (latitude[2] ?? 0) / 3600;
          assert.ok(degrees > 20 && degrees < 37, `latitude ${degrees}`);
          assert.equal(tags.get(0x0003), 'W');
        }
      }
      if (ref.media_type !== 'image/jpeg') mislabelled++;
    }
  }
  assert.ok(png > 50 && jpg > 50, `${png} PNG, ${jpg} JPEG`);
  assert.ok(exif > 10 && gps > 5, `${exif} EXIF, ${gps} GPS`);
  assert.ok(mislabelled > 0);
  // A forwarded picture comes back byte-identical in another report.
  assert.ok(new Set(refs.map((r) => r.sha256)).size < refs.length);
});

test('the attachment total is exact, or a fraction of reports carry 1..3', () => {
  for (const total of [0, 1, 7, 250]) {
    const feed = [...generateFeed({ seed: 11, count: 200, attachments: total })];
    assert.equal(feed.reduce((n, c) => n + c.attachments.length, 0), total);
  }
  const dense = [...generateFeed({ seed: 11, count: 20, attachments: 150 })];
  assert.equal(dense.reduce((n, c) => n + c.attachments.length, 0), 150);
  assert.throws(() => [...generateFeed({ seed: 11, count: 2, attachments: 21 })], RangeError);
  const fraction = [...generateFeed({ seed: 11, count: 2000, attachmentFraction: 0.25 })].filter((c) => c.revision === 1);
  const carrying = fraction.filter((c) => c.attachments.length > 0).length / fraction.length;
  assert.ok(carrying > 0.2 && carrying < 0.3, `${carrying}`);
});

test('a feed relative to an instant: most reports in the last weeks, most open ones within their deadline, nothing after it, reproducible', () => {
  const endAt = '2026-12-06T15:00:00.000Z';
  const end = Date.parse(endAt);
  const options = { seed: 2026, count: 5000, attachments: 150, endAt };
  const feed = [...generateFeed(options)];
  assert.equal(digest(feed), digest(generateFeed(options)));
  assert.notEqual(digest(feed), digest(generateFeed({ ...options, endAt: '2026-12-07T15:00:00.000Z' })));
  const byId = new Map<string, { at: number; category: string; danger: boolean; status: string }>();
  let latest = 0;
  for (const change of feed) {
    const payload = JSON.parse(change.payload) as StrictReport | StrictStatus;
    if (payload.kind === 'report') {
      assert.doesNotThrow(() => StrictReportPayload.parse(payload));
      if (payload.revision === 1) byId.set(payload.id, { at: Date.parse(payload.submitted_at), category: payload.category, danger: payload.imminent_danger, status: 'new' });
      latest = Math.max(latest, Date.parse(payload.updated_at));
    } else {
      assert.doesNotThrow(() => StrictStatusPayload.parse(payload));
      const report = byId.get(payload.report_id);
      assert.ok(report && Date.parse(payload.at) >= report.at, payload.report_id);
      report.status = payload.status;
      latest = Math.max(latest, Date.parse(payload.accepted_at));
    }
  }
  assert.equal(byId.size, 5000);
  assert.ok(latest <= end, `a change after endAt: ${new Date(latest).toISOString()}`);
  const ages = [...byId.values()].map((r) => end - r.at);
  const within = (days: number) => ages.filter((age) => age < days * 86_400_000).length;
  assert.ok(Math.min(...ages) >= 0 && Math.max(...ages) < RELATIVE_WINDOW_DAYS * 86_400_000);
  // The dashboard's 7-, 30- and 90-day charts all have data; most reports are from the last weeks.
  assert.ok(within(1) > 50, `${within(1)} in the last day`);
  assert.ok(within(7) > 1000 && within(7) < 2000, `${within(7)} in the last 7 days`);
  assert.ok(within(30) > 3000, `${within(30)} in the last 30 days`);
  assert.ok(within(90) > 4800, `${within(90)} in the last 90 days`);
  // Open work, judged with the workstation's own default deadlines: some overdue, most not.
  const open = [...byId.values()].filter((r) => !['referred', 'closed_no_action', 'duplicate'].includes(r.status));
  const overdue = open.filter((r) => end - r.at > deadlineMinutes(DEFAULT_DEADLINES, r.category, r.danger) * 60_000);
  assert.ok(open.length > 300 && open.length < 1000, `${open.length} open`);
  assert.ok(overdue.length > 50 && overdue.length < open.length * 0.4, `${overdue.length} of ${open.length} open reports overdue`);
  // Finished work shows each final status, and reports under analysis are there too.
  const statusesSeen = new Set([...byId.values()].map((r) => r.status));
  for (const status of ['new', 'received', 'in_analysis', 'referred', 'closed_no_action', 'duplicate']) assert.ok(statusesSeen.has(status), status);
  assert.throws(() => [...generateFeed({ ...options, startAt: '2026-04-01T06:00:00Z' })], RangeError);
  assert.throws(() => [...generateFeed({ ...options, endAt: 'yesterday' })], RangeError);
});

test("the service's handling times are the workstation's default deadlines", () => {
  assert.deepEqual(HANDLING_MINUTES, DEFAULT_DEADLINES.categoryMinutes);
  for (const category of [...Object.keys(HANDLING_MINUTES), 'online_gambling']) {
    for (const danger of [false, true]) assert.equal(handlingMinutes(category, danger), deadlineMinutes(DEFAULT_DEADLINES, category, danger), `${category} ${danger}`);
  }
});
