/**
 * An analysis note (Markdown, untrusted: it may quote hostile report text)
 * rendered from the safe tree of markdown.ts, as React text only: no HTML,
 * no link, no image ever loaded. Each paragraph, heading and cell is one
 * `<bdi dir="auto">` run (a text holding bidi controls gets its own too, so
 * it cannot reorder what follows it); URLs are shown defanged; report and
 * case references are buttons calling `onReference`. With the "show invisible
 * characters" view on, flagged characters become marks, as in UserText.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { countInvisible, markLabel, revealInvisible } from '../safe/invisible.ts';
import { ShowInvisibleContext, useShowInvisible } from '../safe/ShowInvisibleContext.ts';
import { InvisibleIndicator, UserText } from '../safe/UserText.tsx';
import { MARKDOWN_LABELS } from './labels.ts';
import { parseNote, type Align, type RefKind, type SafeBlock, type SafeInline } from './markdown.ts';
import './markdown.css';

export interface MarkdownProps {
  /** The note, as typed. */
  readonly source: string;
  /** Called when a `#IBL-…` (report) or `#DOS-…` (case) reference is activated; without it references are inert. */
  readonly onReference?: (kind: RefKind, id: string) => void;
  /** Show invisible characters as marks; by default, the surrounding ShowInvisibleContext. */
  readonly showInvisible?: boolean;
  readonly className?: string;
}

type Labels = (typeof MARKDOWN_LABELS)[keyof typeof MARKDOWN_LABELS];

interface RenderContext {
  readonly show: boolean;
  readonly labels: Labels;
  readonly onReference: ((kind: RefKind, id: string) => void) | undefined;
}

export function Markdown({ source, onReference, showInvisible, className }: MarkdownProps): ReactNode {
  const { locale } = useI18n();
  const inherited = useShowInvisible();
  const show = showInvisible ?? inherited;
  const document = useMemo(() => parseNote(source), [source]);
  const labels = MARKDOWN_LABELS[locale];
  const context: RenderContext = { show, labels, onReference };
  return (
    <ShowInvisibleContext.Provider value={show}>
      <div className={`md-note${className ? ` ${className}` : ''}`}>
        {document.invisible.total > 0 ? <InvisibleIndicator count={document.invisible.total} shown={show} /> : null}
        {renderBlocks(document.blocks, context)}
        {document.flattened ? <p className="md-notice">{labels.flattened}</p> : null}
      </div>
    </ShowInvisibleContext.Provider>
  );
}

function renderBlocks(blocks: readonly SafeBlock[], context: RenderContext): ReactNode[] {
  return blocks.map((block, index) => <Fragment key={index}>{renderBlock(block, context)}</Fragment>);
}

