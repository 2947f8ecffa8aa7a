/**
 * A note's safe Markdown tree (src/shared/text/markdown.ts, the app's own) as
 * inert HTML for the dossier: every text escaped and its invisible characters
 * marked, links and images as their label and defanged URL (never an <a> or an
 * <img>), raw HTML shown as its source, references as plain text.
 */
import { parseNote, type SafeBlock, type SafeDocument, type SafeInline } from '../../../shared/text/markdown.ts';
import type { DossierLang } from '../model.ts';
import { html, join, type Html } from './html.ts';
import { ltr, runText, urlText, userBlock } from './text.ts';

const WORDS: Readonly<Record<DossierLang, { image: string; footnote: string; flattened: string; plain: string }>> = {
  fr: { image: 'image', footnote: 'Note', flattened: 'Imbrication trop profonde : la suite est aplatie.', plain: 'Passage reproduit en texte brut (trop long ou trop complexe).' },
  ar: { image: 'صورة', footnote: 'حاشية', flattened: 'تداخل عميق جدًا: ما يلي معروض بشكل مسطَّح.', plain: 'مقطع معروض كنص خام (طويل جدًا أو معقّد جدًا).' },
};

function inlines(children: readonly SafeInline[], lang: DossierLang): Html {
  return join(children.map((child) => inline(child, lang)));
}

function inline(node: SafeInline, lang: DossierLang): Html {
  switch (node.kind) {
    case 'text':
      return node.html ? html`<span class="md-html">${runText(node.text)}</span>` : runText(node.text);
    case 'emphasis':
      return html`<em>${inlines(node.children, lang)}</em>`;
    case 'strong':
      return html`<strong>${inlines(node.children, lang)}</strong>`;
    case 'delete':
      return html`<del>${inlines(node.children, lang)}</del>`;
    case 'inlineCode':
      return html`<code dir="auto">${runText(node.text)}</code>`;
    case 'break':
      return html`<br>`;
    case 'link':
      return node.url && node.url !== node.label
        ? html`<span class="md-link"><bdi dir="auto">${runText(node.label)}</bdi> ⟨${urlText(node.url)}⟩</span>`
        : html`<span class="md-link">${urlText(node.label)}</span>`;
    case 'image':
      return html`<span class="md-image">[${WORDS[lang].image}: <bdi dir="auto">${runText(node.alt)}</bdi>] ${urlText(node.url)}</span>`;
    case 'ref':
      return ltr(node.text, 'ref');
  }
}

function blocks(children: readonly SafeBlock[], lang: DossierLang): Html {
  return join(children.map((child) => block(child, lang)));
}

function block(node: SafeBlock, lang: DossierLang): Html {
  switch (node.kind) {
    case 'heading':
      return html`<p class="md-h md-h${Math.min(node.depth, 3)}" dir="auto">${inlines(node.children, lang)}</p>`;
    case 'paragraph':
      return html`<p class="md-p" dir="auto">${inlines(node.children, lang)}</p>`;
    case 'list': {
      const items = node.items.map(
        (item) => html`<li>${item.checked === null ? '' : item.checked ? '☑ ' : '☐ '}${blocks(item.children, lang)}</li>`,
      );
      return node.ordered ? html`<ol start="${node.start ?? 1}">${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'table':
      return html`<table class="md-table"><thead><tr>${node.head.map((cell) => html`<th dir="auto">${inlines(cell, lang)}</th>`)}</tr></thead><tbody>${node.rows.map(
        (row) => html`<tr>${row.map((cell) => html`<td dir="auto">${inlines(cell, lang)}</td>`)}</tr>`,
      )}</tbody></table>`;
    case 'code':
      return html`<div class="md-code">${node.lang ? html`<div class="md-code-lang">${ltr(node.lang)}</div>` : ''}${userBlock(node.text).html}</div>`;
    case 'blockquote':
      return html`<blockquote>${blocks(node.children, lang)}</blockquote>`;
    case 'thematicBreak':
      return html`<hr>`;
    case 'footnote':
      return html`<div class="md-footnote"><span class="md-footnote-label">${WORDS[lang].footnote} ${ltr(`[^${node.label}]`)}</span>${blocks(node.children, lang)}</div>`;
    case 'plain':
      return html`<div class="md-plain"><p class="notice">${WORDS[lang].plain}</p>${userBlock(node.text).html}</div>`;
  }
}

/** The note's tree rendered; `document` also says whether part of it was cut or flattened. */
export function markdownHtml(markdown: string, lang: DossierLang): { html: Html; document: SafeDocument } {
  const document = parseNote(markdown);
  const flattened = document.flattened ? html`<p class="notice">${WORDS[lang].flattened}</p>` : '';
  return { html: html`<div class="md">${flattened}${blocks(document.blocks, lang)}</div>`, document };
}
