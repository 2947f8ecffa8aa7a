/**
 * What is wrong with a form: a message per field, found by local checks on
 * submit and cleared as the field is edited, and the error the core answered.
 * Shared by the setup, new-profile and intake forms.
 */
import { useState } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import type { MessageKey } from '../i18n/index.ts';

export type FieldProblems<Field extends string> = Readonly<Partial<Record<Field, MessageKey>>>;

export interface FormProblems<Field extends string> {
  readonly problems: FieldProblems<Field>;
  /**
   * Shows the problems found on submit (a field without one may be left out,
   * or given null) and clears the core's last error: true when there are none.
   */
  readonly check: (found: Readonly<Partial<Record<Field, MessageKey | null | undefined>>>) => boolean;
  readonly setProblem: (field: Field, problem: MessageKey | undefined) => void;
  /** A field's setter that also clears that field's problem (and runs `onEdit`). */
  readonly changed: (field: Field, set: (value: string) => void) => (value: string) => void;
  readonly error: AppErrorShape | null;
  readonly setError: (error: AppErrorShape | null) => void;
}

export function useFormProblems<Field extends string>(onEdit?: () => void): FormProblems<Field> {
  const [problems, setProblems] = useState<FieldProblems<Field>>({} as FieldProblems<Field>);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const setProblem = (field: Field, problem: MessageKey | undefined): void => setProblems((current) => ({ ...current, [field]: problem }));
  return {
    problems,
    check(found) {
      const kept = Object.fromEntries(Object.entries(found).filter(([, problem]) => Boolean(problem))) as FieldProblems<Field>;
      setProblems(kept);
      setError(null);
      return Object.keys(kept).length === 0;
    },
    setProblem,
    changed: (field, set) => (value) => {
      set(value);
      onEdit?.();
      setProblem(field, undefined);
    },
    error,
    setError,
  };
}