function Run({ children, context }: { readonly children: readonly SafeInline[]; readonly context: RenderContext }): ReactNode {
  return (
    <bdi dir="auto" className="md-run">
      {renderInlines(children, context)}
    </bdi>
  );
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

function renderBlock(block: SafeBlock, context: RenderContext): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const Tag = HEADINGS[block.depth - 1] ?? 'h6';
      return (
        <Tag className={`md-h md-h${block.depth}`}>
          <Run context={context}>{block.children}</Run>
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p className="md-p">
          <Run context={context}>{block.children}</Run>
        </p>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        <li key={index} className={item.checked === null ? 'md-li' : 'md-li md-task'}>
          {item.checked === null ? null : (
            <span className={`md-check${item.checked ? ' md-check-done' : ''}`} role="img" aria-label={item.checked ? context.labels.task.done : context.labels.task.open}>
              {item.checked ? '☑' : '☐'}
            </span>
          )}
          {renderBlocks(item.children, context)}
        </li>
      ));
      return block.ordered ? (
        <ol className="md-list" start={block.start ?? undefined}>
          {items}
        </ol>
      ) : (
        <ul className="md-list">{items}</ul>
      );
    }
    case 'table':
      return (
        <div className="md-table-wrap">
          <table className="md-table">
            <thead>
              <tr>
                {block.head.map((cell, index) => (
                  <th key={index} scope="col" className={alignClass(block.align[index])}>
                    <Run context={context}>{cell}</Run>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {block.head.map((_head, index) => (
                    <td key={index} className={alignClass(block.align[index])}>
                      <Run context={context}>{row[index] ?? []}</Run>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <div className="md-code-block">
          {block.lang ? (
            <bdi dir="ltr" className="md-code-lang">
              <Text text={block.lang} context={context} />
            </bdi>
          ) : null}
          <pre className="md-code" dir="ltr">
            <code>
              <Text text={block.text} context={context} />
            </code>
          </pre>
        </div>
      );
    case 'blockquote':
      return <blockquote className="md-quote">{renderBlocks(block.children, context)}</blockquote>;
    case 'thematicBreak':
      return <hr className="md-hr" />;
    case 'footnote':
      return (
        <div className="md-footnote">
          <span className="md-footnote-label">
            {context.labels.footnote} <bdi dir="auto">{`[^${block.label}]`}</bdi>
          </span>
          {renderBlocks(block.children, context)}
        </div>
      );
    case 'plain':
      return (
        <div className="md-plain">
          <p className="md-notice">{context.labels.plain[block.reason]}</p>
          <UserText text={block.text} block noIndicator />
        </div>
      );
  }
}

function alignClass(align: Align | undefined): string | undefined {
  return align ? `md-align-${align}` : undefined;
}

function renderInlines(inlines: readonly SafeInline[], context: RenderContext): ReactNode[] {
  return inlines.map((inline, index) => <Fragment key={index}>{renderInline(inline, context)}</Fragment>);
}

function renderInline(inline: SafeInline, context: RenderContext): ReactNode {
  switch (inline.kind) {
    case 'text':
      return inline.html ? (
        <span className="md-html">
          <Text text={inline.text} context={context} />
        </span>
      ) : (
        <Text text={inline.text} context={context} />
      );
    case 'emphasis':
      return <em>{renderInlines(inline.children, context)}</em>;
    case 'strong':
      return <strong>{renderInlines(inline.children, context)}</strong>;
    case 'delete':
      return <del>{renderInlines(inline.children, context)}</del>;
    case 'inlineCode':
      return (
        <code className="md-inline-code">
          <Text text={inline.text} context={context} />
        </code>
      );
    case 'break':
      return <br />;
    case 'link':
      return (
        <span className="md-link" title={context.labels.link}>
          <bdi dir="auto" className="md-link-label">
            <Text text={inline.label} context={context} />
          </bdi>
          {inline.url && inline.url !== inline.label ? (
            <>
              {' '}
              <bdi dir="ltr" className="md-link-url">
                {'<'}
                <Text text={inline.url} context={context} />
                {'>'}
              </bdi>
            </>
          ) : null}
        </span>
      );
    case 'image':
      return (
        <span className="md-image">
          {`[${context.labels.image}: `}
          <bdi dir="auto">
            <Text text={inline.alt} context={context} />
          </bdi>
          {' — '}
          <bdi dir="ltr" className="md-link-url">
            <Text text={inline.url} context={context} />
          </bdi>
          {']'}
        </span>
      );
    case 'ref': {
      const { onReference } = context;
      return (
        <button
          type="button"
          className="md-ref"
          disabled={!onReference}
          title={inline.ref === 'report' ? context.labels.openRef.report : context.labels.openRef.case}
          onClick={onReference ? () => onReference(inline.ref, inline.id) : undefined}
        >
          <bdi dir="ltr">{inline.text}</bdi>
        </button>
      );
    }
  }
}

/** A text leaf: as is; isolated when it holds flagged characters; marks when the view is on. */
function Text({ text, context }: { readonly text: string; readonly context: RenderContext }): ReactNode {
  const flagged = useMemo(() => countInvisible(text).total > 0, [text]);
  if (!flagged) return text;
  return (
    <bdi dir="auto">
      {context.show
        ? revealInvisible(text).map((segment, index) =>
            segment.kind === 'text' ? (
              segment.text
            ) : (
              <bdi key={index} dir="ltr" className={`invisible-mark invisible-mark-${segment.category}`} title={segment.code}>
                {markLabel(segment)}
              </bdi>
            ),
          )
        : text}
    </bdi>
  );
}
