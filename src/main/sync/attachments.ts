/**
 * Attachments: downloaded with bounded concurrency, checked against the size
 * and sha256 the report declares before they are kept (inside the encrypted
 * database, never as a plaintext file), resumed with Range where the service
 * allows it. A mismatch is retried, then quarantined; the report stays.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { CancelledError, IntakeRefusedError, TransientError, type IntakeClient } from './intake-client.ts';
import { BodyTooLargeError } from './http-exchange.ts';

/** Downloads whose bytes do not match before the attachment is quarantined. */
export const MAX_MISMATCHES = 3;

interface PendingAttachment {
  id: string;
  report_id: string;
  size: number;
  sha256: string;
  attempts: number;
}

export interface AttachmentOutcome {
  verified: number;
  quarantined: number;
}

function statements(db: Db) {
  return {
    partial: db.prepare('SELECT content, received_bytes FROM attachments WHERE id = ?'),
    savePartial: db.prepare('UPDATE attachments SET content = ?, received_bytes = ? WHERE id = ?'),
    verified: db.prepare("UPDATE attachments SET state = 'verified', content = ?, received_bytes = ?, verified_at = ?, last_error = NULL WHERE id = ?"),
    mismatch: db.prepare('UPDATE attachments SET attempts = attempts + 1, last_error = ?, content = NULL, received_bytes = 0 WHERE id = ?'),
    quarantined: db.prepare("UPDATE attachments SET state = 'quarantined', last_error = ?, content = NULL, received_bytes = 0 WHERE id = ?"),
    quarantine: db.prepare("INSERT OR IGNORE INTO quarantine (seq, kind, reason_code, reason, payload, attachment_id, report_id, received_at) VALUES (NULL, 'attachment', ?, ?, ?, ?, ?, ?)"),
  };
}

/** Reads a body up to `limit` bytes; a body that breaks off keeps what arrived in `chunks`. */
async function readBody(response: Response, limit: number, chunks: Buffer[]): Promise<void> {
  if (!response.body) return;
  let total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  for await (const chunk of response.body) {
    const buffer = Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    chunks.push(buffer);
    if (total > limit) {
      await response.body.cancel().catch(() => {});
      return;
    }
  }
}

async function downloadOnce(db: Db, client: IntakeClient, s: ReturnType<typeof statements>, attachment: PendingAttachment): Promise<Buffer> {
  return client.withRetries(async () => {
    const partial = s.partial.get(attachment.id) as { content: Buffer | null; received_bytes: number };
    const resumeFrom = partial.content && partial.received_bytes > 0 ? partial.received_bytes : 0;
    // The exchange itself stops a body past the declared size (on the bytes sent and once
    // decompressed: a compressed attachment could inflate without end), a byte beyond it being
    // enough to know it does not match.
    const cap = { maxBodyBytes: attachment.size + 1 };
    const response = await client.request(`/attachments/${encodeURIComponent(attachment.id)}`, resumeFrom > 0 ? { headers: { Range: `bytes=${resumeFrom}-` }, ...cap } : cap);
    const resumed = response.status === 206 && resumeFrom > 0;
    const chunks: Buffer[] = resumed && partial.content ? [partial.content] : [];
    const rangesAllowed = response.headers.get('accept-ranges')?.toLowerCase() === 'bytes';
    try {
      await readBody(response, attachment.size, chunks);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      // Longer than declared: what arrived (up to the cap) is checked, and does not match.
      if (error instanceof BodyTooLargeError) return Buffer.concat(chunks);
      // Keep what arrived, so that the next attempt asks only for the rest.
      if (rangesAllowed) {
        const received = Buffer.concat(chunks);
        s.savePartial.run(received, received.length, attachment.id);
      }
      throw new TransientError(`attachment ${attachment.id}: connection lost after ${chunks.reduce((n, c) => n + c.length, 0)} bytes`);
    }
    return Buffer.concat(chunks);
  });
}

/**
 * Verified attachments are written in small batches, one transaction each, rather than one
 * commit per file. A crash loses at most a batch of downloads, which the next sync repeats.
 */
class VerifiedWriter {
  private readonly pending: { bytes: Buffer; id: string; at: string }[] = [];
  private readonly db: Db;
  private readonly s: ReturnType<typeof statements>;

  constructor(db: Db, s: ReturnType<typeof statements>) {
    this.db = db;
    this.s = s;
  }

  add(id: string, bytes: Buffer): void {
    this.pending.push({ id, bytes, at: new Date().toISOString() });
    if (this.pending.length >= VERIFIED_BATCH) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    this.db.transaction(() => {
      for (const item of batch) this.s.verified.run(item.bytes, item.bytes.length, item.at, item.id);
    })();
  }
}

