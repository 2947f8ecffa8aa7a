/**
 * Picks one small text file and reads it here, in the renderer, with
 * FileReader. The native input stays the focusable, labelled control; its
 * button and "no file" text, which the browser would word in its own
 * language, are drawn in the interface's language instead.
 */
import { useId, type ChangeEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';

export type FileProblem = 'tooBig' | 'unreadable';

interface TextFilePickerProps {
  readonly label: string;
  readonly accept: string;
  readonly maxBytes: number;
  /** The name of the file whose text is in use, if any. */
  readonly fileName: string | null;
  readonly error?: string | null;
  readonly onLoaded: (text: string, fileName: string) => void;
  readonly onProblem: (problem: FileProblem | null) => void;
}

export function TextFilePicker({ label, accept, maxBytes, fileName, error, onLoaded, onProblem }: TextFilePickerProps): ReactNode {
  const { t } = useI18n();
  const id = useId();

  function pick(event: ChangeEvent<HTMLInputElement>): void {
    const input = event.target;
    const file = input.files?.[0];
    // The same file can be chosen again later, after an edit of its text.
    input.value = '';
    onProblem(null);
    if (!file) return;
    if (file.size > maxBytes) {
      onProblem('tooBig');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => onLoaded(typeof reader.result === 'string' ? reader.result : '', file.name);
    reader.onerror = () => onProblem('unreadable');
    reader.readAsText(file);
  }

  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="file-picker">
        <input
          id={id}
          className="file-picker-input"
          type="file"
          accept={accept}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={error ? `${id}-name ${id}-error` : `${id}-name`}
          aria-invalid={error ? true : undefined}
          onChange={pick}
        />
        <label htmlFor={id} className="btn btn-small file-picker-button" id={`${id}-button`}>
          {t('file.choose')}
        </label>
        <span className="file-picker-name" id={`${id}-name`}>
          {fileName ? <bdi>{fileName}</bdi> : t('file.none')}
        </span>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
