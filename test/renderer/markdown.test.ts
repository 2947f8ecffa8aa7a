/**
 * The safe Markdown tree of analysis notes (markdown.ts): hostile notes give
 * text only (no live URL, HTML as text), references are found outside code,
 * the bounds hold and parsing stays fast; the note templates parse in both
 * languages with their headings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  MARKDOWN_LIMITS,
  defangLink,
  noteSearchText,
  parseNote,
  type SafeBlock,
  type SafeDocument,
  type SafeInline,
} from '../../src/shared/text/markdown.ts';

type Node = SafeBlock | SafeInline;

function walk(document: SafeDocument): Node[] {
  const out: Node[] = [];
  const visitInline = (inline: SafeInline): void => {
    out.push(inline);
    if ('children' in inline) inline.children.forEach(visitInline);
  };
  const visitBlock = (block: SafeBlock): void => {
    out.push(block);
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        block.children.forEach(visitInline);
        break;
      case 'blockquote':
      case 'footnote':
        block.children.forEach(visitBlock);
        break;
      case 'list':
        for (const item of block.items) item.children.forEach(visitBlock);
        break;
      case 'table':
        for (const cell of block.head) cell.forEach(visitInline);
        for (const row of block.rows) for (const cell of row) cell.forEach(visitInline);
        break;
      default:
    }
  };
  document.blocks.forEach(visitBlock);
  return out;
}

function ofKind<K extends Node['kind']>(document: SafeDocument, kind: K): Extract<Node, { kind: K }>[] {
  return walk(document).filter((node): node is Extract<Node, { kind: K }> => node.kind === kind);
}

/** No "://" but the defanged "[://]", no scheme a browser would follow. */
function assertDead(url: string): void {
  assert.ok(!url.replace(/\[:\/\/\]/g, '').includes('://'), url);
  assert.ok(!/^\s*[a-z][a-z0-9+.-]*:/i.test(url), url);
  assert.ok(!/javascript:|data:|vbscript:|mailto:/i.test(url), url);
}

function assertNoLiveUrl(document: SafeDocument): void {
  for (const node of walk(document)) {
    if (node.kind === 'link') {
      assertDead(node.url);
      assertDead(node.label);
    }
    if (node.kind === 'image') assertDead(node.url);
  }
}

function allText(document: SafeDocument): string {
  return walk(document)
    .map((node) => ('text' in node ? node.text : ''))
    .join('');
}

/**
 * The processor time `fn` takes on this thread (the machine is shared: wall time would measure the neighbours).
 * `process.cpuUsage` counts every thread of the process, the garbage collector's helpers too, and on a two-core VM
 * that counted up to 1,021 ms for a parse of ~700 ms.
 */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.threadCpuUsage();
  const value = fn();
  const used = process.threadCpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

parseNote('# warm-up');

test('raw HTML, block and inline, is text showing its source', () => {
  const note = '<script>alert(1)</script>\n\nSee <img src=x onerror=alert(1)> here\n\n<iframe src="https://evil.example/"></iframe>\n\n<a href="javascript:alert(1)">x</a>';
  const document = parseNote(note);
  const html = ofKind(document, 'text').filter((node) => node.html);
  const shown = html.map((node) => node.text).join('\n');
  assert.match(shown, /<script>alert\(1\)<\/script>/);
  assert.match(shown, /<img src=x onerror=alert\(1\)>/);
  assert.match(shown, /<iframe src="https:\/\/evil.example\/"><\/iframe>/);
  assert.match(allText(document), /See .*here/);
  // Nothing but the documented kinds.
  const kinds = new Set(walk(document).map((node) => node.kind));
  for (const kind of kinds) assert.ok(['paragraph', 'text'].includes(kind), kind);
});

