/** The change feed's envelope (shared/intake-api.md): a page, and a change before its payload is trusted. */
import { z } from 'zod';

/** Standard base64 with padding, as the contract requires of `sig`. */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One element of a change page, before its payload is trusted (checked in apply.ts's judgeChange). */
export interface RawChange {
  seq: number;
  kind: string;
  payload: string;
  sig: string;
}

export const ChangePage = z.object({
  changes: z.array(z.unknown()),
  next_after: z.number().int().min(0),
  head_seq: z.number().int().min(0),
});
export type ChangePageData = z.infer<typeof ChangePage>;

/** A change's seq as the cursor may use it: a positive safe integer (anything else is a malformed change, quarantined). */
function usableSeq(change: unknown): number | null {
  const seq = typeof change === 'object' && change !== null ? (change as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/**
 * The contract's cursor rule ("The change feed"): changes in strictly ascending seq, and
 * `next_after` the seq of the page's last change, or `after` when the page is empty. A
 * malformed change (no usable seq) is quarantined, not counted: `next_after` must then be the
 * seq of the last change that has one, so that no seq the client did not receive can move its
 * cursor (a huge next_after would skip every later change). Returns what is wrong, or null.
 */
export function pageCursorViolation(page: ChangePageData, after: number): string | null {
  let last: number | null = null;
  for (const change of page.changes) {
    const seq = usableSeq(change);
    if (seq === null) continue;
    if (last !== null && seq <= last) return `the page's changes are not in ascending seq (${seq} after ${last})`;
    last = seq;
  }
  const expected = last ?? after;
  if (page.next_after !== expected) {
    return last === null
      ? `next_after is ${page.next_after} on a page with no change: it must be after (${after})`
      : `next_after is ${page.next_after}, not the seq of the page's last change (${last})`;
  }
  return null;
}
