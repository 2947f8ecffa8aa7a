/**
 * `audit verify`: walks the audit hash chain from its first entry and names
 * the first one that breaks it, then checks the chain against the signed
 * anchor receipts kept in the store and, when given, against the list the
 * intake service holds (GET /audit-anchors).
 *
 * What a break is called:
 * - `missing`: an index is absent (an entry was deleted);
 * - `changed`: an entry's content no longer gives its hash, or an entry was
 *   replaced by another whose hash the next entry does not chain to;
 * - `inserted`: an entry sits in the chain that the next entry skips over, or
 *   an entry was hashed at a lower index than it now holds;
 * - `reordered`: an entry chains to the hash of an entry that comes after it;
 * - `truncated`: the journal ends below a head the service anchored.
 * A journal rewritten and re-hashed end to end is internally consistent; the
 * receipts catch it: the anchored hash at `head_index` is not the local one
 * (`anchor_mismatch`).
 */
import type { KeyObject } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { GENESIS_HASH, entryHash } from '../store/audit-chain-format.ts';
import { checkReceipt, keptReceipts, type AnchorPayload } from './anchors.ts';

export type ChainProblemCode =
  | 'changed'
  | 'missing'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'anchor_mismatch'
  | 'anchor_signature'
  | 'anchor_payload'
  | 'anchor_workstation'
  | 'anchor_not_at_service'
  | 'anchors_unchecked';

export interface ChainProblem {
  code: ChainProblemCode;
  /** The chain index it concerns, when there is one. */
  index: number | null;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The last index up to which the chain holds from its first entry (0 when the first entry breaks it). */
  verified_up_to: number;
  head: { index: number; hash: string } | null;
  /** The highest anchor whose signed hash matches the local entry. */
  anchored: { head_index: number; accepted_at: string } | null;
  /** Receipts checked: kept in the store, and from the service when online. */
  receipts: { kept: number; service: number | null };
  problems: ChainProblem[];
}

