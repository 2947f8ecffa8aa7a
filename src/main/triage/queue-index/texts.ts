/**
 * The text a queue row shows that the index does not sort or count by (the
 * account and the first URL reported; ids and submission times are rebuilt
 * from the index's numbers: columns.ts), kept for every row as UTF-8 in one
 * growing buffer, off the garbage collector's heap: a queue page is built
 * from memory, with no read of the store. At a million reports, a page of 200
 * rows anywhere in the queue read ~200 pages of the store that no cache held
 * (its reader's cache is dropped at each of a sync's commits, and the system
 * may have let the file's pages go): 50-110 ms on the bench's machine, with
 * or without a sync running (bench:queue -- --sync-only). Here: about 50 MB
 * of text and 16 MB of offsets for a million reports (the index grew by 81 MiB
 * in all: docs/benchmarks.md, session 27).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One text per row (or none), for `fields` fields. */
export class RowTexts {
  private bytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  /** Bytes in use, from 0: live texts and the space of those replaced by longer ones. */
  private used = 0;
  /** Bytes of `used` that no text holds any more. */
  private garbage = 0;
  /** Per row and field: where its text starts in `bytes`, and its length in bytes (-1: none). */
  private start = new Int32Array(0);
  private length = new Int32Array(0);

  private readonly fields: number;
  /** Garbage (bytes) from which the buffer may be packed again. */
  private readonly packFrom: number;
  /** Times the buffer was packed again (for tests). */
  packs = 0;

  constructor(fields: number, options: { packFrom?: number } = {}) {
    this.fields = fields;
    this.packFrom = options.packFrom ?? 1 << 20;
  }

  /** Room for `rows` rows (the new ones hold no text). */
  reserve(rows: number): void {
    const slots = rows * this.fields;
    if (slots <= this.start.length) return;
    const start = new Int32Array(slots);
    start.set(this.start);
    const length = new Int32Array(slots).fill(-1);
    length.set(this.length);
    this.start = start;
    this.length = length;
  }

  /** Sets a row's text for a field (rows must be reserved). */
  set(row: number, field: number, text: string | null): void {
    const slot = row * this.fields + field;
    if (slot >= this.start.length) throw new RangeError(`row ${row} is beyond the reserved rows`);
    const before = this.length[slot]!;
    if (text === null) {
      if (before > 0) this.garbage += before;
      this.length[slot] = -1;
      return;
    }
    if (before >= text.length && this.fitsInPlace(slot, text, before)) return;
    if (before > 0) this.garbage += before;
    // At most three bytes per UTF-16 unit.
    const most = text.length * 3;
    this.ensure(most);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(this.used, this.used + most));
    this.start[slot] = this.used;
    this.length[slot] = written;
    this.used += written;
    // Mostly garbage (reports whose text changed often): packed again.
    if (this.garbage > this.packFrom && this.garbage > this.used / 2) this.compact();
  }

  /** Writes the text over the old one when it fits there (the same text, or one as long: a sync's update of the row). */
  private fitsInPlace(slot: number, text: string, room: number): boolean {
    const at = this.start[slot]!;
    const { read, written } = encoder.encodeInto(text, this.bytes.subarray(at, at + room));
    if (read !== text.length) return false; // did not fit: the bytes written there are not read (the slot moves)
    this.garbage += room - written;
    this.length[slot] = written;
    return true;
  }

  get(row: number, field: number): string | null {
    const slot = row * this.fields + field;
    const length = this.length[slot] ?? -1;
    if (length < 0) return null;
    const start = this.start[slot]!;
    return decoder.decode(this.bytes.subarray(start, start + length));
  }

  /** Overwrites every text with zeros and forgets them (the store was locked: its reported URLs and accounts do not stay in memory). */
  wipe(): void {
    this.bytes.fill(0);
    this.length.fill(-1);
    this.used = 0;
    this.garbage = 0;
  }

  /** Gives back the room beyond what is held and an eighth more (after a load). */
  trim(): void {
    const room = this.used + (this.used >> 3) + 1024;
    if (this.bytes.length <= room) return;
    this.replaceBytes(this.bytes.slice(0, room));
  }

  /** Takes a new buffer; the old one is overwritten before the garbage collector gets it (as `wipe` does on lock). */
  private replaceBytes(next: Uint8Array<ArrayBufferLike>): void {
    const old = this.bytes;
    this.bytes = next;
    old.fill(0);
  }

  private ensure(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.used + extra, this.bytes.length * 2, 1 << 16));
    next.set(this.bytes.subarray(0, this.used));
    this.replaceBytes(next);
  }

  /** Copies the live texts to a new buffer, in slot order. */
  private compact(): void {
    const live = this.used - this.garbage;
    const next = new Uint8Array(Math.max(live + (live >> 2), 1 << 16));
    let at = 0;
    for (let slot = 0; slot < this.length.length; slot++) {
      const length = this.length[slot]!;
      if (length < 0) continue;
      const start = this.start[slot]!;
      next.set(this.bytes.subarray(start, start + length), at);
      this.start[slot] = at;
      at += length;
    }
    this.replaceBytes(next);
    this.used = at;
    this.garbage = 0;
    this.packs += 1;
  }
}
