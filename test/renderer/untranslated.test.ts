/**
 * No untranslated text reaches the analyst. Every sentence on screen comes
 * from the catalogues, in the analyst's language:
 *  - every error code the core can answer has a sentence in French and in
 *    Arabic (the renderer translates codes, never the core's English message);
 *  - no text is written in the screens' JSX (text nodes, or the attributes
 *    people read or hear: title, aria-label, placeholder, alt…): the
 *    renderer's sources are parsed with TypeScript and scanned;
 *  - the core's own message (English, for logs) is never rendered as text,
 *    except inside a "technical detail" disclosure;
 *  - the Arabic catalogue holds no Latin-only sentence, nor a French one left
 *    as it was;
 *  - every code the schemas know (categories, platforms, statuses, reporter
 *    modes, regions, channels, cluster kinds) has a label in both languages,
 *    and every language the reference service sends has a name in both.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { KNOWN_CATEGORIES, KNOWN_PLATFORMS, MOROCCAN_REGIONS, REPORT_STATUSES } from '../../src/intake/contract.ts';
import { ReportPayload } from '../../src/main/reports/payload.ts';
import { ErrorCode } from '../../src/shared/contract.ts';
import { CLUSTER_KINDS } from '../../src/shared/labels/cluster-key.ts';
import { ar } from '../../src/renderer/src/i18n/ar.ts';
import { fr } from '../../src/renderer/src/i18n/fr.ts';
import { isPlural, type Message } from '../../src/renderer/src/i18n/translate.ts';
import { languageName } from '../../src/renderer/src/format.ts';

const ROOT = join(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'src/renderer/src');

const ARABIC_LETTER = /\p{Script=Arabic}/u;
/** A word: two letters or more. */
const WORD = /\p{L}{2,}/gu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx$/.test(name) ? [path] : [];
  });
}

function forms(message: Message): string[] {
  return isPlural(message) ? Object.values(message) : [message];
}

/** A message's words once its {placeholders} are gone. */
function words(text: string): string[] {
  return text.replace(/\{\w+\}/g, ' ').match(WORD) ?? [];
}

test('every error code the core can answer has a sentence in French and in Arabic', () => {
  const missing: string[] = [];
  for (const code of ErrorCode.options) {
    const key = `error.${code}`;
    const french = (fr as Record<string, Message | undefined>)[key];
    const arabic = (ar as Record<string, Message | undefined>)[key];
    if (french === undefined || arabic === undefined) missing.push(code);
    else if (!forms(arabic).every((form) => ARABIC_LETTER.test(form))) missing.push(`${code} (ar not in Arabic)`);
  }
  assert.deepEqual(missing, []);
});

/** Attributes whose text is read or heard by the analyst. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label', 'summary']);

interface Finding {
  readonly where: string;
  readonly text: string;
}

/**
 * Text that is the same in every language: a URL or address ("://"), or
 * only format keywords and acronyms in capitals (IBL-2026-0000041, SHA-256,
 * UTC, WARC, the PEM armour). Key names ("Esc", "Enter") are not: French
 * keyboards say "Échap", "Entrée".
 */
function languageNeutral(text: string): boolean {
  if (text.includes('://')) return true;
  return words(text).every((word) => /^[A-Z]{2,6}$/.test(word));
}

/** Whether `node` sits inside a <code> element (machine text: commands, flags). */
function insideCode(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isJsxElement(current) && current.openingElement.tagName.getText() === 'code') return true;
  }
  return false;
}