interface Row {
  id: number;
  at: string;
  analyst_id: string | null;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

function recompute(row: Row, index: number): string | null {
  try {
    return entryHash(row.prev_hash, { index, at: row.at, analystId: row.analyst_id, action: row.action, detail: JSON.parse(row.detail) as unknown });
  } catch {
    return null;
  }
}

/** The first break of the chain, if any, and how far it holds. */
export function walkChain(db: Db): { entries: number; verifiedUpTo: number; head: { index: number; hash: string } | null; problem: ChainProblem | null; hashes: Map<number, string> } {
  const rows = db.prepare('SELECT id, at, analyst_id, action, detail, prev_hash, hash FROM audit_events ORDER BY id').all() as Row[];
  const hashes = new Map<number, string>(rows.map((row) => [row.id, row.hash]));
  const positionOfHash = new Map<string, number>(rows.map((row, position) => [row.hash, position]));
  const last = rows[rows.length - 1];
  const head = last ? { index: last.id, hash: last.hash } : null;
  let prev = GENESIS_HASH;
  for (const [position, row] of rows.entries()) {
    const expected = position + 1;
    const fail = (code: ChainProblemCode, index: number, message: string) => ({ entries: rows.length, verifiedUpTo: index - 1, head, problem: { code, index, message }, hashes });
    if (row.id !== expected) {
      return fail('missing', expected, `Entry ${expected} is missing: the journal goes from entry ${expected - 1} to entry ${row.id}.`);
    }
    const own = recompute(row, row.id);
    if (own !== row.hash) {
      // Hashed at another index? Then entries before it were deleted (hashed higher) or inserted (hashed lower), and the rest renumbered.
      const previous = positionOfHash.get(row.prev_hash);
      if (previous !== undefined && previous > position) {
        return fail('reordered', row.id, `Entry ${row.id} follows entry ${previous + 1} in the chain, which now comes after it: the journal was reordered.`);
      }
      for (let shift = 1; shift <= 1000; shift += 1) {
        if (recompute(row, row.id + shift) === row.hash) return fail('missing', row.id, `Entry ${row.id} was written as entry ${row.id + shift}: ${shift} entr${shift === 1 ? 'y' : 'ies'} before it were deleted and the journal renumbered.`);
        if (row.id - shift >= 1 && recompute(row, row.id - shift) === row.hash) return fail('inserted', row.id - shift, `Entry ${row.id} was written as entry ${row.id - shift}: ${shift} entr${shift === 1 ? 'y was' : 'ies were'} inserted before it.`);
      }
      return fail('changed', row.id, `Entry ${row.id} was changed after it was written: its content does not give its hash.`);
    }
    if (row.prev_hash !== prev) {
      const target = positionOfHash.get(row.prev_hash);
      if (target !== undefined && target > position) {
        return fail('reordered', row.id, `Entry ${row.id} follows entry ${target + 1} in the chain, which now comes after it: the journal was reordered.`);
      }
      if (target !== undefined && target < position - 1) {
        return fail('inserted', target + 2, `Entry ${row.id} follows entry ${target + 1}: the ${position - 1 - target} entr${position - 1 - target === 1 ? 'y' : 'ies'} from ${target + 2} were inserted.`);
      }
      if (position === 0) return fail('changed', row.id, 'The first entry does not start the chain: the journal lost its beginning or was replaced.');
      return fail('changed', row.id - 1, `Entry ${row.id - 1} was replaced: entry ${row.id} was chained to another entry ${row.id - 1}.`);
    }
    prev = row.hash;
  }
  return { entries: rows.length, verifiedUpTo: rows.length, head, problem: null, hashes };
}

export interface AnchorSources {
  /** The intake service's public key (receipts are signed with it), or null when none is configured. */
  key: KeyObject | null;
  /** This workstation's id at the service. */
  workstationId: string | null;
  /** The service's list (GET /audit-anchors), when verifying online. */
  service?: readonly { payload: string; sig: string }[];
}

export function verifyAuditChain(db: Db, sources: AnchorSources): ChainVerification {
  const walk = walkChain(db);
  const problems: ChainProblem[] = walk.problem ? [walk.problem] : [];
  const kept = keptReceipts(db);
  let anchored: ChainVerification['anchored'] = null;
  const localHead = walk.head?.index ?? 0;
  const keptIndexes = new Set<number>();
  const matching = new Set<number>();

  const checkAnchor = (anchor: AnchorPayload, origin: string): void => {
    const local = walk.hashes.get(anchor.head_index);
    if (local === undefined) {
      if (anchor.head_index > localHead) {
        problems.push({ code: 'truncated', index: anchor.head_index, message: `The journal ends at entry ${localHead}, below entry ${anchor.head_index} that the service anchored on ${anchor.accepted_at} (${origin}).` });
      } else {
        problems.push({ code: 'missing', index: anchor.head_index, message: `Entry ${anchor.head_index}, anchored on ${anchor.accepted_at}, is missing (${origin}).` });
      }
      return;
    }
    if (local !== anchor.head_hash) {
      problems.push({ code: 'anchor_mismatch', index: anchor.head_index, message: `Entry ${anchor.head_index} is not the one anchored on ${anchor.accepted_at} (${origin}): the journal up to it was rewritten.` });
      return;
    }
    matching.add(anchor.head_index);
    if (!anchored || anchor.head_index > anchored.head_index) anchored = { head_index: anchor.head_index, accepted_at: anchor.accepted_at };
  };

  const badReceipt = (reason: 'signature' | 'payload' | 'workstation', index: number | null, origin: string): void => {
    const text = { signature: 'its signature does not verify with the intake key', payload: 'its payload is not an audit anchor', workstation: 'it names another workstation' }[reason];
    problems.push({ code: `anchor_${reason}`, index, message: `A receipt ${origin} is not valid: ${text}.` });
  };

  if (sources.key === null || sources.workstationId === null) {
    if (kept.length > 0 || sources.service) problems.push({ code: 'anchors_unchecked', index: null, message: 'No intake key is configured: the anchor receipts cannot be checked.' });
  } else {
    for (const receipt of kept) {
      const check = checkReceipt(receipt, sources.key, receipt.workstation_id);
      if (!check.ok) badReceipt(check.reason, receipt.head_index, 'kept in the store');
      else {
        keptIndexes.add(check.anchor.head_index);
        checkAnchor(check.anchor, 'receipt kept in the store');
      }
    }
    if (sources.service) {
      const atService = new Set<number>();
      for (const receipt of sources.service) {
        const check = checkReceipt(receipt, sources.key, sources.workstationId);
        if (!check.ok) badReceipt(check.reason, null, 'from the service');
        else {
          atService.add(check.anchor.head_index);
          // A receipt the store no longer keeps (deleted with the entries it vouches for) is checked here.
          if (!keptIndexes.has(check.anchor.head_index)) checkAnchor(check.anchor, 'from the service');
        }
      }
      for (const index of keptIndexes) {
        if (!atService.has(index)) problems.push({ code: 'anchor_not_at_service', index, message: `The service does not list the anchor of entry ${index} that the store keeps a receipt for.` });
      }
    }
  }
  problems.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  // A journal rewritten or cut is vouched for only up to the last anchor that still matches below the first mismatch.
  let verifiedUpTo = walk.verifiedUpTo;
  for (const problem of problems) {
    if (problem.index === null || problem.code === 'anchor_not_at_service') continue;
    const bound = problem.code === 'anchor_mismatch' || problem.code === 'truncated' ? Math.max(0, ...[...matching].filter((index) => index < (problem.index as number))) : problem.index - 1;
    verifiedUpTo = Math.min(verifiedUpTo, bound);
  }
  return {
    ok: problems.length === 0,
    entries: walk.entries,
    verified_up_to: verifiedUpTo,
    head: walk.head,
    anchored,
    receipts: { kept: kept.length, service: sources.service ? sources.service.length : null },
    problems,
  };
}