test('javascript:, data: and remote links and images keep only a defanged URL', () => {
  const note = [
    '[click](javascript:alert(document.cookie))',
    '[x](JaVaScRiPt&#58;alert(1)) [y](java&#x09;script:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](https://evil.example/track.png) ![](http://1.2.3.4/p.gif "t")',
    '[mail](mailto:a@b.example) [ftp](ftp://files.example/x)',
    '<https://evil.example/auto> <javascript:alert(1)> www.evil.example/path https://evil.example/x?a=b contact@evil.example',
    '[https://shown.example](https://other.example)',
  ].join('\n\n');
  const document = parseNote(note);
  assertNoLiveUrl(document);
  const links = ofKind(document, 'link');
  const urls = links.map((link) => link.url);
  assert.ok(urls.includes('javascript[:]alert(document[.]cookie)'), urls.join(' | '));
  assert.ok(urls.some((url) => url.startsWith('data[:]text/html')));
  assert.ok(urls.includes('hxxps[://]evil[.]example/auto'));
  assert.ok(urls.includes('hxxp[://]www[.]evil[.]example/path'), urls.join(' | '));
  assert.ok(urls.includes('mailto[:]contact@evil[.]example'));
  assert.ok(urls.includes('fxp[://]files[.]example/x'));
  assert.equal(links.find((link) => link.url === 'hxxps[://]other[.]example')?.label, 'hxxps[://]shown[.]example');
  const images = ofKind(document, 'image');
  assert.deepEqual(
    images.map((image) => [image.alt, image.url]),
    [
      ['x', 'hxxps[://]evil[.]example/track[.]png'],
      ['', 'hxxp[://]1[.]2[.]3[.]4/p[.]gif'],
    ],
  );
  assert.equal(defangLink(defangLink('https://a.example:8080/x')), defangLink('https://a.example:8080/x'));
});

test('reference-style links resolve to defanged text; definitions are text, never links', () => {
  const document = parseNote('See [the page][p] and ![img][i] and [missing][nope].\n\n[p]: https://evil.example/page\n[i]: https://evil.example/i.png');
  assertNoLiveUrl(document);
  const links = ofKind(document, 'link');
  assert.deepEqual(
    links.map((link) => [link.label, link.url]),
    [['the page', 'hxxps[://]evil[.]example/page']],
  );
  assert.equal(ofKind(document, 'image')[0]?.url, 'hxxps[://]evil[.]example/i[.]png');
  const text = allText(document);
  assert.match(text, /\[missing\]\[nope\]/);
  assert.match(text, /\[p\]: hxxps\[:\/\/\]evil\[\.\]example\/page/);
  // Footnotes: references as text, definitions as footnote blocks.
  const footnotes = parseNote('Fact[^1].\n\n[^1]: Source: https://evil.example/src');
  assertNoLiveUrl(footnotes);
  assert.match(allText(footnotes), /Fact\[\^1\]\./);
  assert.equal(ofKind(footnotes, 'footnote')[0]?.label, '1');
});

test('report and case references are found in text, not in code', () => {
  const note = [
    'Voir #IBL-2026-0000041 et #DOS-2026-CYB-00012, puis IBL-2025-1234567.',
    '`#IBL-2026-0000099` reste du code ; XIBL-2026-0000041 et #IBL-2026-00000411 ne sont pas des références.',
    '```\n#IBL-2026-0000098\n```',
    '| Réf | Note |\n|---|---|\n| #DOS-2026-AB12-00001 | **#IBL-2026-0000042** |',
  ].join('\n\n');
  const document = parseNote(note);
  const refs = ofKind(document, 'ref').map((ref) => [ref.ref, ref.id, ref.text]);
  assert.deepEqual(refs, [
    ['report', 'IBL-2026-0000041', '#IBL-2026-0000041'],
    ['case', 'DOS-2026-CYB-00012', '#DOS-2026-CYB-00012'],
    ['report', 'IBL-2025-1234567', 'IBL-2025-1234567'],
    ['case', 'DOS-2026-AB12-00001', '#DOS-2026-AB12-00001'],
    ['report', 'IBL-2026-0000042', '#IBL-2026-0000042'],
  ]);
  assert.equal(ofKind(document, 'inlineCode')[0]?.text, '#IBL-2026-0000099');
  assert.equal(ofKind(document, 'code')[0]?.text, '#IBL-2026-0000098');
});

test('GFM: tables with alignment, task lists, strikethrough, code language as text', () => {
  const document = parseNote('# Titre\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n\n- [x] fait\n- [ ] à faire\n- rien\n\n3. trois\n\n~~barré~~\n\n```js onload=x\nalert(1)\n```\n\n---\n\n> cité');
  const table = ofKind(document, 'table')[0];
  assert.deepEqual(table?.align, ['left', 'center', 'right']);
  assert.equal(table?.rows[0]?.length, 2);
  const lists = ofKind(document, 'list');
  assert.deepEqual(
    lists[0]?.items.map((item) => item.checked),
    [true, false, null],
  );
  assert.equal(lists[1]?.start, 3);
  assert.equal(ofKind(document, 'delete').length, 1);
  assert.equal(ofKind(document, 'code')[0]?.lang, 'js');
  assert.equal(ofKind(document, 'thematicBreak').length, 1);
  assert.equal(ofKind(document, 'blockquote').length, 1);
  assert.equal(ofKind(document, 'heading')[0]?.depth, 1);
});

