/**
 * Notes parsed off the UI thread (noteParser.ts): short notes at once, long
 * ones in a worker with a deadline; a runaway parse is killed with its worker
 * and the note becomes plain text, a fresh worker takes the next notes;
 * results are cached (bounded); without a worker, long notes are plain text,
 * never parsed on the calling thread. Fake workers for the protocol, and the
 * real markdown.worker.ts in a worker thread against a pathological note.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker as ThreadWorker } from 'node:worker_threads';
import { parseNote } from '../../src/shared/text/markdown.ts';
import { PLAIN_CHUNK_CHARS, PLAIN_CHUNK_LINES, plainChunks } from '../../src/renderer/src/components/markdown/plainText.ts';
import { splitLines } from '../../src/shared/text/invisible.ts';
import {
  NoteParser,
  ResultCache,
  SYNC_CHARS,
  type SettledResult,
  type WorkerFactory,
  type WorkerHandlers,
  type WorkerRequest,
} from '../../src/renderer/src/components/markdown/noteParser.ts';

const LONG = `# Titre\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${'Du texte ordinaire, une phrase après l’autre. '.repeat(60)}`;
assert.ok(LONG.length > SYNC_CHARS);

interface FakeLog {
  started: number;
  terminated: number;
  requests: WorkerRequest[];
}

/** Workers that answer after `delayMs`, or never for a source holding "HANG" (a runaway parse). */
function fakeWorkers(options: { delayMs?: number; failStart?: boolean; throwOnCreate?: boolean; noReady?: boolean } = {}): { factory: WorkerFactory; log: FakeLog } {
  const log: FakeLog = { started: 0, terminated: 0, requests: [] };
  const factory: WorkerFactory = (handlers: WorkerHandlers) => {
    if (options.throwOnCreate) throw new Error('no Worker here');
    log.started++;
    let alive = true;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (fn: () => void, ms: number): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (alive) fn();
      }, ms);
      timers.add(timer);
    };
    if (options.failStart) later(() => handlers.error(), 1);
    else if (!options.noReady) later(() => handlers.message({ type: 'ready' }), 1);
    return {
      post(request) {
        log.requests.push(request);
        if (request.source.includes('HANG')) return;
        later(() => handlers.message({ type: 'result', id: request.id, document: parseNote(request.source) }), options.delayMs ?? 5);
      },
      terminate() {
        alive = false;
        log.terminated++;
        for (const timer of timers) clearTimeout(timer);
      },
    };
  };
  return { factory, log };
}

function settle(parser: NoteParser, source: string): Promise<SettledResult> {
  return new Promise((resolve) => parser.request(source, resolve));
}

test('short notes parse at once, on the calling thread; long ones wait for the worker', async () => {
  const { factory, log } = fakeWorkers();
  const parser = new NoteParser({ createWorker: factory });
  const short = parser.peek('# Bonjour\n\n*texte*');
  assert.equal(short.status, 'ready');
  assert.equal(log.started, 0, 'no worker for short notes');
  assert.equal(parser.peek(LONG).status, 'pending');
  const result = await settle(parser, LONG);
  assert.equal(result.status, 'ready');
  assert.deepEqual(result.status === 'ready' && result.document, parseNote(LONG));
  assert.equal(log.started, 1);
  // Cached: shown at once, not sent again.
  assert.equal(parser.peek(LONG).status, 'ready');
  await settle(parser, LONG);
  assert.equal(log.requests.length, 1);
  parser.dispose();
});

test('a parse past its deadline: the worker is terminated, the note is plain text (cached), a fresh worker takes the next notes', async () => {
  const { factory, log } = fakeWorkers();
  const parser = new NoteParser({ createWorker: factory, deadlineMs: 60, deadlineMsPerKiloChar: 0 });
  const hostile = `HANG ${'> a\nb\n'.repeat(400)}`;
  const after = `${LONG}\n\nAprès.`;
  const started = Date.now();
  const [first, second] = await Promise.all([settle(parser, hostile), settle(parser, after)]);
  assert.deepEqual(first, { status: 'plain', cause: 'timeout' });
  assert.ok(Date.now() - started >= 55, 'the deadline ran');
  assert.equal(second.status, 'ready', 'the note queued behind it is parsed by a fresh worker');
  assert.equal(log.started, 2);
  assert.equal(log.terminated, 1);
  // Known now: no new attempt, no new worker.
  assert.deepEqual(parser.peek(hostile), { status: 'plain', cause: 'timeout' });
  assert.equal(log.requests.filter((request) => request.source === hostile).length, 1);
  parser.dispose();
});

