/**
 * Supervisors set the intake connection: URL, token (empty keeps the saved
 * one, which is never shown), the service's public key (a .pem file read here
 * as text, or pasted), the workstation id and the background sync interval.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { IntakeCheck } from '../../../../shared/contract/sync.ts';
import type { IntakeSettingsInput, IntakeSettingsView } from '../../../../shared/schemas.ts';
import { Field } from '../../components/Field.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  intakeUrlProblem,
  MAX_PUBLIC_KEY_PEM,
  parseSyncInterval,
  publicKeyProblem,
  SYNC_INTERVAL_MAX,
  SYNC_INTERVAL_MIN,
  workstationIdProblem,
} from '../../forms/validation.ts';
import { FormFooter } from '../../forms/FormFooter.tsx';
import { TextFilePicker, type FileProblem } from '../../forms/TextFilePicker.tsx';
import { useFormProblems } from '../../forms/useFormProblems.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useIntake } from '../../intake/IntakeContext.ts';
import { useApi } from '../../session/SessionContext.ts';
import { IntakeSaveDialog, type SaveChoice } from './IntakeSaveDialog.tsx';

interface IntakeFormProps {
  readonly saved: IntakeSettingsView;
}

type IntakeField = 'url' | 'token' | 'key' | 'keyFile' | 'workstationId' | 'interval';

/** Inputs that hold addresses, ids and keys: Latin text, never corrected or capitalised. */
const technical = { dir: 'ltr', autoCapitalize: 'off', autoCorrect: 'off', spellCheck: false } as const;

