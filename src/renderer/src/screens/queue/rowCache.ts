/**
 * The rows of one queue query (filters, sort, grouping), fetched from the
 * core in blocks as the viewport moves, and kept in a bounded LRU cache.
 *
 * - Only the blocks the viewport wants are fetched, a few at a time: dragging
 *   the scrollbar across a million rows asks for where it stops, not for every
 *   block it passed.
 * - Each block remembers the data generation it was read at; when the core
 *   announces a newer one (`queue.changed`, or a status set here), visible
 *   blocks are read again and the others when next shown. Until then their
 *   rows stay on screen, so nothing flickers.
 */
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { QueueFilters, QueueRow, Sort } from '../../../../shared/triage.ts';

export const BLOCK_SIZE = 200;
/** At most this many blocks (of BLOCK_SIZE rows) are kept. */
const MAX_BLOCKS = 40;
/** At most this many requests in flight. */
const MAX_IN_FLIGHT = 2;

export interface QuerySpec {
  readonly filters: QueueFilters;
  readonly sort: Sort;
  readonly grouping: 'reports' | 'clusters';
}

export interface PageAnswer {
  readonly total: number;
  readonly rows: readonly QueueRow[];
  readonly generation: number;
}

export type FetchBlock = (spec: QuerySpec, offset: number, limit: number) => Promise<{ ok: true; value: PageAnswer } | { ok: false; error: AppErrorShape }>;

interface Block {
  rows: QueueRow[];
  generation: number;
}

export interface CacheSnapshot {
  /** Rows in the result; null until the first answer. */
  readonly total: number | null;
  readonly error: AppErrorShape | null;
  /** Changes whenever rows, total or error change: a render key. */
  readonly version: number;
}

export class RowCache {
  readonly spec: QuerySpec;
  private readonly fetchBlock: FetchBlock;
  private readonly blocks = new Map<number, Block>();
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private wanted: { first: number; last: number } = { first: 0, last: 0 };
  private latestGeneration = -1;
  private snapshot: CacheSnapshot = { total: null, error: null, version: 0 };
  private disposed = false;

  constructor(spec: QuerySpec, fetchBlock: FetchBlock) {
    this.spec = spec;
    this.fetchBlock = fetchBlock;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CacheSnapshot => this.snapshot;

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  /** The row at `index`, if its block is loaded (possibly from an older generation). */
  row(index: number): QueueRow | undefined {
    const block = this.blocks.get(Math.floor(index / BLOCK_SIZE));
    return block?.rows[index % BLOCK_SIZE];
  }

  /** The loaded rows among these report ids (a selection may hold rows no longer loaded). */
  rowsOf(ids: ReadonlySet<string>): QueueRow[] {
    // Blocks of different generations may hold the same report: the newest wins.
    const found = new Map<string, { row: QueueRow; generation: number }>();
    for (const block of this.blocks.values()) {
      for (const row of block.rows) {
        const seen = found.get(row.id);
        if (ids.has(row.id) && (!seen || seen.generation < block.generation)) found.set(row.id, { row, generation: block.generation });
      }
    }
    return [...found.values()].map((entry) => entry.row);
  }

  /** Whether any row is loaded at all. */
  get loaded(): boolean {
    return this.blocks.size > 0;
  }

  /** Tells which rows the viewport shows (overscan included); fetches what they need. */
  want(startRow: number, endRow: number): void {
    const first = Math.floor(Math.max(0, startRow) / BLOCK_SIZE);
    const last = Math.floor(Math.max(0, endRow - 1) / BLOCK_SIZE);
    this.touch(first, last);
    if (first === this.wanted.first && last === this.wanted.last && !this.needsFetch()) return;
    this.wanted = { first, last };
    this.pump();
  }

  /** The core says the data changed: blocks older than `generation` are stale. */
  markGeneration(generation: number): void {
    if (generation <= this.latestGeneration) return;
    this.latestGeneration = generation;
    this.pump();
  }

  /** Reads the wanted blocks again, whatever their generation (and clears an error). */
  refresh(): void {
    for (const block of this.blocks.values()) block.generation = -1;
    if (this.snapshot.error) this.publish({ error: null });
    this.pump();
  }

  /** Changes loaded rows at once (a status set here), before the core's answer. */
  patch(update: (row: QueueRow) => QueueRow | null): void {
    let changed = false;
    for (const block of this.blocks.values()) {
      block.rows = block.rows.map((row) => {
        const next = update(row);
        if (next && next !== row) {
          changed = true;
          return next;
        }
        return row;
      });
    }
    if (changed) this.publish({});
  }

  private needsFetch(): boolean {
    for (let index = this.wanted.first; index <= this.wanted.last; index += 1) {
      if (this.isMissingOrStale(index) && !this.inFlight.has(index)) return true;
    }
    return false;
  }

  private isMissingOrStale(index: number): boolean {
    const block = this.blocks.get(index);
    return !block || block.generation < this.latestGeneration;
  }

  private pump(): void {
    if (this.disposed) return;
    const { first, last } = this.wanted;
    // Missing blocks first (they show placeholders), then stale ones; the middle of the view first.
    const candidates: number[] = [];
    for (let index = first; index <= last; index += 1) {
      if (this.total !== null && index * BLOCK_SIZE >= this.total && index > 0) continue;
      if (this.isMissingOrStale(index) && !this.inFlight.has(index)) candidates.push(index);
    }
    candidates.sort((a, b) => Number(this.blocks.has(a)) - Number(this.blocks.has(b)));
    for (const index of candidates) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) break;
      this.load(index);
    }
  }

  private get total(): number | null {
    return this.snapshot.total;
  }

  private load(index: number): void {
    this.inFlight.add(index);
    const askedAt = this.latestGeneration;
    void this.fetchBlock(this.spec, index * BLOCK_SIZE, BLOCK_SIZE).then(
      (result) => {
        this.inFlight.delete(index);
        if (this.disposed) return;
        if (!result.ok) {
          this.publish({ error: result.error });
          return;
        }
        const { rows, total, generation } = result.value;
        const block: Block = { rows: [...rows], generation: Math.max(generation, askedAt) };
        this.blocks.delete(index);
        this.blocks.set(index, block);
        this.evict();
        // A newer generation seen in an answer makes every other block stale.
        if (generation > this.latestGeneration) this.latestGeneration = generation;
        this.publish({ total, error: null });
        this.pump();
      },
      () => {
        this.inFlight.delete(index);
      },
    );
  }

  private evict(): void {
    while (this.blocks.size > MAX_BLOCKS) {
      let victim: number | undefined;
      for (const key of this.blocks.keys()) {
        if (key < this.wanted.first || key > this.wanted.last) {
          victim = key;
          break;
        }
      }
      if (victim === undefined) return;
      this.blocks.delete(victim);
    }
  }

  /** Marks blocks as recently used (LRU order). */
  private touch(first: number, last: number): void {
    for (let index = first; index <= last; index += 1) {
      const block = this.blocks.get(index);
      if (block) {
        this.blocks.delete(index);
        this.blocks.set(index, block);
      }
    }
  }

  private publish(change: { total?: number; error?: AppErrorShape | null }): void {
    this.snapshot = {
      total: change.total ?? this.snapshot.total,
      error: change.error === undefined ? this.snapshot.error : change.error,
      version: this.snapshot.version + 1,
    };
    for (const listener of this.listeners) listener();
  }
}