test('bidi controls stay in the text and are counted', () => {
  const document = parseNote('Fichier facture\u202Efdp.exe et [lien\u202E](https://evil.example/\u202Egpj.exe)');
  assert.equal(document.invisible.bidi, 2 + 0 + 1);
  assert.match(allText(document), /facture\u202Efdp\.exe/);
  assertNoLiveUrl(document);
  // The URL is defanged without its invisible characters (as DefangedUrl shows it).
  assert.equal(ofKind(document, 'link')[0]?.url, 'hxxps[://]evil[.]example/gpj[.]exe');
});

test('100 kB of text: parsed fast; beyond the input cap, the rest is one plain block', () => {
  const words = 'lorem ipsum dolor sit amet https://evil.example/a.b #IBL-2026-0000041\n'.repeat(1500);
  assert.ok(words.length > 100_000);
  const { value: document, ms } = timed(() => parseNote(words));
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(document.truncated, true);
  const plain = document.blocks.at(-1);
  assert.equal(plain?.kind, 'plain');
  assert.equal(plain?.kind === 'plain' && plain.reason, 'input-cap');
  const parsedChars = words.length - (plain?.kind === 'plain' ? plain.text.length : 0);
  assert.ok(parsedChars <= MARKDOWN_LIMITS.inputChars);
  assertNoLiveUrl(document);
  // A long unbroken string is one text run.
  const long = timed(() => parseNote('a'.repeat(99_000)));
  assert.ok(long.ms < 1000, `${long.ms} ms`);
  assert.equal(allText(long.value).length, 99_000);
});

test('5,000 nested quotes are flattened at the depth bound, fast', () => {
  const { value: document, ms } = timed(() => parseNote(`${'>'.repeat(5000)} deep #IBL-2026-0000041`));
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(document.flattened, true);
  let depth = 0;
  let blocks: readonly SafeBlock[] = document.blocks;
  while (blocks[0]?.kind === 'blockquote') {
    depth++;
    blocks = blocks[0].children;
  }
  assert.ok(depth <= MARKDOWN_LIMITS.depth, String(depth));
  assert.match(allText(document), /deep/);
  // Nested lists and mixed containers, on one line and by indentation.
  for (const note of [
    '- '.repeat(20_000) + 'x',
    '1. '.repeat(20_000) + 'x',
    '> - '.repeat(10_000) + 'x',
    Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
    '*'.repeat(5000) + 'a' + '*'.repeat(5000),
  ]) {
    const run = timed(() => parseNote(note));
    assert.ok(run.ms < 1000, `${run.ms} ms for ${note.slice(0, 12)}`);
    let max = 0;
    const visit = (list: readonly SafeBlock[], level: number): void => {
      for (const block of list) {
        max = Math.max(max, level);
        if (block.kind === 'blockquote' || block.kind === 'footnote') visit(block.children, level + 1);
        if (block.kind === 'list') for (const item of block.items) visit(item.children, level + 1);
      }
    };
    visit(run.value.blocks, 0);
    assert.ok(max <= MARKDOWN_LIMITS.depth, `${max} for ${note.slice(0, 12)}`);
  }
});

test('a 10,000-row table: rows past the bound are one plain block, fast', () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => `| ${i} | https://evil.example/${i} |`).join('\n');
  const note = `Avant\n\n| n | url |\n|---|---|\n${rows}\n\nAprès #IBL-2026-0000041`;
  const { value: document, ms } = timed(() => parseNote(note));
  assert.ok(ms < 1000, `${ms} ms`);
  const table = ofKind(document, 'table')[0];
  assert.equal(table?.rows.length, MARKDOWN_LIMITS.tableRows);
  const plain = document.blocks.find((block) => block.kind === 'plain');
  assert.equal(plain?.kind === 'plain' && plain.reason, 'table-rows');
  assert.ok(document.truncated);
  assert.ok(document.nodeCount <= MARKDOWN_LIMITS.nodes * 2);
  assertNoLiveUrl(document);
});

// Not among the < 1 s cases: 11,000 paragraphs are ~100 kB of real parsing work (about 1 s of CPU here when the machine is busy).
test('the node bound cuts the note, the rest shown as plain text; many emphases stay bounded', () => {
  const note = 'a *b* c\n\n'.repeat(11_000);
  const { value: document, ms } = timed(() => parseNote(note));
  assert.ok(ms < 3000, `${ms} ms`);
  assert.ok(document.nodeCount <= MARKDOWN_LIMITS.nodes * 2, String(document.nodeCount));
  const last = document.blocks.at(-1);
  assert.equal(last?.kind === 'plain' && last.reason, 'node-cap');
  assert.ok(document.truncated);
  // 30,000 emphases in one paragraph (micromark resolves them in quadratic time): past the bound they are escaped, shown as typed.
  const emphases = timed(() => parseNote(Array.from({ length: 30_000 }, (_, i) => `*${i % 10}*`).join(' ').slice(0, 99_000)));
  assert.ok(emphases.ms < 3000, `${emphases.ms} ms`);
  assert.ok(emphases.value.flattened);
  assert.match(allText(emphases.value), /\*9\* \*0\*/);
});