export function IntakeForm({ saved }: IntakeFormProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { adoptSettings } = useIntake();
  const [url, setUrl] = useState(saved.url ?? '');
  const [token, setToken] = useState('');
  const [keyPem, setKeyPem] = useState('');
  const [keyFileName, setKeyFileName] = useState<string | null>(null);
  const [workstationId, setWorkstationId] = useState(saved.workstationId ?? '');
  const [intervalText, setIntervalText] = useState(String(saved.syncIntervalMinutes));
  const [savedFingerprint, setSavedFingerprint] = useState<string | null | undefined>(undefined);
  // Editing a field clears its problem and the last confirmation.
  const { problems, check, setProblem, changed, error, setError } = useFormProblems<IntakeField>(() => setSavedFingerprint(undefined));
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** Settings waiting for the supervisor's decision: their test failed, or saving them changes or deletes data. */
  const [pending, setPendingState] = useState<{ input: IntakeSettingsInput; check: IntakeCheck } | null>(null);
  const pendingRef = useRef(pending);
  const setPending = (next: typeof pending): void => {
    pendingRef.current = next;
    setPendingState(next);
  };
  const [dialogError, setDialogError] = useState<AppErrorShape | null>(null);
  const [checking, setChecking] = useState(false);

  function keyFileLoaded(text: string, fileName: string): void {
    setKeyPem(text);
    setKeyFileName(fileName);
    setSavedFingerprint(undefined);
    setProblem('key', undefined);
  }

  function keyFileProblem(problem: FileProblem | null): void {
    const message: MessageKey | undefined =
      problem === 'tooBig' ? 'validation.keyFileTooBig' : problem === 'unreadable' ? 'validation.keyFileRead' : undefined;
    setProblem('keyFile', message);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const minutes = parseSyncInterval(intervalText);
    const pem = keyPem.trim();
    const found = {
      url: intakeUrlProblem(url) ? 'validation.intakeUrl' : undefined,
      token: token.trim() === '' && !saved.tokenSet ? 'validation.tokenRequired' : undefined,
      key: pem === '' ? (saved.keyFingerprint ? undefined : 'validation.keyRequired') : (publicKeyProblem(pem) ?? undefined),
      workstationId: workstationIdProblem(workstationId) ? 'validation.workstationId' : undefined,
      interval: minutes === null ? 'validation.syncInterval' : undefined,
    } as const;
    check(found);
    setSavedFingerprint(undefined);
    const firstInvalid = (['url', 'token', 'key', 'workstationId', 'interval'] as const).find((field) => found[field]);
    if (firstInvalid || minutes === null) {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${firstInvalid ?? 'interval'}"]`)?.focus();
      return;
    }
    const input: IntakeSettingsInput = {
      url: url.trim(),
      workstationId: workstationId.trim(),
      syncIntervalMinutes: minutes,
      ...(token.trim() === '' ? {} : { token: token.trim() }),
      ...(pem === '' ? {} : { publicKeyPem: pem }),
    };
    // Tested first, and what saving deletes counted: nothing is saved before the supervisor has seen both.
    setBusy(true);
    setChecking(true);
    const checked = await api('intake.check', input);
    setChecking(false);
    setBusy(false);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    const outcome = checked.value;
    if (outcome.test.ok && outcome.deletes === null && !outcome.anotherService) {
      await save(input, { untestedReason: null }, false);
      return;
    }
    setDialogError(null);
    setPending({ input, check: outcome });
  }

  async function save(input: IntakeSettingsInput, choice: SaveChoice, confirmDeletion: boolean): Promise<void> {
    setBusy(true);
    const result = await api('intake.update', {
      ...input,
      ...(choice.untestedReason === null ? {} : { untested: { reason: choice.untestedReason } }),
      ...(confirmDeletion ? { confirmDeletion: true as const } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      if (pendingRef.current) setDialogError(result.error);
      else setError(result.error);
      return;
    }
    setPending(null);
    setToken('');
    setKeyPem('');
    setKeyFileName(null);
    setUrl(result.value.url ?? '');
    setWorkstationId(result.value.workstationId ?? '');
    setIntervalText(String(result.value.syncIntervalMinutes));
    setSavedFingerprint(result.value.keyFingerprint);
    adoptSettings(result.value);
  }

  const titleKey = saved.configured ? 'settings.intake.formTitle' : 'settings.intake.formTitleNew';
  return (
    <div className="subpanel">
      <h3 className="subpanel-title" id="intake-form-title">
        {t(titleKey)}
      </h3>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-labelledby="intake-form-title"
        aria-busy={busy}
      >
        <TextField
          label={t('settings.intake.url')}
          hint={t('settings.intake.urlHint')}
          error={problems.url ? t(problems.url) : null}
          {...technical}
          data-field="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          maxLength={2048}
          placeholder="https://intake.example/api/v1"
          value={url}
          onValue={changed('url', setUrl)}
        />
        <div className="form-row">
          <TextField
            label={t('settings.intake.workstationId')}
            hint={t('settings.intake.workstationIdHint')}
            error={problems.workstationId ? t(problems.workstationId) : null}
            {...technical}
            data-field="workstationId"
            autoComplete="off"
            maxLength={128}
            value={workstationId}
            onValue={changed('workstationId', setWorkstationId)}
          />
          <TextField
            label={t('settings.intake.interval')}
            hint={t('settings.intake.intervalHint', { max: SYNC_INTERVAL_MAX })}
            error={problems.interval ? t(problems.interval, { min: SYNC_INTERVAL_MIN, max: SYNC_INTERVAL_MAX }) : null}
            data-field="interval"
            className="input input-number"
            type="number"
            inputMode="numeric"
            min={SYNC_INTERVAL_MIN}
            max={SYNC_INTERVAL_MAX}
            step={1}
            value={intervalText}
            onValue={changed('interval', setIntervalText)}
          />
        </div>
        <TextField
          label={t('settings.intake.token')}
          hint={t(saved.tokenSet ? 'settings.intake.tokenHintKeep' : 'settings.intake.tokenHintNew')}
          error={problems.token ? t(problems.token) : null}
          {...technical}
          data-field="token"
          type="password"
          autoComplete="off"
          maxLength={4096}
          value={token}
          onValue={changed('token', setToken)}
        />
        <TextFilePicker
          label={t('settings.intake.keyFile')}
          accept=".pem,application/x-pem-file,application/x-x509-ca-cert,text/plain"
          // A PEM public key is well under a kilobyte: anything bigger cannot be one.
          maxBytes={MAX_PUBLIC_KEY_PEM}
          fileName={keyFileName}
          error={problems.keyFile ? t(problems.keyFile) : null}
          onLoaded={keyFileLoaded}
          onProblem={keyFileProblem}
        />
        <Field
          label={t('settings.intake.key')}
          hint={
            <>
              <span>{t(saved.keyFingerprint ? 'settings.intake.keyHintKeep' : 'settings.intake.keyHintNew')}</span>
              {keyFileName ? (
                <span role="status">
                  <Msg id="settings.intake.keyLoaded" params={{ file: <bdi className="strong">{keyFileName}</bdi> }} />
                </span>
              ) : null}
            </>
          }
          error={problems.key ? t(problems.key) : null}
        >
          {(control) => (
            <textarea
              {...control}
              {...technical}
              data-field="key"
              className="input input-textarea"
              rows={5}
              maxLength={MAX_PUBLIC_KEY_PEM}
              placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'}
              value={keyPem}
              onChange={(event) => {
                changed('key', setKeyPem)(event.target.value);
                setKeyFileName(null);
              }}
            />
          )}
        </Field>
        <FormFooter
          error={error}
          context="intakeSave"
          busyLabel={checking ? t('settings.intake.testing') : busy && !pending ? t('settings.intake.saving') : null}
          notices={
            savedFingerprint !== undefined ? (
              <div className="notice notice-ok" role="status">
                <p>
                  <Msg
                    id="settings.intake.saved"
                    params={{
                      fingerprint: savedFingerprint ? (
                        <code className="fingerprint" dir="ltr">
                          {savedFingerprint}
                        </code>
                      ) : (
                        t('settings.intake.noKey')
                      ),
                    }}
                  />
                </p>
              </div>
            ) : null
          }
        >
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {t('settings.intake.save')}
          </button>
        </FormFooter>
      </form>
      {pending ? (
        <IntakeSaveDialog
          check={pending.check}
          busy={busy}
          error={dialogError}
          onCancel={() => setPending(null)}
          onConfirm={(choice) => void save(pending.input, choice, pending.check.deletes !== null)}
        />
      ) : null}
    </div>
  );
}
