/**
 * The triage queue as the renderer and the CLI ask for it: the index of the
 * unlocked store (loaded on first use, refreshed as sync applies changes),
 * full-text search through FTS5, the page's rows read from the store by rowid,
 * and a small cache of recent selections so that scrolling through one view
 * costs a slice, not a query.
 *
 * During a sync run, the queue reads through a connection of its own that
 * keeps one snapshot of the store from a refresh to the next (`holdSnapshot`).
 * SQLite drops a connection's whole page cache when it reads after another
 * connection committed; the sync worker commits many times a second, so each
 * queue request read and decrypted again the pages of the rows it shows (p50
 * 8 ms instead of 1.3 in `bench:queue -- --sync-only`). The snapshot also
 * keeps the page's rows, the search and the index from the same state of the
 * store.
 */
import type { Db } from '../store/database.ts';
import type { Unlocked } from '../session/session.ts';
import type { QueuePage, QueueQuery, QueueRow, SortKey } from '../../shared/triage.ts';
import { QueueQuery as QueueQuerySchema } from '../../shared/triage.ts';
import { defangUrl } from '../../shared/defang.ts';
import { canonicaliseUrl } from '../urls/canonical-url.ts';
import { clusterKeys, indexRowsByRowid, revisionPayloads } from '../reports/queue-reads.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { readTriageSettings } from './priority.ts';
import { QueueIndex, type Scoring, type Selection } from './queue-index.ts';
import { ftsMatchExpression, snippet } from '../text/search-text.ts';

type ParsedQuery = ReturnType<typeof QueueQuerySchema.parse>;

interface CachedSelection {
  generation: number;
  minute: number;
  selection: Selection;
}

const MAX_CACHED = 12;
/** Rows a refresh during a sync reads and applies at a time, letting queries through between slices. */
const REFRESH_SLICE = 256;
/**
 * A slice that held the thread longer than this halves the next one (down to MIN_REFRESH_SLICE rows); one well
 * under it doubles the next (up to REFRESH_SLICE). A slice of 256 rows takes about 1 ms, but 5-25 ms while the
 * machine is busy (the sync's first slices, the writer starting on the other core: `bench:queue -- --sync-only`).
 */
const SLICE_BUDGET_MS = 6;
export const MIN_REFRESH_SLICE = 32;
/**
 * The longest a snapshot is held: a sync that stalls between refreshes leaves it no longer than this (a read
 * transaction keeps the writer's checkpoints from passing it, so the WAL would grow).
 */
export const SNAPSHOT_MAX_MS = 2000;
/**
 * Between a sync's slices, a cached order with at least this many rows waiting is put back in place (one order per
 * task), rather than by the next request that asks for it: that of a view not asked for during the sync would
 * otherwise put thousands of rows in place inside a request (`bench:queue -- --sync-only`: 14-30 ms for
 * 5,000-25,000 rows; 1,000 take 2-5 ms). The order the last query asked for is put in place after every slice:
 * 900 rows of the priority order took 12-15 ms inside the first request after the sync's first slices.
 */
export const BACKGROUND_SETTLE_MIN = 1000;
/** Page cache of the queue's own connection, in MiB: the pages of the rows shown during a sync. */
export const READER_CACHE_MIB = 32;
/** URLs whose shown forms are kept (`urlCells`): a few pages of rows of the views in use. */
const SHOWN_URLS_KEPT = 2048;

/** A URL as a queue row shows it: defanged, and the account it names once a row needed it (null: none). */
interface ShownUrl {
  defanged: string;
  account?: string | null;
}

