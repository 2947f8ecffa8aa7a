/**
 * A note's text as it reads: Markdown rendered from a safe tree (text only,
 * URLs defanged, nothing loaded), with `#IBL-…` and `#DOS-…` references that
 * open the report or the case. Notes may quote hostile content.
 */
import type { ReactNode } from 'react';
import { Markdown } from '../../components/markdown/Markdown.tsx';

interface NoteBodyProps {
  readonly text: string;
  readonly onReference: (kind: 'report' | 'case', id: string) => void;
}

export function NoteBody({ text, onReference }: NoteBodyProps): ReactNode {
  return (
    <div className="cs-note-body">
      <Markdown source={text} onReference={onReference} />
    </div>
  );
}
