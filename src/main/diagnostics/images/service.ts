/**
 * The image analysis service the core holds: one decoder process (started on
 * first use, closed on lock), the background pass run after each sync run
 * ends, and the report view's first-view analysis. Passes never overlap: a
 * pass asked for while one runs waits for it and then picks up what is left.
 */
import type { Unlocked } from '../../session/session.ts';
import { analysePendingAttachments, analyseReportAttachments, pendingAnalysisCount, type AnalysisPass } from './analysis.ts';
import { ForkImageDecoder, type DecodeResult, type ImageDecoder } from './image-decoder.ts';

/** Attachments analysed per turn of the background pass. */
const PASS_CHUNK = 16;

export interface ImageServiceOptions {
  /** The decoder process (the Electron shell gives its utility-process twin). */
  decoder?: () => ImageDecoder;
  now?: () => number;
  /** Told of the reports a pass flagged with a hash-list match. */
  onMatches?: (reportIds: string[]) => void;
}

export class ImageAnalysisService {
  readonly #actor: () => Unlocked;
  readonly #makeDecoder: () => ImageDecoder;
  readonly #now: () => Date;
  readonly #onMatches: (reportIds: string[]) => void;
  #decoder: ImageDecoder | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(actor: () => Unlocked, options: ImageServiceOptions = {}) {
    this.#actor = actor;
    this.#makeDecoder = options.decoder ?? (() => new ForkImageDecoder());
    const now = options.now ?? Date.now;
    this.#now = () => new Date(now());
    this.#onMatches = options.onMatches ?? (() => {});
  }

  #decoderNow(): ImageDecoder {
    this.#decoder ??= this.#makeDecoder();
    return this.#decoder;
  }

  /** Runs after the previous pass, one at a time. */
  #serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#running.then(run, run);
    this.#running = next.catch(() => {});
    return next;
  }

  /**
   * Every verified attachment not analysed yet, a few at a time: a report being opened
   * (analyseReport) waits for one chunk at most, never for the whole pass.
   */
  async analysePending(): Promise<AnalysisPass & { pending: number }> {
    const total: AnalysisPass = { analysed: 0, failed: 0, matchedReports: [] };
    for (;;) {
      const chunk = await this.#serial(async () => {
        const pass = await analysePendingAttachments(this.#actor().db, this.#decoderNow(), { limit: PASS_CHUNK, now: this.#now });
        if (pass.matchedReports.length > 0) this.#onMatches(pass.matchedReports);
        return pass;
      });
      total.analysed += chunk.analysed;
      total.failed += chunk.failed;
      total.matchedReports.push(...chunk.matchedReports);
      if (chunk.analysed + chunk.failed === 0) break;
    }
    return { ...total, matchedReports: [...new Set(total.matchedReports)], pending: pendingAnalysisCount(this.#actor().db) };
  }

  /** Any image's bytes (a page screenshot), decoded in the decoder process, between passes. */
  decode(bytes: Uint8Array): Promise<DecodeResult> {
    return this.#serial(() => this.#decoderNow().analyse(bytes));
  }

  /** One report's attachments, first (the analyst is looking at it). */
  analyseReport(reportId: string): Promise<AnalysisPass> {
    return this.#serial(async () => {
      const pass = await analyseReportAttachments(this.#actor().db, this.#decoderNow(), reportId, this.#now);
      if (pass.matchedReports.length > 0) this.#onMatches(pass.matchedReports);
      return pass;
    });
  }

  /** The background pass after a sync run: failures (locked meanwhile) wait for the next run. */
  schedule(): void {
    void this.analysePending().catch(() => {});
  }

  /** On lock and close: the decoder process ends. */
  stop(): void {
    const decoder = this.#decoder;
    this.#decoder = null;
    void decoder?.close();
  }
}