export class QueueService {
  private index: QueueIndex | null = null;
  private loading: Promise<QueueIndex> | null = null;
  private readonly selections = new Map<string, CachedSelection>();
  private readonly searches = new Map<string, { generation: number; candidates: Int32Array }>();
  private refreshTimer: NodeJS.Timeout | null = null;
  /** The last URLs shown, most recent last (`urlCells`). */
  private readonly shownUrls = new Map<string, ShownUrl>();
  /** Rowids sync touched that the index has not read yet. */
  private pending = new Set<number>();
  /** A refresh reading its rows in slices; `refreshNow` takes its rowids over. */
  private slicing: { rowids: number[]; cancelled: boolean } | null = null;
  private readonly unlocked: () => Unlocked;
  private readonly emitChanged: (generation: number) => void;
  private readonly links: QueueLinks;
  /** Rowid → references of the (visible) cases holding it, read on first use after each change. */
  private membership: Map<number, string[]> | null = null;
  private readonly linkCandidates = new Map<string, { generation: number; candidates: Int32Array }>();
  private readonly now: () => number;
  /** Opens the queue's own read-only connection to the unlocked store (none: every read goes through the main one). */
  private readonly openReader: (() => Db) | null;
  private reader: Db | null = null;
  private readonly snapshotMaxMs: number;
  private readonly backgroundSettleMin: number;
  /** The order the last query asked for: the next one likely asks for it again, and finds it in place. */
  private lastSort: SortKey | null = null;
  /** The snapshot held during a sync, on `reader`, released at the latest after SNAPSHOT_MAX_MS. */
  private snapshot: { db: Db; timer: NodeJS.Timeout } | null = null;

  /** `unlocked` gives the open store, or throws LOCKED. */
  constructor(
    unlocked: () => Unlocked,
    options: {
      emitChanged: (generation: number) => void;
      now?: () => number;
      links?: QueueLinks;
      openReader?: () => Db;
      snapshotMaxMs?: number;
      /** Rows an order has waiting for it to be put back in place between slices (BACKGROUND_SETTLE_MIN; tests use small stores). */
      backgroundSettleMin?: number;
    },
  ) {
    this.backgroundSettleMin = options.backgroundSettleMin ?? BACKGROUND_SETTLE_MIN;
    this.openReader = options.openReader ?? null;
    this.snapshotMaxMs = options.snapshotMaxMs ?? SNAPSHOT_MAX_MS;
    this.links = options.links ?? NO_LINKS;
    this.unlocked = unlocked;
    this.emitChanged = options.emitChanged;
    this.now = options.now ?? Date.now;
  }

  /** Generations keep growing across indexes, so that a page of a forgotten index is never taken as current. */
  private nextGeneration = 1;