test('the deadline grows with the note, and runs from the moment the worker has it', async () => {
  const parser = new NoteParser({ createWorker: fakeWorkers({ delayMs: 40 }).factory, deadlineMs: 100, deadlineMsPerKiloChar: 5 });
  assert.equal(parser.deadlineFor('x'.repeat(100_000)), 600);
  assert.equal(parser.deadlineFor(''), 100);
  parser.dispose();
  // Three notes of 40 ms each behind one another, each with a 60 ms deadline: none times out.
  const queued = new NoteParser({ createWorker: fakeWorkers({ delayMs: 40 }).factory, deadlineMs: 60, deadlineMsPerKiloChar: 0 });
  const results = await Promise.all([1, 2, 3].map((n) => settle(queued, `${LONG} ${n}`)));
  assert.deepEqual(
    results.map((result) => result.status),
    ['ready', 'ready', 'ready'],
  );
  queued.dispose();
});

test('one request per source; a note nobody waits for leaves the queue', async () => {
  const { factory, log } = fakeWorkers();
  const parser = new NoteParser({ createWorker: factory });
  const seen: string[] = [];
  const a = settle(parser, `${LONG} a`);
  const b = settle(parser, `${LONG} a`);
  const cancel = parser.request(`${LONG} c`, () => seen.push('c'));
  cancel();
  const [ra, rb] = await Promise.all([a, b]);
  assert.equal(ra, rb);
  assert.deepEqual(
    log.requests.map((request) => request.source.slice(-2)),
    [' a'],
  );
  assert.deepEqual(seen, []);
  parser.dispose();
});

test('no worker: long notes are plain text at once, never parsed here; short ones still formatted', async () => {
  for (const factory of [fakeWorkers({ throwOnCreate: true }).factory, () => null]) {
    const parser = new NoteParser({ createWorker: factory });
    assert.deepEqual(await settle(parser, LONG), { status: 'plain', cause: 'unavailable' });
    assert.deepEqual(parser.peek(`${LONG} 2`), { status: 'plain', cause: 'unavailable' });
    assert.equal(parser.peek('**court**').status, 'ready');
    parser.dispose();
  }
});

test('a worker that fails to start, or never says it is ready: plain text, and no endless restarts', async () => {
  const failing = fakeWorkers({ failStart: true });
  const parser = new NoteParser({ createWorker: failing.factory });
  assert.deepEqual(await settle(parser, LONG), { status: 'plain', cause: 'unavailable' });
  assert.deepEqual(await settle(parser, `${LONG} 2`), { status: 'plain', cause: 'unavailable' });
  assert.equal(failing.log.started, 1);
  assert.equal(failing.log.terminated, 1);
  parser.dispose();

  const silent = fakeWorkers({ noReady: true });
  const waiting = new NoteParser({ createWorker: silent.factory, startupMs: 30 });
  assert.deepEqual(await settle(waiting, LONG), { status: 'plain', cause: 'unavailable' });
  assert.equal(silent.log.requests.length, 0);
  assert.equal(silent.log.terminated, 1);
  waiting.dispose();
});

test('the result cache is bounded in entries and characters, least recently used out first', () => {
  const cache = new ResultCache(3, 100);
  const plain: SettledResult = { status: 'plain', cause: 'timeout' };
  cache.set('a', plain);
  cache.set('b', plain);
  cache.set('c', plain);
  assert.ok(cache.get('a'));
  cache.set('d', plain);
  assert.equal(cache.get('b'), undefined, 'b was the least recently used');
  assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
  cache.set('x'.repeat(97), plain);
  assert.ok(cache.chars <= 100, String(cache.chars));
  assert.ok(cache.get('x'.repeat(97)));
  assert.equal(cache.get('a'), undefined, 'out to make room for the characters');
  assert.equal(cache.size, 3);
  cache.set('y'.repeat(101), plain);
  assert.equal(cache.get('y'.repeat(101)), undefined, 'larger than the whole cache: not kept');
  const parser = new NoteParser({ createWorker: () => null, cacheEntries: 2 });
  const first = parser.peek('note 0');
  assert.equal(parser.peek('note 0'), first, 'a short note is parsed once');
  for (let i = 1; i < 10; i++) parser.peek(`note ${i}`);
  assert.notEqual(parser.peek('note 0'), first, 'out of the two-entry cache, parsed again');
  parser.dispose();
});

