/**
 * `iblagh-ws hashlist import FILE --label TEXT [--source TEXT] --store DIR --json`:
 * a known-hash list (CSV or JSON, told by the extension or the first
 * character) imported through the same channel as the window (supervisors
 * only; nothing half-imported; recorded). Prints `imported` and `matches`
 * (reports now flagged by this list): one JSON object with --json, a
 * `field  value` block without it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { MAX_HASH_LIST_CHARS } from '../shared/images.ts';
import type { Call } from './case-commands.ts';

export const HASHLIST_COMMANDS: ReadonlySet<string> = new Set(['hashlist import']);

export class HashListUsageError extends Error {}
export class HashListRefused extends Error {}

export interface HashListArgs {
  label?: string | undefined;
  source?: string | undefined;
  json?: boolean | undefined;
}

export function listFormat(file: string, text: string): 'csv' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

export async function runHashListCommand(call: Call, command: string, file: string | undefined, args: HashListArgs): Promise<string[]> {
  if (command !== 'hashlist import') throw new HashListUsageError(`Unknown command: ${command}`);
  if (!file) throw new HashListUsageError('hashlist import needs a file.');
  if (!args.label || args.label.trim() === '') throw new HashListUsageError('hashlist import needs --label TEXT.');
  if (!existsSync(file) || !statSync(file).isFile()) throw new HashListRefused(`No file ${file}.`);
  if (statSync(file).size > MAX_HASH_LIST_CHARS) throw new HashListRefused(`${file} is over ${MAX_HASH_LIST_CHARS / 1024 / 1024} MiB.`);
  const text = readFileSync(file, 'utf8');
  const result = await call('hashlists.import', { text, format: listFormat(file, text), label: args.label, source: args.source ?? basename(file) });
  return [JSON.stringify({ list_id: result.listId, label: result.label, source: result.source, imported: result.imported, matches: result.matches, matched_attachments: result.matchedAttachments })];
}
