/**
 * One whole number a supervisor sets (the idle lock delay, the image
 * similarity threshold...): a field checked against its range, a save button,
 * "saved" or the core's refusal.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { TextField } from '../../components/TextField.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';

export type SaveOutcome = { ok: true; value: number } | { ok: false; error: AppErrorShape };

interface IntegerSettingFormProps {
  readonly saved: number;
  readonly min: number;
  readonly max: number;
  readonly label: string;
  /** Shown under the field when the value is not a whole number within the range. */
  readonly rangeError: string;
  readonly saveLabel: string;
  readonly savedMessage: string;
  /** Saves the value; answers what the core kept. */
  readonly save: (value: number) => Promise<SaveOutcome>;
}

export function IntegerSettingForm({ saved, min, max, label, rangeError, saveLabel, savedMessage, save }: IntegerSettingFormProps): ReactNode {
  const [value, setValue] = useState(String(saved));
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const number = Number(value);
    const valid = /^\s*\d+\s*$/.test(value) && number >= min && number <= max;
    setInvalid(!valid);
    setDone(false);
    setError(null);
    if (!valid || busy) return;
    setBusy(true);
    const result = await save(number);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setValue(String(result.value));
    setDone(true);
  }

  return (
    <form className="form form-inline" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <TextField
        label={label}
        error={invalid ? rangeError : null}
        className="input input-number"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        onValue={(text) => {
          setValue(text);
          setDone(false);
        }}
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {saveLabel}
      </button>
      {done ? <MessageNotice tone="ok">{savedMessage}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