/** The real markdown.worker.ts, in a worker thread given the web worker's globals. */
const threadFactory: WorkerFactory = (handlers) => {
  const url = new URL('../../src/renderer/src/components/markdown/markdown.worker.ts', import.meta.url).href;
  const shim = `
    const { parentPort } = require('node:worker_threads');
    globalThis.postMessage = (data) => parentPort.postMessage(data);
    parentPort.on('message', (data) => globalThis.onmessage?.({ data }));
    import(${JSON.stringify(url)});
  `;
  const worker = new ThreadWorker(shim, { eval: true });
  worker.on('message', (data) => handlers.message(data));
  worker.on('error', () => handlers.error());
  return { post: (request) => worker.postMessage(request), terminate: () => void worker.terminate() };
};

test('the real worker: a note that would parse for tens of seconds is cut at the deadline; the next note is formatted', async () => {
  const parser = new NoteParser({ createWorker: threadFactory, deadlineMs: 750 });
  // Lazy continuation lines of a quote: micromark is quadratic on them (~50 s for 96 kB).
  const hostile = `> a\n${'b\nc\n'.repeat(24_000)}`;
  const started = performance.now();
  const [cut, next] = await Promise.all([settle(parser, hostile), settle(parser, LONG)]);
  const cutAfter = performance.now() - started;
  assert.deepEqual(cut, { status: 'plain', cause: 'timeout' });
  // The deadline (750 ms + 5 ms per 1,000 characters), plus the first worker's start-up.
  assert.ok(cutAfter >= parser.deadlineFor(hostile), `${cutAfter} ms`);
  assert.ok(cutAfter < parser.deadlineFor(hostile) + 5_000, `${cutAfter} ms`);
  console.log(`# 96 kB lazy quote: plain text after ${Math.round(cutAfter)} ms (deadline ${parser.deadlineFor(hostile)} ms)`);
  assert.equal(next.status, 'ready');
  assert.ok(next.status === 'ready' && next.document.blocks.some((block) => block.kind === 'table'));
  assert.equal(parser.workersStarted, 2);
  parser.dispose();
});

test('the worker’s stand-in for the entity decoder’s element decodes as the parser’s other build does', async () => {
  const { workerDocument } = await import('../../src/renderer/src/components/markdown/workerDocument.ts');
  const { decodeNamedCharacterReference } = await import('decode-named-character-reference');
  const element = workerDocument.createElement();
  for (const name of ['amp', 'eacute', 'AElig', 'notin', 'semi', 'nbsp', 'nope', 'amp;lt', '<b>x</b>', 'ClockwiseContourIntegral']) {
    element.innerHTML = `&${name};`;
    const expected = decodeNamedCharacterReference(name);
    const character = element.textContent;
    const decoded = character === `&${name};` || (character.endsWith(';') && name !== 'semi') ? false : character;
    assert.equal(decoded, expected, name);
  }
  element.innerHTML = '<img src=x onerror=alert(1)>';
  assert.equal(element.textContent, '<img src=x onerror=alert(1)>', 'anything else stays text');
});

test('plain text is cut in chunks of whole lines, which give the same lines back', () => {
  const hostile = `> a\n${'b\nc\n'.repeat(24_000)}`;
  for (const text of [hostile, 'x'.repeat(99_000), `un\r\ndeux\rtrois\n${'é'.repeat(30_000)}\nfin`, '', 'une ligne']) {
    const chunks = plainChunks(text);
    assert.deepEqual(chunks.flatMap(splitLines), splitLines(text));
    for (const chunk of chunks) {
      const lines = splitLines(chunk);
      assert.ok(lines.length <= PLAIN_CHUNK_LINES);
      assert.ok(chunk.length <= PLAIN_CHUNK_CHARS || lines.length === 1);
    }
  }
  assert.equal(plainChunks(hostile).length, Math.ceil(splitLines(hostile).length / PLAIN_CHUNK_LINES));
});