function jsxFindings(path: string): Finding[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const where = (node: ts.Node): string => `${relative(ROOT, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const literalText = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const text = node.text.trim();
      if (words(text).length > 0 && !languageNeutral(text) && !insideCode(node)) found.push({ where: where(node), text });
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      const initializer = node.initializer;
      const text = initializer && ts.isJsxExpression(initializer) ? literalText(initializer.expression) : literalText(initializer);
      if (READ_ATTRIBUTES.has(name) && text !== null && words(text).length > 0 && !languageNeutral(text)) found.push({ where: where(node), text });
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text !== null && words(text).length > 0 && !languageNeutral(text) && !insideCode(node)) found.push({ where: where(node), text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no text is written in the screens: every word comes from the catalogues', () => {
  const files = sourceFiles(RENDERER);
  assert.ok(files.length > 50, `${files.length} files`);
  const findings = files.flatMap(jsxFindings).map((finding) => `${finding.where}: ${JSON.stringify(finding.text)}`);
  assert.deepEqual(findings, []);
});

/** Whether `node` sits inside a <details> element (a disclosure the analyst opens on purpose). */
function insideDetails(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isJsxElement(current) && current.openingElement.tagName.getText() === 'details') return true;
  }
  return false;
}

test("the core's own message is rendered only inside a technical-detail disclosure", () => {
  const findings: string[] = [];
  for (const path of sourceFiles(RENDERER)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (node: ts.Node): void => {
      // `error.message` of an AppErrorShape (the names the screens give it), or a run's `lastError`, rendered in JSX.
      const coreText =
        ts.isPropertyAccessExpression(node) &&
        ((node.name.text === 'message' && /(^|\.)(error|err|failure|result)$/i.test(node.expression.getText(source))) || node.name.text === 'lastError');
      if (coreText) {
        // Rendered: the child of a JSX expression (`{error.message}`), or a value handed to a message (`{{ detail: error.message }}`, a template).
        const parent = node.parent;
        const rendered = ts.isJsxExpression(parent) || ts.isPropertyAssignment(parent) || ts.isTemplateSpan(parent);
        if (rendered && !insideDetails(node)) findings.push(`${relative(ROOT, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText(source)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(findings, []);
});

test('the Arabic catalogue holds no Latin-only sentence, and no French sentence left as it was', () => {
  const findings: string[] = [];
  for (const [key, message] of Object.entries(ar) as [keyof typeof ar, Message][]) {
    const french = forms(fr[key]);
    forms(message).forEach((form, index) => {
      const latin = words(form).filter((word) => !ARABIC_LETTER.test(word));
      if (!ARABIC_LETTER.test(form) && latin.length >= 2) findings.push(`${key}: ${JSON.stringify(form)}`);
      else if (form === french[index] && latin.length >= 2) findings.push(`${key} (as in French): ${JSON.stringify(form)}`);
    });
  }
  assert.deepEqual(findings, []);
});

test('every code the schemas know has a label in both languages', () => {
  const keys = [
    ...KNOWN_CATEGORIES.map((code) => `report.category.${code}`),
    ...KNOWN_PLATFORMS.map((code) => `platform.${code}`),
    ...REPORT_STATUSES.map((code) => `report.status.${code}`),
    ...['anonymous', 'identified'].map((code) => `report.reporter.${code}`),
    ...Object.keys(MOROCCAN_REGIONS).map((code) => `region.${code}`),
    ...ReportPayload.shape.channel.options.map((code) => `channel.${code}`),
    ...CLUSTER_KINDS.map((kind) => `cluster.kind.${kind}`),
    ...['url', 'report', 'unknown'].map((kind) => `cluster.kind.${kind}`),
    ...['category', 'platform', 'status', 'reporterMode', 'region', 'channel', 'language'].map((kind) => `label.unknown.${kind}`),
  ];
  const missing = keys.filter((key) => !Object.hasOwn(fr, key) || !Object.hasOwn(ar, key) || !forms((ar as Record<string, Message>)[key]!).every((form) => ARABIC_LETTER.test(form)));
  assert.deepEqual(missing, []);
  // The languages the reference service's forms send (src/intake/generator.ts), named in both languages.
  for (const tag of ['ar', 'fr', 'en', 'es', 'ar-MA', 'fr-BE']) {
    assert.ok(languageName(tag, 'fr'), `${tag} in French`);
    assert.match(languageName(tag, 'ar') ?? '', ARABIC_LETTER, `${tag} in Arabic`);
  }
  assert.equal(languageName('not a tag', 'fr'), null);
});
