/**
 * A note shown as plain text (its parse ran past the deadline, or is still
 * running) is committed in chunks of whole lines, a chunk per task: a hostile
 * note can hold 50,000 one-character lines, and rendering them as one block
 * (one isolated element per line) holds the page for over a second.
 */
import { splitLines } from '../../../../shared/text/invisible.ts';

/** Lines, and characters, of one chunk. */
export const PLAIN_CHUNK_LINES = 200;
export const PLAIN_CHUNK_CHARS = 8_000;

/**
 * Groups of whole lines (split as UserText splits them), each at most
 * PLAIN_CHUNK_LINES lines and PLAIN_CHUNK_CHARS characters unless a single
 * line is longer. Joined with "\n", the chunks give the text's lines back.
 */
export function plainChunks(text: string): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let chars = 0;
  for (const line of splitLines(text)) {
    if (lines.length > 0 && (lines.length >= PLAIN_CHUNK_LINES || chars + line.length > PLAIN_CHUNK_CHARS)) {
      chunks.push(lines.join('\n'));
      lines = [];
      chars = 0;
    }
    lines.push(line);
    chars += line.length + 1;
  }
  chunks.push(lines.join('\n'));
  return chunks;
}
