/** The write gate between the thread that answers the renderer and the sync worker (sync/write-gate.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { WriteGate } from '../../src/main/sync/write-gate.ts';

test('a request waits for the transaction under way, and the worker starts none while a request runs (each bounded)', () => {
  const gate = new WriteGate();
  let started = performance.now();
  gate.enter(0);
  gate.hold(() => assert.ok(performance.now() - started >= 25, 'the request waited for the transaction'), 30);
  gate.leave();
  started = performance.now();
  gate.hold(() => assert.ok(performance.now() - started < 25, 'no transaction: no wait'));
  gate.hold(() => {
    const entered = performance.now();
    gate.enter(30);
    assert.ok(performance.now() - entered >= 25, 'the worker waited for the request, then went on at its deadline');
    gate.leave();
  });
  started = performance.now();
  gate.enter(30);
  assert.ok(performance.now() - started < 25, 'no request: the worker goes straight on');
  gate.leave();
});

test('across threads: a request runs only once the worker has committed, and the worker resumes after it', async () => {
  const gate = new WriteGate();
  const log = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const cells = new Int32Array(workerData.gate, 0, 2);
    const log = new Int32Array(workerData.log);
    // enter(): announce, then look for requests (as WriteGate does).
    Atomics.store(cells, 1, 1);
    parentPort.postMessage('in');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 80); // an 80 ms transaction
    Atomics.store(log, 0, 1); // committed
    Atomics.store(cells, 1, 0);
    Atomics.notify(cells, 1);
    `,
    { eval: true, workerData: { gate: gate.buffer, log: log.buffer } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  gate.hold(() => assert.equal(Atomics.load(log, 0), 1, 'the request ran after the worker committed'), 5_000);
  await new Promise((resolve) => worker.once('exit', resolve));
});