const VERIFIED_BATCH = 32;

async function fetchOne(db: Db, client: IntakeClient, s: ReturnType<typeof statements>, attachment: PendingAttachment, writer: VerifiedWriter): Promise<'verified' | 'quarantined'> {
  let mismatches = attachment.attempts;
  for (;;) {
    let bytes: Buffer;
    try {
      bytes = await downloadOnce(db, client, s, attachment);
    } catch (error) {
      if (error instanceof IntakeRefusedError) {
        const reason = `attachment refused by the service: ${error.message}`;
        db.transaction(() => {
          s.quarantined.run(reason, attachment.id);
          s.quarantine.run('attachment_refused', reason, null, attachment.id, attachment.report_id, new Date().toISOString());
        })();
        return 'quarantined';
      }
      throw error;
    }
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length === attachment.size && digest === attachment.sha256) {
      writer.add(attachment.id, bytes);
      return 'verified';
    }
    mismatches += 1;
    const reason = bytes.length !== attachment.size ? `size mismatch: ${bytes.length} bytes received, ${attachment.size} declared` : `sha256 mismatch: received ${digest}, declared ${attachment.sha256}`;
    if (mismatches >= MAX_MISMATCHES) {
      db.transaction(() => {
        s.quarantined.run(reason, attachment.id);
        // The bytes received are kept for review, inside the encrypted store.
        s.quarantine.run('attachment_mismatch', `${reason} (after ${mismatches} downloads)`, bytes.subarray(0, 52_428_800), attachment.id, attachment.report_id, new Date().toISOString());
      })();
      return 'quarantined';
    }
    s.mismatch.run(reason, attachment.id);
  }
}

/**
 * Fetches pending attachments, `concurrency` at a time, while the change feed
 * is still being applied: each applied page may add attachments (`refill`),
 * and the run ends once the feed is done (`feedDone`) and nothing is left.
 * Downloads wait on the network, so they fill the sync thread's idle moments.
 */
export class AttachmentFetcher {
  private readonly db: Db;
  private readonly client: IntakeClient;
  private readonly options: { concurrency: number; signal: AbortSignal; onProgress?: (done: number, total: number) => void };
  private readonly s: ReturnType<typeof statements>;
  private readonly pendingQuery;
  private readonly queue: PendingAttachment[] = [];
  private readonly seen = new Set<string>();
  private feedFinished = false;
  private wake: (() => void) | null = null;
  private readonly outcome: AttachmentOutcome = { verified: 0, quarantined: 0 };

  constructor(db: Db, client: IntakeClient, options: { concurrency: number; signal: AbortSignal; onProgress?: (done: number, total: number) => void }) {
    this.db = db;
    this.client = client;
    this.options = options;
    this.s = statements(db);
    this.pendingQuery = db.prepare("SELECT id, report_id, size, sha256, attempts FROM attachments WHERE state = 'pending' ORDER BY id");
  }

  get total(): number {
    return this.seen.size;
  }

  /** Picks up attachments that became pending (after a page was applied). */
  refill(): void {
    for (const attachment of this.pendingQuery.all() as PendingAttachment[]) {
      if (this.seen.has(attachment.id)) continue;
      this.seen.add(attachment.id);
      this.queue.push(attachment);
    }
    this.notify();
  }

  /** No more pages: fetch what is left, then stop. */
  feedDone(): void {
    this.feedFinished = true;
    this.refill();
  }

  /** The feed failed: fetch nothing more. */
  abandon(): void {
    this.feedFinished = true;
    this.queue.length = 0;
    this.notify();
  }

  async run(): Promise<AttachmentOutcome> {
    const writer = new VerifiedWriter(this.db, this.s);
    let failure: unknown = null;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (failure !== null) return;
        if (this.options.signal.aborted) throw new CancelledError();
        const attachment = this.queue.shift();
        if (!attachment) {
          if (this.feedFinished) return;
          await new Promise<void>((resolve) => {
            const previous = this.wake;
            this.wake = () => {
              previous?.();
              resolve();
            };
          });
          continue;
        }
        try {
          this.outcome[await fetchOne(this.db, this.client, this.s, attachment, writer)] += 1;
        } catch (error) {
          failure ??= error;
          this.notify();
          throw error;
        }
        this.options.onProgress?.(this.outcome.verified + this.outcome.quarantined, this.seen.size);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.max(1, this.options.concurrency) }, worker));
    // What was downloaded and checked is kept, even when the run stops on an error.
    writer.flush();
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    return { ...this.outcome };
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
