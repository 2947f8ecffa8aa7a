/**
 * `npm run bench:kdf`: how long one passphrase derivation takes with the
 * workstation's scrypt parameters (and its neighbours), on this machine.
 * The target is about half a second: slow for a guesser, quick for an analyst.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { cpus } from 'node:os';
import { DEFAULT_SCRYPT, type ScryptParams } from '../src/main/crypto/key-wrap.ts';

function derive(params: ScryptParams): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    scrypt('bench passphrase', randomBytes(16), 32, { ...params, maxmem: 128 * params.N * params.r * params.p + 16 * 1024 * 1024 }, (error) =>
      error ? reject(error) : resolve(performance.now() - started),
    );
  });
}

const candidates: ScryptParams[] = [
  { N: 2 ** 16, r: 8, p: 1 },
  { N: 2 ** 17, r: 8, p: 1 },
  DEFAULT_SCRYPT,
  { N: 2 ** 18, r: 8, p: 1 },
];
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, Node ${process.versions.node}`);
console.log('N        r   p   memory    median of 5');
for (const params of candidates) {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) times.push(await derive(params));
  times.sort((a, b) => a - b);
  const mark = params === DEFAULT_SCRYPT ? '  <- workstation default' : '';
  const memory = `${(128 * params.N * params.r * params.p) / 2 ** 20} MiB`;
  console.log(`2^${Math.log2(params.N)}`.padEnd(9) + `${params.r}`.padEnd(4) + `${params.p}`.padEnd(4) + memory.padEnd(10) + `${times[2]!.toFixed(0)} ms${mark}`);
}