  /** Forgets the index (on lock, or when the data under it was replaced); closes the queue's own connection. */
  reset(): void {
    this.closeReader();
    this.membership = null;
    this.linkCandidates.clear();
    this.nextGeneration = Math.max(this.nextGeneration, (this.index?.generation ?? 0) + 1);
    this.index?.wipe();
    this.index = null;
    this.loading = null;
    this.selections.clear();
    this.searches.clear();
    // The reported URLs and accounts shown go with the index's texts (a locked store keeps none in memory).
    this.shownUrls.clear();
    this.pending.clear();
    if (this.slicing) this.slicing.cancelled = true;
    this.slicing = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  /**
   * The connection queue reads go through: the snapshot held during a sync, or the main connection. Throws LOCKED
   * when the store is locked.
   */
  private readDb(): Db {
    const { db } = this.unlocked();
    return this.snapshot?.db ?? db;
  }

  /**
   * Starts a new snapshot on the queue's own connection (a sync's first page, then each refresh: the rows a refresh
   * reads were committed before it), held for the queries until the next refresh, a change made here, or
   * SNAPSHOT_MAX_MS.
   */
  private holdSnapshot(): void {
    this.releaseSnapshot();
    if (!this.openReader) return;
    const db = (this.reader ??= this.openReader());
    try {
      db.prepare('BEGIN').run();
      // A deferred transaction takes its snapshot at its first read.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      // The connection cannot read (its key went with a rotation that did not close it): the queue reads through the
      // main connection, and the next refresh opens a new one.
      this.closeReader();
      return;
    }
    const timer = setTimeout(() => this.releaseSnapshot(), this.snapshotMaxMs);
    timer.unref();
    this.snapshot = { db, timer };
  }

  /** Ends the snapshot: the next reads see the store as it is now. */
  private releaseSnapshot(): void {
    const held = this.snapshot;
    if (!held) return;
    this.snapshot = null;
    clearTimeout(held.timer);
    if (held.db.inTransaction) held.db.prepare('COMMIT').run();
  }

  /** Closes the queue's own connection (lock, key rotation: it holds the database key); reopened when next needed. */
  closeReader(): void {
    this.releaseSnapshot();
    const reader = this.reader;
    this.reader = null;
    reader?.close();
  }

  /** The index of the unlocked store, loaded on first use. */
  async ready(): Promise<{ db: Db; index: QueueIndex }> {
    const { db } = this.unlocked();
    if (this.index) return { db, index: this.index };
    if (!this.loading) {
      const index = new QueueIndex(scoringOf(db), this.nextGeneration);
      const loading = index.load(db, () => new Promise((resolve) => setImmediate(resolve))).then(() => {
        // A lock during the load made this index stale.
        if (this.loading === loading) {
          this.index = index;
          // Rows sync changed while the load went on (possibly after their chunk was read).
          this.refreshNow();
        }
        return index;
      });
      this.loading = loading;
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
    }
    const index = await this.loading;
    return { db: this.unlocked().db, index };
  }

  /** A sync page was committed: read its reports again (at most once a second) and tell the renderer. */
  applied(rowids: Iterable<number>): void {
    if (!this.index && !this.loading) return; // loaded later, from the store as it is then
    for (const rowid of rowids) this.pending.add(rowid);
    // A sync is writing: from its first page, the queue's page reads a snapshot rather than the main connection,
    // whose page cache each of the writer's commits drops (the first refresh comes a second later).
    if (!this.snapshot && this.index) {
      try {
        this.holdSnapshot();
      } catch {
        // Locked meanwhile: the next unlock loads a fresh index.
      }
    }
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refreshInSlices();
    }, 1000);
    this.refreshTimer.unref();
  }

  /**
   * During a sync: reads and applies the rows it changed a slice at a time,
   * letting the renderer's queries through in between (each slice is a
   * generation of its own; the cached orders note which rows moved), then
   * reads the attachment marks again and tells the renderer. Applying the
   * whole refresh at once (3,000-6,000 rows a second in `bench:queue --
   * --sync-only`) kept a request waiting up to 65 ms.
   */
  private async refreshInSlices(): Promise<void> {
    const index = this.index;
    if (!index || this.slicing || this.pending.size === 0) {
      if (index && !this.slicing) this.refreshNow(); // only marks may have changed
      return;
    }
    const job = { rowids: [...this.pending], cancelled: false };
    this.pending.clear();
    this.slicing = job;
    try {
      // Every row of the job was committed before this: the snapshot sees them, and the queries until the next
      // refresh read the store as the index has it.
      this.holdSnapshot();
      // A timer, not an immediate: an immediate queued by the task before runs ahead of timers that fell due during
      // that task, so a request due then waited for two tasks (the bench's requests come as timers).
      const pause = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));
      // The first slices of a sync are the slowest (7-11 ms for the first 64 rows, 14-25 ms for 256): start small.
      let slice = MIN_REFRESH_SLICE * 2;
      for (let k = 0; k < job.rowids.length; ) {
        if (job.cancelled || this.index !== index) return;
        const started = performance.now();
        const rowids = job.rowids.slice(k, k + slice);
        k += rowids.length;
        index.apply(indexRowsByRowid(this.readDb(), rowids));
        const took = performance.now() - started;
        slice = took > SLICE_BUDGET_MS ? Math.max(MIN_REFRESH_SLICE, slice / 2) : took < SLICE_BUDGET_MS / 4 ? Math.min(REFRESH_SLICE, slice * 2) : slice;
        // The orders that fell behind, one per task, before the next slice: the one the last query asked for (the
        // next request likely asks for it again), and those with backgroundSettleMin rows or more waiting. Each in
        // a task after the slice's, not in it: on a busy core, a sync's first slice and its first order put back
        // in place took 17-25 and 18-31 ms (bench:queue -- --sync-only), and a request due meanwhile waited for both.
        // The pause before the settle that finds nothing left is the one before the next slice.
        do {
          await pause();
          if (job.cancelled || this.index !== index) return;
        } while (index.settleWaiting(this.backgroundSettleMin, this.lastSort));
      }
      this.slicing = null;
      index.apply([], this.readDb());
      this.emitChanged(index.generation);
    } catch {
      // Locked meanwhile: the next unlock loads a fresh index.
    } finally {
      if (this.slicing === job) this.slicing = null;
    }
    // Pages committed while this one read its rows.
    if (this.pending.size > 0 && !this.refreshTimer) this.applied([]);
  }

  /** Reads what sync changed now (end of a sync run, tests), from the store as it is now. */
  refreshNow(): void {
    this.releaseSnapshot();
    if (!this.index) return;
    if (this.slicing) {
      // A refresh in slices is reading: its rows are read again here, now.
      this.slicing.cancelled = true;
      for (const rowid of this.slicing.rowids) this.pending.add(rowid);
      this.slicing = null;
    }
    try {
      const { db } = this.unlocked();
      const rowids = [...this.pending];
      this.pending.clear();
      const before = this.index.generation;
      // Also when only marks changed (quarantined attachments, known-hash list matches found after the sync).
      if (this.index.refresh(db, rowids) > 0 || rowids.length > 0 || this.index.generation !== before) this.emitChanged(this.index.generation);
    } catch {
      // Locked meanwhile: the next unlock loads a fresh index.
    }
  }

  /** The data under the queue was replaced (demo purged, another intake service): read it again, and say so. */
  replaced(): void {
    this.reset();
    this.emitChanged(this.nextGeneration);
  }

  /** Cases gained or lost reports, or changed who sees them: the "in a case" filter and the case column read them again. */
  casesChanged(): void {
    this.membership = null;
    this.linkCandidates.clear();
    this.linksChanged();
  }

  /** Reports got their observables indexed after they were stored: the observable filter reads its links again. */
  observablesChanged(): void {
    this.linksChanged();
  }

  /** The rows are the same, what links them changed: a new generation drops the cached matches (link filters included). */
  private linksChanged(): void {
    this.releaseSnapshot();
    if (!this.index) return;
    this.index.touch();
    this.emitChanged(this.index.generation);
  }

  private caseRefs(): Map<number, string[]> {
    this.membership ??= this.links.caseMembership();
    return this.membership;
  }

  /** Rows allowed by the case and observable filters (null: no such filter). */
  private linkFilter(index: QueueIndex, filters: ParsedQuery['filters']): Int32Array | null {
    if (filters.inCase === undefined && filters.observableId === undefined && filters.caseRef === undefined) return null;
    const key = JSON.stringify([filters.inCase ?? null, filters.observableId ?? null, filters.caseRef ?? null]);
    const cached = this.linkCandidates.get(key);
    if (cached && cached.generation === index.generation) return cached.candidates;
    const mask = new Uint8Array(index.size);
    mask.fill(1);
    if (filters.inCase !== undefined) {
      const inCase = new Uint8Array(index.size);
      for (const rowid of this.caseRefs().keys()) {
        const i = index.indexOf(rowid);
        if (i >= 0) inCase[i] = 1;
      }
      for (let i = 0; i < index.size; i++) if ((inCase[i] === 1) !== filters.inCase) mask[i] = 0;
    }
    if (filters.observableId !== undefined) {
      const holding = new Uint8Array(index.size);
      for (const rowid of this.links.observableReports(filters.observableId)) {
        const i = index.indexOf(rowid);
        if (i >= 0) holding[i] = 1;
      }
      for (let i = 0; i < index.size; i++) if (holding[i] === 0) mask[i] = 0;
    }
    if (filters.caseRef !== undefined) {
      const holding = new Uint8Array(index.size);
      for (const rowid of this.links.caseReports(filters.caseRef)) {
        const i = index.indexOf(rowid);
        if (i >= 0) holding[i] = 1;
      }
      for (let i = 0; i < index.size; i++) if (holding[i] === 0) mask[i] = 0;
    }
    let n = 0;
    for (let i = 0; i < index.size; i++) n += mask[i]!;
    const candidates = new Int32Array(n);
    for (let i = 0, k = 0; i < index.size; i++) if (mask[i] === 1) candidates[k++] = i;
    this.linkCandidates.set(key, { generation: index.generation, candidates });
    if (this.linkCandidates.size > 8) this.linkCandidates.delete(this.linkCandidates.keys().next().value as string);
    return candidates;
  }

  /** A status set here, shown in the queue at once. */
  statusSet(rowids: number[], status: string, workstationId: string): void {
    // Written on the main connection: the page's rows must show it too.
    this.releaseSnapshot();
    if (!this.index) {
      // Still loading: its chunks may have read these rows before the change; read them again after.
      if (this.loading) for (const rowid of rowids) this.pending.add(rowid);
      return;
    }
    this.index.setStatuses(rowids, status, workstationId);
    this.emitChanged(this.index.generation);
  }

  /** New weights, deadlines or workstation id. */
  rescore(): void {
    this.releaseSnapshot();
    if (!this.index) return;
    const { db } = this.unlocked();
    this.index.rescore(scoringOf(db), db);
    this.emitChanged(this.index.generation);
  }

  async generation(): Promise<number> {
    return (await this.ready()).index.generation;
  }

  async query(input: QueueQuery): Promise<QueuePage> {
    const started = performance.now();
    const q: ParsedQuery = QueueQuerySchema.parse(input);
    this.lastSort = q.sort.key;
    const { index } = await this.ready();
    // Only the queue's page reads the snapshot: other readers (the report view, the dashboard) see the store as it
    // is now, with what was just written on the main connection (a note, a case).
    const db = this.readDb();
    const nowMs = this.now();
    const selection = this.select(db, index, q, nowMs);
    const slice = index.rowsUpTo(selection, q.offset + q.limit).subarray(q.offset);
    const matches = selection.clusterMatches?.subarray(q.offset, q.offset + q.limit) ?? null;
    // The cluster's content is shown on group rows and above the reports of one cluster only.
    const withClusterKeys = q.grouping === 'clusters' || q.filters.clusterId !== undefined;
    const rows = this.rows(db, index, slice, matches, q.filters.search, nowMs, withClusterKeys);
    return {
      total: selection.rows.length,
      offset: q.offset,
      rows,
      facets: selection.facets,
      generation: index.generation,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  private select(db: Db, index: QueueIndex, q: ParsedQuery, nowMs: number): Selection {
    const minute = Math.floor(nowMs / 60_000);
    const key = JSON.stringify([q.filters, q.sort, q.grouping]);
    const cached = this.selections.get(key);
    if (cached && cached.generation === index.generation && cached.minute === minute && (cached.selection.facets !== null || !q.facets)) {
      // Most recently used last.
      this.selections.delete(key);
      this.selections.set(key, cached);
      return cached.selection;
    }
    // The stale selection of the same view goes: its arrays serve the new one (nothing else holds them).
    if (cached) {
      this.selections.delete(key);
      index.release(cached.selection);
    }
    const searched = q.filters.search !== undefined ? this.searchCandidates(db, index, q.filters.search) : null;
    const candidates = intersect(index.size, searched, this.linkFilter(index, q.filters));
    // Written as far as this page: a later page of the same selection writes more (`rowsUpTo`).
    const selection = index.select(q.filters, q.sort, { nowMs, facets: q.facets, grouping: q.grouping, candidates, upTo: q.offset + q.limit });
    this.selections.set(key, { generation: index.generation, minute, selection });
    // The least recently used go, and their arrays back to the index's pool: dropped to the garbage collector,
    // the pool ran dry and the next order repositioned or selection made took a fresh million-row array, whose
    // page faults cost 15-20 ms inside a queue request (bench:queue -- --sync-only).
    for (const [oldest, { selection: evicted }] of this.selections) {
      if (this.selections.size <= MAX_CACHED) break;
      this.selections.delete(oldest);
      index.release(evicted);
    }
    return selection;
  }

  /** Rows whose text matches the search (an empty search matches everything: null). */
  private searchCandidates(db: Db, index: QueueIndex, search: string): Int32Array | null {
    const expression = ftsMatchExpression(search);
    if (expression === null) return null;
    const cached = this.searches.get(expression);
    if (cached && cached.generation === index.generation) return cached.candidates;
    const rowids = db.prepare('SELECT rowid FROM report_search WHERE report_search MATCH ?').raw().pluck().all(expression) as number[];
    const candidates = new Int32Array(rowids.length);
    let n = 0;
    for (const rowid of rowids) {
      const i = index.indexOf(rowid);
      if (i >= 0) candidates[n++] = i;
    }
    const result = candidates.subarray(0, n);
    this.searches.set(expression, { generation: index.generation, candidates: result });
    if (this.searches.size > 8) this.searches.delete(this.searches.keys().next().value as string);
    return result;
  }

  private rows(db: Db, index: QueueIndex, slice: Int32Array, matches: Int32Array | null, search: string | undefined, nowMs: number, withClusterKeys: boolean): QueueRow[] {
    if (slice.length === 0) return [];
    // The rows' cells come from the index, not the store (queue-index/texts.ts says why).
    const description = search?.trim() ? revisionPayloads(db) : null;
    const clusterKey = withClusterKeys ? clusterKeys(db, Array.from(slice, (i) => index.cluster[i]!)) : () => null;
    const rows: QueueRow[] = [];
    slice.forEach((i, k) => {
      const row = index.cells(i);
      const cluster = index.cluster[i]!;
      let highlighted: QueueRow['snippet'] = null;
      if (description && search) {
        const payload = description(row.id, row.revision);
        const text = payload ? ((JSON.parse(payload) as { content?: { description?: unknown } }).content?.description ?? '') : '';
        highlighted = snippet(typeof text === 'string' ? text : '', search);
      }
      // The reporter's field, else the account the first URL names (canonicaliseUrl keeps what it worked out).
      const shown = row.firstUrl === null ? null : this.urlCells(row.firstUrl, row.accountHandle === null);
      const urlAccount = row.accountHandle === null ? (shown?.account ?? null) : null;
      rows.push({
        id: row.id,
        category: row.category,
        platform: row.platform,
        status: row.status,
        statusWorkstation: row.statusWorkstation,
        claimedByOther: index.statusCodeAt(i) === 2,
        submittedAt: row.submittedAt,
        region: row.region,
        country: row.country,
        reporterMode: row.reporterMode,
        imminentDanger: row.imminentDanger,
        attachments: row.attachments,
        accountHandle: row.accountHandle ?? urlAccount,
        accountFromUrl: urlAccount !== null,
        url: shown === null ? null : shown.defanged,
        priority: index.priorityAtIndex(i, nowMs),
        deadlineAt: new Date(index.deadlineAt(i)).toISOString(),
        overdue: index.isOverdue(i, nowMs),
        clusterId: cluster,
        clusterKey: clusterKey(cluster),
        clusterSize: index.clusterSize(cluster),
        clusterMatches: matches ? matches[k]! : null,
        demo: index.isDemo(i),
        snippet: highlighted,
        cases: this.caseRefs().get(index.rowid[i]!) ?? [],
      });
    });
    return rows;
  }

  /**
   * What a row shows of its first URL: the URL defanged, and the account it names. Both depend on the URL's text
   * alone, so the last URLs shown keep theirs: the first page of a view is asked again and again, and working them
   * out was a tenth of this thread's time during a sync (`bench:queue -- --sync-only`, CPU profile).
   */
  private urlCells(url: string, withAccount: boolean): ShownUrl {
    let cells = this.shownUrls.get(url);
    if (cells === undefined) {
      cells = { defanged: defangUrl(url) };
      if (this.shownUrls.size >= SHOWN_URLS_KEPT) this.shownUrls.delete(this.shownUrls.keys().next().value as string);
    } else this.shownUrls.delete(url);
    // The account only for rows whose reporter named none (the URL of one that did is not worked out).
    if (withAccount && cells.account === undefined) cells.account = canonicaliseUrl(url)?.account ?? null;
    this.shownUrls.set(url, cells);
    return cells;
  }
}

/** What the queue needs of cases and observables (core.ts wires them: triage does not import cases). */
export interface QueueLinks {
  /** For each report in a case the unlocked analyst may see: the references of those cases. */
  caseMembership(): Map<number, string[]>;
  /** Rowids of the reports holding an observable. */
  observableReports(observableId: number): number[];
  /** Rowids of the reports of a case the analyst may see (none for a case hidden or absent). */
  caseReports(ref: string): number[];
}

const NO_LINKS: QueueLinks = { caseMembership: () => new Map(), observableReports: () => [], caseReports: () => [] };

/** Rows in every given set (null: no restriction); sets hold row indexes. */
function intersect(size: number, ...sets: (Int32Array | null)[]): Int32Array | null {
  const given = sets.filter((set): set is Int32Array => set !== null);
  if (given.length <= 1) return given[0] ?? null;
  const seen = new Uint8Array(size);
  for (const set of given) for (const i of set) seen[i]! += 1;
  const out: number[] = [];
  for (const i of given[0]!) if (seen[i] === given.length) out.push(i);
  return Int32Array.from(out);
}

export function scoringOf(db: Db): Scoring {
  const { weights, deadlines } = readTriageSettings(db);
  return { weights, deadlines, workstationId: readIntakeConfig(db)?.workstationId ?? null };
}
