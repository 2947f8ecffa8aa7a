/**
 * An analysis note (Markdown, untrusted: it may quote hostile report text)
 * rendered from the safe tree of markdown.ts, as React text only: no HTML,
 * no link, no image ever loaded. Each paragraph, heading and cell is one
 * `<bdi dir="auto">` run (a text holding bidi controls gets its own too, so
 * it cannot reorder what follows it); URLs are shown defanged; report and
 * case references are buttons calling `onReference`. With the "show invisible
 * characters" view on, flagged characters become marks, as in UserText.
 *
 * Long notes are parsed in a worker with a deadline (noteParser.ts): until
 * the tree comes, and for good when the parse runs past its deadline (or no
 * worker can be had), the note is shown as plain inert text (UserText), with
 * a notice when it stays so. A note never parses for long on the UI thread.
 */
import { Fragment, memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { countInvisible, markLabel, revealInvisible } from '../../../../shared/text/invisible.ts';
import { ShowInvisibleContext, useShowInvisible } from '../safe/ShowInvisibleContext.ts';
import { InvisibleIndicator, UserText } from '../safe/UserText.tsx';
import { MARKDOWN_LABELS } from './labels.ts';
import { type Align, type RefKind, type SafeBlock, type SafeDocument, type SafeInline } from '../../../../shared/text/markdown.ts';
import { sharedNoteParser, type NoteParser, type NoteResult } from './noteParser.ts';
import { plainChunks } from './plainText.ts';
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
  const result = useNoteResult(sharedNoteParser(), source);
  const labels = MARKDOWN_LABELS[locale];
  const classes = `md-note${className ? ` ${className}` : ''}`;
  return (
    <ShowInvisibleContext.Provider value={show}>
      {result.status === 'ready' ? (
        <Formatted document={result.document} className={classes} context={{ show, labels, onReference }} />
      ) : (
        <div className={`${classes} md-unparsed${result.status === 'pending' ? ' md-pending' : ''}`} aria-busy={result.status === 'pending' || undefined}>
          {result.status === 'plain' ? (
            <p className="md-notice" role="note">
              {labels.unparsed[result.cause]}
            </p>
          ) : null}
          <PlainText text={source} show={show} />
        </div>
      )}
    </ShowInvisibleContext.Provider>
  );
}

/** The note's parse: at once when it is short or known, else when the worker answers (or gives up). */
function useNoteResult(parser: NoteParser, source: string): NoteResult {
  const immediate = useMemo(() => parser.peek(source), [parser, source]);
  const [settled, setSettled] = useState<{ readonly source: string; readonly result: NoteResult } | null>(null);
  useEffect(() => {
    if (immediate.status !== 'pending') return undefined;
    return parser.request(source, (result) => setSettled({ source, result }));
  }, [parser, source, immediate]);
  if (immediate.status !== 'pending') return immediate;
  return settled?.source === source ? settled.result : immediate;
}

/**
 * The note as inert text (UserText: one isolated, auto-directed line per
 * line), committed a chunk of lines per task so that a note of 50,000 short
 * lines does not hold the page for seconds; one indicator for the whole note.
 */
function PlainText({ text, show }: { readonly text: string; readonly show: boolean }): ReactNode {
  const chunks = useMemo(() => plainChunks(text), [text]);
  const invisible = useMemo(() => countInvisible(text).total, [text]);
  const [progress, setProgress] = useState<{ readonly text: string; readonly count: number }>({ text, count: 1 });
  const count = progress.text === text ? progress.count : 1;
  useEffect(() => {
    if (count >= chunks.length) return undefined;
    const timer = setTimeout(() => setProgress({ text, count: count + 1 }), 0);
    return () => clearTimeout(timer);
  }, [text, count, chunks.length]);
  return (
    <div className="md-plain-text">
      {invisible > 0 ? <InvisibleIndicator count={invisible} shown={show} /> : null}
      {chunks.slice(0, count).map((chunk, index) => (
        <PlainChunk key={index} text={chunk} />
      ))}
    </div>
  );
}

/** Memoised: adding a chunk does not render the ones already shown again (that would be quadratic). */
const PlainChunk = memo(function PlainChunk({ text }: { readonly text: string }): ReactNode {
  return <UserText text={text} block noIndicator />;
});

function Formatted({ document, className, context }: { readonly document: SafeDocument; readonly className: string; readonly context: RenderContext }): ReactNode {
  return (
    <div className={className}>
      {document.invisible.total > 0 ? <InvisibleIndicator count={document.invisible.total} shown={context.show} /> : null}
      {renderBlocks(document.blocks, context)}
      {document.flattened ? <p className="md-notice">{context.labels.flattened}</p> : null}
    </div>
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
