/**
 * A day typed as the interface writes it (dd/mm/yyyy in French and Arabic),
 * not as the browser's locale would (a native date input shows mm/dd/yyyy in
 * an en-US Chromium). The value in and out is `YYYY-MM-DD` ('' for none),
 * like a native date input's. What is typed is kept as typed until it is a
 * real day within min..max; until then a message says what is expected, and
 * the last good value stays in force.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import { formatDay, parseDay } from './dayText.ts';

type Problem = 'invalid' | 'beforeMin' | 'afterMax';

interface DateFieldProps {
  /** `YYYY-MM-DD`, or '' for no day. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly id?: string;
  readonly className?: string;
  /** Earliest and latest day accepted, `YYYY-MM-DD`. */
  readonly min?: string | undefined;
  readonly max?: string | undefined;
  /** The field's name when no `<label for>` names it. */
  readonly 'aria-label'?: string;
}

const EXAMPLE_DAY = '2026-12-06';

export function DateField({ value, onChange, id, className = 'input', min, max, 'aria-label': ariaLabel }: DateFieldProps): ReactNode {
  const { t, locale } = useI18n();
  const ownId = useId();
  const errorId = `${ownId}-error`;
  const [text, setText] = useState(() => formatDay(value, locale));
  const [problem, setProblem] = useState<Problem | null>(null);
  /** The value last given or sent: a change from outside (filters cleared, language switched) is shown afresh. */
  const shown = useRef({ value, locale });

  useEffect(() => {
    if (shown.current.value === value && shown.current.locale === locale) return;
    const relocalised = shown.current.value === value;
    shown.current = { value, locale };
    // The language changed under a half-typed day: keep what was typed.
    if (relocalised && problem) return;
    setText(formatDay(value, locale));
    setProblem(null);
  }, [value, locale, problem]);

  const check = (typed: string, final: boolean): void => {
    const day = parseDay(typed);
    if (day === null) {
      // Still being typed: say nothing until the field is left.
      if (final) setProblem('invalid');
      return;
    }
    if (day !== '' && min && day < min) return setProblem('beforeMin');
    if (day !== '' && max && day > max) return setProblem('afterMax');
    setProblem(null);
    if (final) setText(formatDay(day, locale));
    if (day !== shown.current.value) {
      shown.current = { value: day, locale };
      onChange(day);
    }
  };

  const message =
    problem === 'invalid'
      ? t('date.invalid', { example: formatDay(EXAMPLE_DAY, locale) })
      : problem === 'beforeMin'
        ? t('date.beforeMin', { min: formatDay(min ?? '', locale) })
        : problem === 'afterMax'
          ? t('date.afterMax', { max: formatDay(max ?? '', locale) })
          : null;

  return (
    <>
      <input
        id={id}
        className={className}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={24}
        placeholder={t('date.placeholder')}
        value={text}
        aria-label={ariaLabel}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => {
          setText(event.target.value);
          check(event.target.value, false);
        }}
        onBlur={(event) => check(event.target.value, true)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') check(event.currentTarget.value, true);
        }}
      />
      {message ? (
        <span className="field-error" id={errorId} role="alert">
          {message}
        </span>
      ) : null}
    </>
  );
}