test('never throws, on odd input', () => {
  for (const note of ['', '\0', '\uD800', '[', '![', '<', '`', '\r\n\r\n', '|\n|-', ' '.repeat(1000) + 'x', '\t'.repeat(500) + '- x', '[a]: <>\n[a]']) {
    parseNote(note);
    noteSearchText(note);
  }
  assert.deepEqual(parseNote(undefined as unknown as string).blocks, []);
});

test('noteSearchText: the note as plain text, no markup', () => {
  const text = noteSearchText('# Titre\n\nVoir **le [site](https://evil.example/x)** et `code`, #IBL-2026-0000041.\n\n| a | b |\n|-|-|\n| 1 | 2 |\n\n<b>gras</b>\n\n![alt](x.png)');
  assert.match(text, /^Titre\n/);
  assert.match(text, /Voir le site https:\/\/evil\.example\/x et code, #IBL-2026-0000041\./);
  assert.match(text, /a b/);
  assert.match(text, /alt/);
  assert.ok(!/[*#`|]\s|\]\(/.test(text.replace(/#IBL-\S+/, '')), text);
});

const TEMPLATES = new URL('../../resources/note-templates/', import.meta.url);

const HEADINGS: Readonly<Record<string, Readonly<Record<'fr' | 'ar', readonly string[]>>>> = {
  constat: { fr: ['Constat', 'Objet', 'Constatations', 'Observables', 'Conclusion'], ar: ['محضر معاينة', 'الموضوع', 'المعاينات', 'المؤشرات التقنية', 'الخلاصة'] },
  'analyse-technique': {
    fr: ['Analyse technique', 'Objet', 'Éléments techniques', 'Observables', 'Conclusion'],
    ar: ['تحليل تقني', 'الموضوع', 'العناصر التقنية', 'المؤشرات التقنية', 'الخلاصة'],
  },
  synthese: { fr: ['Note de synthèse', 'Objet', 'Faits', 'Constatations', 'Conclusion et propositions'], ar: ['مذكرة تركيبية', 'الموضوع', 'الوقائع', 'المعاينات', 'الخلاصة والمقترحات'] },
};

test('every note template parses, in both languages, with its headings and placeholders', () => {
  const index = JSON.parse(readFileSync(new URL('index.json', TEMPLATES), 'utf8')) as {
    templates: { id: string; label_fr: string; label_ar: string; files: Record<'fr' | 'ar', string> }[];
  };
  assert.deepEqual(
    index.templates.map((template) => template.id),
    ['constat', 'analyse-technique', 'synthese'],
  );
  for (const template of index.templates) {
    assert.ok(template.label_fr && template.label_ar);
    for (const language of ['fr', 'ar'] as const) {
      const source = readFileSync(new URL(template.files[language], TEMPLATES), 'utf8');
      const document = parseNote(source);
      assert.equal(document.truncated, false);
      const headings = ofKind(document, 'heading').map((heading) => heading.children.map((child) => ('text' in child ? child.text : '')).join(''));
      for (const expected of HEADINGS[template.id]?.[language] ?? []) assert.ok(headings.includes(expected), `${template.id}/${language}: ${expected} in ${headings.join(', ')}`);
      assert.match(source, /\{\{report_ids\}\}/);
      for (const placeholder of source.match(/\{\{[^}]*\}\}/g) ?? []) assert.match(placeholder, /^\{\{[a-z_]+\}\}$/);
      assertNoLiveUrl(document);
    }
  }
});

test('a case reference with a workstation code of up to ten characters is a reference (CASE_REF in src/shared/cases.ts)', async () => {
  const { parseNote } = await import('../../src/shared/text/markdown.ts');
  const { CASE_REF } = await import('../../src/shared/cases.ts');
  for (const ref of ['DOS-2026-WSRABAT03-00017', 'DOS-2026-BRIGADCA07-00001', 'DOS-2026-LOCAL-00002']) {
    assert.match(ref, CASE_REF);
    const text = JSON.stringify(parseNote(`Voir #${ref}.`));
    assert.ok(text.includes('"ref":"case"') || text.includes(`"id":"${ref}"`), `${ref}: ${text.slice(0, 300)}`);
  }
});
