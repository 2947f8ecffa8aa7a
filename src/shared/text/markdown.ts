/**
 * Analysis notes in Markdown, made safe to show. Notes are written by analysts
 * but quote hostile report text, so they are untrusted: the Markdown (CommonMark
 * + GFM: tables, strikethrough, task lists, autolink literals) is parsed by
 * mdast-util-from-markdown into a small typed tree of our own that holds text
 * and nothing that could be loaded, followed or interpreted:
 *
 * - links and images keep only a defanged URL as text (`hxxps[://]x[.]com`,
 *   `javascript[:]…`): never a live URL, never loaded;
 * - raw HTML (block or inline) becomes text showing its source verbatim;
 * - reference links resolve to defanged text; definitions are shown as text;
 * - `#IBL-2026-0000041` and `#DOS-2026-CYB-00012` in text become references
 *   (never inside code);
 * - bounded: input size, nesting depth, node count, table rows and the
 *   parser's own work (micromark has inputs on which it goes quadratic; those
 *   parts fall back to plain text). Whatever is cut is still shown, as one
 *   verbatim plain-text block with the reason.
 *
 * Pure (no React, no DOM, no Node API): the renderer, the core (the referral
 * dossier renders notes through it) and `node --test` use it.
 */
import type * as Mdast from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Construct, Extension } from 'micromark-util-types';
import { defangUrl } from '../defang.ts';
import { countInvisible, type InvisibleCount } from './invisible.ts';

// ---------------------------------------------------------------------------
// The safe tree

export type RefKind = 'report' | 'case';
export type Align = 'left' | 'center' | 'right' | null;

export type SafeInline =
  /** Text as typed. `html`: raw HTML source shown verbatim as text. */
  | { readonly kind: 'text'; readonly text: string; readonly html?: true }
  | { readonly kind: 'emphasis' | 'strong' | 'delete'; readonly children: readonly SafeInline[] }
  | { readonly kind: 'inlineCode'; readonly text: string }
  | { readonly kind: 'break' }
  /** Not a link: the label (plain text, defanged when it looks like a URL) and the defanged URL. */
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  /** Never loaded: the alt text and the defanged URL. */
  | { readonly kind: 'image'; readonly alt: string; readonly url: string }
  /** A report (`IBL-…`) or case (`DOS-…`) reference found in text; `text` as written (with its `#`). */
  | { readonly kind: 'ref'; readonly ref: RefKind; readonly id: string; readonly text: string };

export interface SafeListItem {
  /** Task list state: true/false for `- [x]`/`- [ ]`, null for an ordinary item. */
  readonly checked: boolean | null;
  readonly children: readonly SafeBlock[];
}

export type PlainReason = 'input-cap' | 'node-cap' | 'table-rows' | 'too-complex';

export type SafeBlock =
  | { readonly kind: 'heading'; readonly depth: 1 | 2 | 3 | 4 | 5 | 6; readonly children: readonly SafeInline[] }
  | { readonly kind: 'paragraph'; readonly children: readonly SafeInline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number | null; readonly items: readonly SafeListItem[] }
  | { readonly kind: 'table'; readonly align: readonly Align[]; readonly head: readonly (readonly SafeInline[])[]; readonly rows: readonly (readonly (readonly SafeInline[])[])[] }
  /** `lang`: the info string's first word, as plain text; never used for anything but display. */
  | { readonly kind: 'code'; readonly lang: string | null; readonly text: string }
  | { readonly kind: 'blockquote'; readonly children: readonly SafeBlock[] }
  | { readonly kind: 'thematicBreak' }
  | { readonly kind: 'footnote'; readonly label: string; readonly children: readonly SafeBlock[] }
  /** Source shown verbatim, unparsed: what a bound cut off (see PlainReason). */
  | { readonly kind: 'plain'; readonly text: string; readonly reason: PlainReason };

export interface SafeDocument {
  readonly blocks: readonly SafeBlock[];
  /** Some of the source is shown as plain text because of a bound (input size, nodes, table rows, parser work). */
  readonly truncated: boolean;
  /** Containers nested deeper than the depth bound were flattened. */
  readonly flattened: boolean;
  /** Safe nodes in the tree. */
  readonly nodeCount: number;
  /** Invisible characters of the source (bidi controls among them), as the safe-text indicator counts them. */
  readonly invisible: InvisibleCount;
}

