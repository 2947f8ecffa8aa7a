/**
 * `iblagh-ws audit verify --store DIR [--online] [--json]`: walks the audit
 * hash chain, checks it against the anchor receipts kept in the store (their
 * signatures with the configured intake key) and, with --online, against the
 * service's list of anchors. Exits 1 when anything breaks it.
 */
import type { ChannelName, ChannelOutput } from '../shared/contract.ts';

type Call = <K extends ChannelName>(channel: K, input?: unknown) => Promise<ChannelOutput<K>>;

export const AUDIT_COMMANDS: ReadonlySet<string> = new Set(['audit verify']);

export interface AuditOutcome {
  lines: string[];
  /** Set when the chain or its anchors fail: the message for stderr, exit code 1. */
  failure?: string;
}

export async function runAuditCommand(call: Call, command: string, values: { json?: boolean; online?: boolean }): Promise<AuditOutcome> {
  if (command !== 'audit verify') throw new Error(`not an audit command: ${command}`);
  const result = await call('audit.verify', { online: values.online === true });
  const failure = result.ok ? undefined : `the audit journal does not verify: ${result.problems[0]?.message ?? 'see above'}`;
  if (values.json) {
    const { ok, entries, verified_up_to, head, anchored, receipts, problems, queue } = result;
    return { lines: [JSON.stringify({ ok, entries, verified_up_to, head, anchored, receipts, problems, anchor_queue: queue, online: values.online === true })], ...(failure ? { failure } : {}) };
  }
  const lines = [
    `Entries:      ${result.entries}${result.head ? ` (head ${result.head.index}: ${result.head.hash})` : ''}`,
    `Verified:     up to entry ${result.verified_up_to}`,
    `Anchored:     ${result.anchored ? `entry ${result.anchored.head_index}, accepted by the service at ${result.anchored.accepted_at}` : 'no anchor yet'}`,
    `Receipts:     ${result.receipts.kept} kept in the store${result.receipts.service === null ? '' : `, ${result.receipts.service} listed by the service`}`,
    `Anchor queue: ${result.queue.pending} pending, ${result.queue.sent} sent, ${result.queue.rejected} refused${result.queue.lastError ? ` (last: ${result.queue.lastError})` : ''}`,
    result.ok ? 'The audit journal verifies.' : 'PROBLEMS:',
    ...result.problems.map((p) => `  - ${p.code}${p.index === null ? '' : ` at entry ${p.index}`}: ${p.message}`),
  ];
  return { lines, ...(failure ? { failure } : {}) };
}
