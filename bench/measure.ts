/** What the benchmarks share: a line out, a call through the contract, a timing, a percentile. */
import { createHash } from 'node:crypto';
import type { Core } from '../src/main/core.ts';

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A channel called as the renderer calls it; a refusal stops the benchmark. */
export async function call<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The p-th percentile (nearest rank) of the samples; 0 for none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Milliseconds `fn` took, and what it gave. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

/**
 * This VM's speed drifts by up to 50 % within minutes: a fixed piece of CPU work (SHA-256 of 512 MiB, one core),
 * printed beside the figures, says how fast the machine was while they were taken. Compare runs whose yardsticks match.
 */
export function yardstick(): number {
  const chunk = Buffer.alloc(64 * 1024, 7);
  const started = performance.now();
  const hash = createHash('sha256');
  for (let i = 0; i < 8192; i += 1) hash.update(chunk);
  hash.digest();
  return performance.now() - started;
}
