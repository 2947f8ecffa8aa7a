/**
 * A note's text as it reads. Notes are written by analysts but may quote
 * hostile content: nothing in them is ever markup the page runs or loads.
 */
import type { ReactNode } from 'react';
import { UserText } from '../../components/safe/UserText.tsx';

interface NoteBodyProps {
  readonly text: string;
  readonly onReference: (kind: 'report' | 'case', id: string) => void;
}

export function NoteBody({ text }: NoteBodyProps): ReactNode {
  return (
    <div className="cs-note-body">
      <UserText text={text} block />
    </div>
  );
}
