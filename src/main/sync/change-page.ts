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
