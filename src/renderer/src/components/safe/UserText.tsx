/**
 * Untrusted text (from a report: description, file names, handles, city...)
 * rendered as text only. Each run sits in its own <bdi dir="auto">, so that
 * bidi controls inside it (U+202E and the like) cannot reorder the interface
 * around it; long unbroken strings wrap anywhere. With the "show invisible
 * characters" view on, flagged characters become visible marks; otherwise an
 * indicator says how many the text holds.
 */
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { countInvisible, markLabel, revealInvisible, splitLines, type InvisibleMark } from '../../../../shared/text/invisible.ts';
import { useShowInvisible } from './ShowInvisibleContext.ts';
import '../../styles/report.css';

interface UserTextProps {
  readonly text: string;
  /** Paragraphs: one isolated, auto-directed line per line of text, white space kept. */
  readonly block?: boolean;
  /** Monospace (hashes, identifiers, URLs). */
  readonly mono?: boolean;
  /** Hide the "contains N invisible characters" indicator (when a caller shows its own). */
  readonly noIndicator?: boolean;
  readonly className?: string;
  /**
   * Display form of the text (defanging): applied to the whole text, or run by
   * run between the marks when invisible characters are shown. The indicator
   * counts the characters of the original text.
   */
  readonly transform?: (text: string) => string;
}

export function UserText({ text, block = false, mono = false, noIndicator = false, className, transform }: UserTextProps): ReactNode {
  const show = useShowInvisible();
  const count = useMemo(() => countInvisible(text).total, [text]);
  const classes = ['user-text', mono ? 'mono' : '', className ?? ''].filter(Boolean).join(' ');
  const indicator = count > 0 && !noIndicator ? <InvisibleIndicator count={count} shown={show} /> : null;

  if (block) {
    return (
      <div className={`user-text-block${mono ? ' mono' : ''}${className ? ` ${className}` : ''}`}>
        {indicator}
        {splitLines(text).map((line, index) => (
          <bdi key={index} dir="auto" className="user-text-line">
            {show && count > 0 ? <Revealed text={line} transform={transform} /> : transform ? transform(line) : line}
          </bdi>
        ))}
      </div>
    );
  }
  return (
    <span className="user-text-wrap">
      <bdi dir="auto" className={classes}>
        {show && count > 0 ? <Revealed text={text} transform={transform} /> : transform ? transform(text) : text}
      </bdi>
      {indicator}
    </span>
  );
}

/**
 * Text whose flagged characters always show as marks (a one-line extract, as
 * the queue shows, where a bidi override would otherwise reorder what is read).
 */
export function RevealedText({ text }: { readonly text: string }): ReactNode {
  const count = useMemo(() => countInvisible(text).total, [text]);
  return count > 0 ? <Revealed text={text} /> : text;
}

/** The text with its flagged characters as marks, in logical order. */
function Revealed({ text, transform }: { readonly text: string; readonly transform?: ((text: string) => string) | undefined }): ReactNode {
  const segments = useMemo(() => revealInvisible(text, transform), [text, transform]);
  return segments.map((segment, index) => (segment.kind === 'text' ? segment.text : <Mark key={index} mark={segment} />));
}

function Mark({ mark }: { readonly mark: InvisibleMark }): ReactNode {
  const { t } = useI18n();
  const title = t(`safe.kind.${mark.category}`, { code: mark.code });
  return (
    <bdi dir="ltr" className={`invisible-mark invisible-mark-${mark.category}`} title={title}>
      {markLabel(mark)}
    </bdi>
  );
}

/** "contains 3 invisible characters" next to text that holds some. */
export function InvisibleIndicator({ count, shown }: { readonly count: number; readonly shown: boolean }): ReactNode {
  const { t } = useI18n();
  return (
    <span className={`invisible-indicator${shown ? ' invisible-indicator-shown' : ''}`} title={t('safe.indicatorTitle')}>
      {t('safe.contains', { count })}
    </span>
  );
}