export const MARKDOWN_LIMITS = {
  /** Characters parsed as Markdown; the rest is one plain block. */
  inputChars: 100_000,
  /** Container (quote, list, footnote) and inline (emphasis...) nesting kept; deeper is flattened. */
  depth: 12,
  /** Safe nodes; past it, the rest of the note is one plain block. */
  nodes: 50_000,
  /** Body rows of one table; past it, the remaining rows are one plain block. */
  tableRows: 1_000,
  /** Characters of a link/image URL or label shown (then "…"). */
  urlChars: 2_048,
  /** Parser work: construct attempts allowed per source character, plus a constant. */
  workPerChar: 64,
  workBase: 50_000,
} as const;

// ---------------------------------------------------------------------------
// Defanging

/** A URL (or any text) that nothing can follow: defangUrl, then every colon bracketed (`javascript[:]`, `data[:]`, `mailto[:]`). */
export function defangLink(url: string): string {
  const defanged = defangUrl(url).replace(/\[:\/\/\]|\[:\]|:/g, (match) => (match === ':' ? '[:]' : match));
  return clip(defanged);
}

function clip(text: string): string {
  if (text.length <= MARKDOWN_LIMITS.urlChars) return text;
  let end = MARKDOWN_LIMITS.urlChars;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A label that looks like a URL, a domain or has a scheme. */
const URL_LIKE = /[a-z][a-z0-9+.-]*:\S|www\.|[\p{L}\p{N}-][.。．｡][\p{L}]{2,}/iu;

function safeLabel(label: string): string {
  return URL_LIKE.test(label) ? defangLink(label) : clip(label);
}

// ---------------------------------------------------------------------------
// References to reports and cases

const REF = /(?<![\p{L}\p{N}_#-])(#?)(IBL-\d{4}-\d{7}|DOS-\d{4}-[A-Z0-9]{1,10}-\d{5})(?![\p{L}\p{N}_-])/gu;

/** Text cut into text runs and references. */
export function splitRefs(text: string): SafeInline[] {
  const out: SafeInline[] = [];
  let last = 0;
  REF.lastIndex = 0;
  for (let match = REF.exec(text); match; match = REF.exec(text)) {
    const id = match[2] as string;
    if (match.index > last) out.push({ kind: 'text', text: text.slice(last, match.index) });
    out.push({ kind: 'ref', ref: id.startsWith('IBL') ? 'report' : 'case', id, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

// ---------------------------------------------------------------------------
// Before parsing: cuts and depth bounds on the source lines

type Segment = { readonly kind: 'markdown'; readonly text: string } | { readonly kind: 'plain'; readonly text: string; readonly reason: PlainReason };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const BLANK = /^[ \t]*\r?$/;
/** Leading white space kept on a line (columns): enough for any sensible indentation. */
const MAX_INDENT = 64;

interface Fence {
  readonly char: string;
  readonly length: number;
}

function fenceOpening(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const marker = match[1] as string;
  if (marker[0] === '`' && (match[2] as string).includes('`')) return null;
  return { char: marker[0] as string, length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(line);
  return !!match && (match[1] as string)[0] === fence.char && (match[1] as string).length >= fence.length;
}

/**
 * Runs of emphasis, bracket or code punctuation longer than 16 are escaped
 * (micromark's resolvers go quadratic on them), and so are those of a
 * paragraph (between blank lines) past RUNS_PER_PARAGRAPH runs, or all of
 * them (and `<`) in a paragraph longer than PARAGRAPH_CHARS: shown as typed.
 */
const RUNS_PER_PARAGRAPH = 500;
/** A paragraph (between blank lines) longer than this has all its inline punctuation escaped. */
const PARAGRAPH_CHARS = 16_384;
const PUNCT_RUN = /([*_~[\]`<])\1*/g;

interface LineState {
  flattened: boolean;
  /** Punctuation runs left in the current paragraph. */
  runs: number;
  /** Characters of the current paragraph (up to the next blank line). */
  chars: number;
}

function escapeRuns(text: string, state: LineState): string {
  if (state.chars > PARAGRAPH_CHARS) state.runs = 0;
  if (text.length < 2 && state.runs > 0) return text;
  return text.replace(PUNCT_RUN, (run) => {
    if (run.length > 16 || state.runs <= 0) {
      state.flattened = true;
      return run.replace(/./g, '\\$&');
    }
    state.runs--;
    return run;
  });
}

/**
 * One line with at most `depth` container markers (`>`, `-`, `*`, `+`, `1.`,
 * `1)`): the next one is escaped, so that what follows is text. Runs of
 * leading white space longer than MAX_INDENT columns are shortened; long runs
 * of `*`, `_`, `~`, `[`, `]`, `` ` `` and those past RUNS_PER_PARAGRAPH in one
 * paragraph are escaped (shown as typed).
 */
function boundLine(line: string, state: LineState): string {
  if (THEMATIC_BREAK.test(line)) return line;
  let pos = 0;
  let depth = 0;
  let out = '';
  for (;;) {
    // White space before a marker or the content.
    let end = pos;
    let columns = 0;
    while (end < line.length && (line[end] === ' ' || line[end] === '\t')) {
      columns += line[end] === '\t' ? 4 - (columns % 4) : 1;
      end++;
    }
    if (columns > MAX_INDENT) {
      out += ' '.repeat(MAX_INDENT);
      state.flattened = true;
    } else {
      out += line.slice(pos, end);
    }
    pos = end;
    const char = line[pos];
    let markerEnd = -1;
    if (char === '>') {
      markerEnd = pos + 1;
    } else if ((char === '-' || char === '*' || char === '+') && (pos + 1 === line.length || line[pos + 1] === ' ' || line[pos + 1] === '\t')) {
      markerEnd = pos + 1;
    } else if (char !== undefined && char >= '0' && char <= '9') {
      let digits = pos;
      while (digits < line.length && digits - pos < 10 && (line[digits] as string) >= '0' && (line[digits] as string) <= '9') digits++;
      const after = line[digits + 1];
      if (digits - pos <= 9 && (line[digits] === '.' || line[digits] === ')') && (after === undefined || after === ' ' || after === '\t' || after === '\r')) markerEnd = digits + 1;
    }
    if (markerEnd < 0) return out + escapeRuns(line.slice(pos), state);
    depth++;
    if (depth > MARKDOWN_LIMITS.depth) {
      state.flattened = true;
      // Escape the marker's punctuation: `\>`, `\-`, `12\.`.
      const punct = markerEnd - 1;
      return `${out}${line.slice(pos, punct)}\\${line.slice(punct)}`;
    }
    out += line.slice(pos, markerEnd);
    pos = markerEnd;
  }
}

/**
 * The source cut into Markdown segments and plain ones: the input cap, and
 * top-level tables longer than the row bound. Lines outside top-level fenced
 * code get the depth bound of boundLine.
 */
function prepare(source: string, state: LineState): Segment[] {
  const segments: Segment[] = [];
  let text = source;
  let overflow = '';
  if (text.length > MARKDOWN_LIMITS.inputChars) {
    let cut = MARKDOWN_LIMITS.inputChars;
    const newline = text.lastIndexOf('\n', cut);
    if (newline > cut * 0.9) cut = newline + 1;
    else {
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    overflow = text.slice(cut);
    text = text.slice(0, cut);
  }
  const lines = text.split('\n');
  // Length of the paragraph (run of non-blank lines) each line starts or belongs to, from its first line.
  const paragraphAt = new Map<number, number>();
  for (let i = 0; i < lines.length; ) {
    if (BLANK.test(lines[i] as string)) {
      i++;
      continue;
    }
    let length = 0;
    const first = i;
    while (i < lines.length && !BLANK.test(lines[i] as string)) length += (lines[i++] as string).length + 1;
    paragraphAt.set(first, length);
  }
  let current: string[] = [];
  let fence: Fence | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const paragraph = paragraphAt.get(i);
    if (paragraph !== undefined) {
      state.runs = RUNS_PER_PARAGRAPH;
      state.chars = paragraph;
    }
    if (fence) {
      current.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    fence = fenceOpening(line);
    if (fence) {
      current.push(line);
      continue;
    }
    const next = lines[i + 1];
    if (line.includes('|') && !/^(?: {4}|\t)/.test(line) && next !== undefined && next.includes('|') && TABLE_DELIMITER.test(next.replace(/\r$/, ''))) {
      // A top-level table: header, delimiter, then rows while lines hold a pipe.
      let end = i + 2;
      while (end < lines.length && (lines[end] as string).includes('|') && !BLANK.test(lines[end] as string)) end++;
      const keep = Math.min(end, i + 2 + MARKDOWN_LIMITS.tableRows);
      for (let k = i; k < keep; k++) current.push(lines[k] as string);
      if (keep < end) {
        segments.push({ kind: 'markdown', text: current.join('\n') });
        current = [];
        segments.push({ kind: 'plain', text: lines.slice(keep, end).join('\n'), reason: 'table-rows' });
      }
      i = end - 1;
      continue;
    }
    current.push(boundLine(line, state));
  }
  if (current.length > 0) segments.push({ kind: 'markdown', text: current.join('\n') });
  if (overflow) segments.push({ kind: 'plain', text: overflow, reason: 'input-cap' });
  return segments;
}

// ---------------------------------------------------------------------------
// Parsing, with a bound on the parser's work

class WorkExceeded extends Error {}
class NodesExceeded extends Error {}

const syntax = gfm();
const mdastSyntax = gfmFromMarkdown();
const STATE_KEYS = ['document', 'flow', 'text', 'string'] as const;

/**
 * A construct tried on every attempt micromark makes (after the real ones),
 * which only counts: past the budget it throws, and the caller falls back.
 */
function workCounter(limit: number): Extension {
  let work = 0;
  const counter: Construct = {
    name: 'iblaghWorkBudget',
    add: 'after',
    partial: true,
    tokenize(_effects, _ok, nok) {
      if (++work > limit) throw new WorkExceeded();
      return nok;
    },
  };
  const extension: Extension = {};
  for (const key of STATE_KEYS) extension[key] = { null: [counter] };
  return extension;
}

/** The mdast of a segment, or null when the parser would work too hard (or recurse too deep). */
function parseBounded(text: string): Mdast.Root | null {
  try {
    return fromMarkdown(text, {
      extensions: [syntax, workCounter(MARKDOWN_LIMITS.workBase + MARKDOWN_LIMITS.workPerChar * text.length)],
      mdastExtensions: [mdastSyntax],
    });
  } catch (error) {
    if (error instanceof WorkExceeded || error instanceof RangeError) return null;
    throw error;
  }
}

/** Groups of whole top-level chunks (split at blank lines outside fences) of about `size` characters. */
function chunk(text: string, size: number): string[] {
  const groups: string[] = [];
  const lines = text.split('\n');
  let current: string[] = [];
  let length = 0;
  let fence: Fence | null = null;
  for (const line of lines) {
    current.push(line);
    length += line.length + 1;
    if (fence) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    fence = fenceOpening(line);
    if (!fence && BLANK.test(line) && length >= size) {
      groups.push(current.join('\n'));
      current = [];
      length = 0;
    }
  }
  if (current.length > 0) groups.push(current.join('\n'));
  return groups;
}

// ---------------------------------------------------------------------------
// mdast → safe tree

class Converter {
  nodes = 0;
  flattened = false;
  private readonly definitions = new Map<string, string>();
  /** Search text parts, when collected. */
  readonly search: string[] | null;

  constructor(collectSearch: boolean) {
    this.search = collectSearch ? [] : null;
  }

  private count(): void {
    if (++this.nodes > MARKDOWN_LIMITS.nodes * 2) throw new NodesExceeded();
  }

  collectDefinitions(root: Mdast.Root): void {
    const visit = (node: Mdast.Nodes, depth: number): void => {
      if (node.type === 'definition') {
        if (!this.definitions.has(node.identifier)) this.definitions.set(node.identifier, node.url);
        return;
      }
      if ('children' in node && depth < 64) for (const child of node.children) visit(child, depth + 1);
    };
    visit(root, 0);
  }

  blocks(nodes: readonly Mdast.Nodes[], depth: number): SafeBlock[] {
    const out: SafeBlock[] = [];
    for (const node of nodes) this.block(node, depth, out);
    return out;
  }

  private block(node: Mdast.Nodes, depth: number, out: SafeBlock[]): void {
    switch (node.type) {
      case 'heading':
        this.count();
        out.push({ kind: 'heading', depth: node.depth, children: this.inlines(node.children, 0) });
        this.searchBreak();
        return;
      case 'paragraph':
        this.count();
        out.push({ kind: 'paragraph', children: this.inlines(node.children, 0) });
        this.searchBreak();
        return;
      case 'html':
        this.count();
        out.push({ kind: 'paragraph', children: [this.text(node.value, true)] });
        this.searchBreak();
        return;
      case 'code':
        this.count();
        out.push({ kind: 'code', lang: node.lang ? clip(node.lang) : null, text: node.value });
        this.searchText(node.value);
        this.searchBreak();
        return;
      case 'thematicBreak':
        this.count();
        out.push({ kind: 'thematicBreak' });
        return;
      case 'blockquote':
        if (depth >= MARKDOWN_LIMITS.depth) {
          this.flattened = true;
          for (const child of node.children) this.block(child, depth, out);
          return;
        }
        this.count();
        out.push({ kind: 'blockquote', children: this.blocks(node.children, depth + 1) });
        return;
      case 'list': {
        if (depth >= MARKDOWN_LIMITS.depth) {
          this.flattened = true;
          for (const item of node.children) for (const child of item.children) this.block(child, depth, out);
          return;
        }
        this.count();
        const items = node.children.map((item) => {
          this.count();
          return { checked: typeof item.checked === 'boolean' ? item.checked : null, children: this.blocks(item.children, depth + 1) };
        });
        out.push({ kind: 'list', ordered: node.ordered === true, start: node.ordered && typeof node.start === 'number' ? node.start : null, items });
        return;
      }
      case 'listItem':
        for (const child of node.children) this.block(child, depth, out);
        return;
      case 'table': {
        this.count();
        const [head, ...body] = node.children;
        const row = (r: Mdast.TableRow | undefined): SafeInline[][] => {
          this.count();
          const cells = (r?.children ?? []).map((cell) => {
            this.count();
            const inlines = this.inlines(cell.children, 0);
            this.searchText(' ');
            return inlines;
          });
          this.searchBreak();
          return cells;
        };
        const headCells = row(head);
        out.push({ kind: 'table', align: (node.align ?? []).map((a) => a ?? null), head: headCells, rows: body.map(row) });
        return;
      }
      case 'definition': {
        // Shown as text, never a link: `[label]: hxxps[://]…`.
        this.count();
        const url = defangLink(node.url);
        out.push({ kind: 'paragraph', children: [this.text(`[${node.label ?? node.identifier}]: `), this.text(url)] });
        this.searchText(node.url);
        this.searchBreak();
        return;
      }
      case 'footnoteDefinition':
        if (depth >= MARKDOWN_LIMITS.depth) {
          this.flattened = true;
          for (const child of node.children) this.block(child, depth, out);
          return;
        }
        this.count();
        out.push({ kind: 'footnote', label: clip(node.label ?? node.identifier), children: this.blocks(node.children, depth + 1) });
        return;
      default:
        // Anything else (phrasing content where a block was expected, future node types): as text.
        if ('children' in node) {
          this.count();
          out.push({ kind: 'paragraph', children: this.inlines(node.children as Mdast.PhrasingContent[], 0) });
        } else if ('value' in node && typeof node.value === 'string') {
          this.count();
          out.push({ kind: 'paragraph', children: [this.text(node.value)] });
        }
        this.searchBreak();
    }
  }

  private inlines(nodes: readonly Mdast.Nodes[], depth: number): SafeInline[] {
    const out: SafeInline[] = [];
    for (const node of nodes) this.inline(node, depth, out);
    return out;
  }

  private text(value: string, html?: true): SafeInline {
    this.count();
    this.searchText(value);
    return html ? { kind: 'text', text: value, html } : { kind: 'text', text: value };
  }

  private inline(node: Mdast.Nodes, depth: number, out: SafeInline[]): void {
    switch (node.type) {
      case 'text':
        this.searchText(node.value);
        for (const part of splitRefs(node.value)) {
          this.count();
          out.push(part);
        }
        return;
      case 'html':
        out.push(this.text(node.value, true));
        return;
      case 'inlineCode':
        this.count();
        this.searchText(node.value);
        out.push({ kind: 'inlineCode', text: node.value });
        return;
      case 'break':
        this.count();
        this.searchText('\n');
        out.push({ kind: 'break' });
        return;
      case 'emphasis':
      case 'strong':
      case 'delete':
        if (depth >= MARKDOWN_LIMITS.depth) {
          this.flattened = true;
          for (const child of node.children) this.inline(child, depth, out);
          return;
        }
        this.count();
        out.push({ kind: node.type, children: this.inlines(node.children, depth + 1) });
        return;
      case 'link':
        out.push(this.link(plainText(node.children), node.url));
        return;
      case 'linkReference': {
        const url = this.definitions.get(node.identifier);
        const label = plainText(node.children);
        if (url === undefined) out.push(this.text(label));
        else out.push(this.link(label, url));
        return;
      }
      case 'image':
        out.push(this.image(node.alt ?? '', node.url));
        return;
      case 'imageReference': {
        const url = this.definitions.get(node.identifier);
        out.push(this.image(node.alt ?? '', url ?? ''));
        return;
      }
      case 'footnoteReference':
        out.push(this.text(`[^${node.label ?? node.identifier}]`));
        return;
      default:
        if ('children' in node) for (const child of node.children) this.inline(child, depth, out);
        else if ('value' in node && typeof node.value === 'string') out.push(this.text(node.value));
    }
  }

  private link(label: string, url: string): SafeInline {
    this.count();
    this.searchText(label);
    if (url && url !== label && `mailto:${label}` !== url) this.searchText(` ${url}`);
    return { kind: 'link', label: safeLabel(label), url: defangLink(url) };
  }

  private image(alt: string, url: string): SafeInline {
    this.count();
    this.searchText(alt);
    return { kind: 'image', alt: safeLabel(alt), url: defangLink(url) };
  }

  private searchText(text: string): void {
    this.search?.push(text);
  }

  searchBreak(): void {
    if (this.search && this.search.length > 0 && this.search[this.search.length - 1] !== '\n') this.search.push('\n');
  }
}

/** The plain text of phrasing content (link labels). */
function plainText(nodes: readonly Mdast.Nodes[]): string {
  let out = '';
  const visit = (node: Mdast.Nodes, depth: number): void => {
    if (node.type === 'image' || node.type === 'imageReference') out += node.alt ?? '';
    else if (node.type === 'break') out += ' ';
    else if ('value' in node && typeof node.value === 'string') out += node.value;
    else if ('children' in node && depth < 64) for (const child of node.children) visit(child, depth + 1);
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

/** Converts one parsed segment, cutting at the node bound (the rest of the segment, from the first block not converted, as plain text). */
function convertRoot(converter: Converter, root: Mdast.Root, text: string, out: SafeBlock[]): boolean {
  converter.collectDefinitions(root);
  for (const node of root.children) {
    const start = node.position?.start.offset ?? 0;
    if (converter.nodes >= MARKDOWN_LIMITS.nodes) {
      out.push({ kind: 'plain', text: text.slice(start), reason: 'node-cap' });
      converter.searchBreak();
      converter.search?.push(text.slice(start));
      return false;
    }
    const before = out.length;
    const searchLength = converter.search?.length ?? 0;
    try {
      out.push(...converter.blocks([node], 0));
    } catch (error) {
      if (!(error instanceof NodesExceeded)) throw error;
      out.length = before;
      if (converter.search) converter.search.length = searchLength;
      out.push({ kind: 'plain', text: text.slice(start), reason: 'node-cap' });
      converter.search?.push(text.slice(start));
      return false;
    }
  }
  return true;
}

/** Parse and convert, shared by parseNote and noteSearchText. */
function build(source: string, collectSearch: boolean): { document: SafeDocument; search: string } {
  const text = typeof source === 'string' ? source : '';
  const state: LineState = { flattened: false, runs: RUNS_PER_PARAGRAPH, chars: 0 };
  const converter = new Converter(collectSearch);
  const blocks: SafeBlock[] = [];
  let truncated = false;
  let stopped = false;
  const plain = (text: string, reason: PlainReason): void => {
    truncated = true;
    blocks.push({ kind: 'plain', text, reason });
    converter.searchBreak();
    converter.search?.push(text);
  };
  for (const segment of prepare(text, state)) {
    if (segment.kind === 'plain') {
      plain(segment.text, segment.reason);
      continue;
    }
    if (stopped) {
      plain(segment.text, 'node-cap');
      continue;
    }
    const root = parseBounded(segment.text);
    if (root) {
      stopped = !convertRoot(converter, root, segment.text, blocks);
      if (stopped) truncated = true;
      continue;
    }
    // Too much work in one go: parse chunk by chunk; a chunk still too costly is shown as plain text.
    for (const part of chunk(segment.text, 8_192)) {
      const partRoot: Mdast.Root | null = stopped ? null : parseBounded(part);
      if (!partRoot) {
        plain(part, stopped ? 'node-cap' : 'too-complex');
        continue;
      }
      stopped = !convertRoot(converter, partRoot, part, blocks);
      if (stopped) truncated = true;
    }
  }
  const document: SafeDocument = {
    blocks,
    truncated,
    flattened: state.flattened || converter.flattened,
    nodeCount: converter.nodes,
    invisible: countInvisible(text),
  };
  return { document, search: converter.search ? converter.search.join('').trim() : '' };
}

/** The safe tree of a note. Never throws on any string; bounded in time and size. */
export function parseNote(source: string): SafeDocument {
  return build(source, false).document;
}

/**
 * The plain text of a note, for search indexing: text, code, link labels and
 * URLs as written, image alt text, one block a line; no markup.
 */
export function noteSearchText(source: string): string {
  return build(source, true).search;
}
