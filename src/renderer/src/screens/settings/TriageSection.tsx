/**
 * Priorities and deadlines: how the queue's score is made (with a worked
 * example computed from the values shown), the points and handling deadline
 * of every category, imminent danger, repeated reports of the same content
 * and waiting. Supervisors edit them; analysts read them.
 *
 * There is no channel for the core's defaults, and the renderer may not read
 * them from src/main: instead of a copy that could drift, the form offers to
 * cancel the changes, back to the saved values.
 */
import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { KNOWN_CATEGORIES, type TriageSettings } from '../../../../shared/triage.ts';
import { TextField } from '../../components/TextField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatNumber } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { categoryLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';
import {
  checkDraft,
  DEADLINE_RANGE,
  deadlineMinutesValue,
  draftChanged,
  draftOf,
  EXAMPLE,
  exampleFromDraft,
  FIELD_ORDER,
  IMMINENT,
  POINTS_RANGE,
  SCALAR_RANGES,
  UNITS,
  UNLISTED,
  formatMinutes,
  formatUnit,
  unitCount,
  type DeadlineDraft,
  type ExampleTerms,
  type FieldId,
  type Problems,
  type RowKey,
  type Scalar,
  type TriageDraft,
  type Unit,
} from './triageForm.ts';

interface TriageSectionProps {
  readonly role: Role;
}

export function TriageSection({ role }: TriageSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('triage.settings'), [api]));
  const settings = loaded.value;

  return (
    <SettingsSection title={t('settings.triage.title')} intro={t('settings.triage.intro')}>
      {loaded.loading && !settings ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {settings && role === 'supervisor' ? <TriageForm saved={settings} /> : null}
      {settings && role !== 'supervisor' ? <TriageReadOnly settings={settings} /> : null}
    </SettingsSection>
  );
}

function rowLabel(t: Translate, row: RowKey): string {
  if (row === UNLISTED) return t('settings.triage.row.unlisted');
  if (row === IMMINENT) return t('settings.triage.row.imminent');
  return categoryLabel(t, row) ?? row;
}

function rowHint(t: Translate, row: RowKey): string | null {
  if (row === UNLISTED) return t('settings.triage.row.unlistedHint');
  if (row === IMMINENT) return t('settings.triage.row.imminentHint');
  return null;
}

/** The rule in one line, the deadline rule, and the example worked out with the values shown. */
function ScoreExplanation({ terms }: { readonly terms: ExampleTerms }): ReactNode {
  const { t, locale } = useI18n();
  const sum = `${[terms.category, terms.imminentDanger, terms.cluster, terms.age].map((n) => formatNumber(n, locale)).join(' + ')} = `;
  return (
    <div className="triage-explain">
      <p>
        <strong>{t('settings.triage.formula')}</strong> {t('settings.triage.order')}
      </p>
      <p>{t('settings.triage.deadlineRule')}</p>
      <div className="triage-example" role="group" aria-label={t('settings.triage.example.title')}>
        <p className="triage-example-title">{t('settings.triage.example.title')}</p>
        <p data-testid="triage-example">
          <Msg
            id="settings.triage.example.score"
            count={EXAMPLE.reports}
            params={{
              category: <bdi>{categoryLabel(t, EXAMPLE.category) ?? EXAMPLE.category}</bdi>,
              age: formatUnit(locale, 'day', EXAMPLE.days, 'long'),
              sum: (
                <bdi dir="ltr" className="triage-sum">
                  {sum}
                  <strong>{formatNumber(terms.total, locale)}</strong>
                </bdi>
              ),
            }}
          />
        </p>
        <ul className="triage-example-detail">
          <li>
            {t(terms.clusterUncapped === null ? 'settings.triage.example.cluster' : 'settings.triage.example.clusterCapped', {
              count: EXAMPLE.reports,
              doublings: t('settings.triage.example.doublings', { count: terms.doublings }),
              per: t('settings.triage.points', { count: terms.clusterPerDoubling }),
              raw: terms.clusterUncapped ?? terms.cluster,
              points: terms.cluster,
            })}
          </li>
          <li>
            {t(terms.ageUncapped === null ? 'settings.triage.example.age' : 'settings.triage.example.ageCapped', {
              age: formatUnit(locale, 'day', EXAMPLE.days, 'long'),
              per: t('settings.triage.points', { count: terms.agePerDay }),
              raw: terms.ageUncapped ?? terms.age,
              points: terms.age,
            })}
          </li>
          <li>{t('settings.triage.example.deadline', { deadline: formatMinutes(t, locale, terms.deadlineMinutes) })}</li>
        </ul>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------
// Analysts: the values, read-only

function TriageReadOnly({ settings }: { readonly settings: TriageSettings }): ReactNode {
  const { t, locale } = useI18n();
  const draft = useMemo(() => draftOf(settings), [settings]);
  const terms = useMemo(() => exampleFromDraft(draft, draft), [draft]);
  const { weights } = settings;
  return (
    <>
      <ScoreExplanation terms={terms} />
      <TriageTable>
        {(rows) =>
          rows.map((row) => (
            <tr key={row}>
              <RowHeader row={row} />
              <td className="triage-points">{formatNumber(Number(draft.points[row]), locale)}</td>
              <td className="nowrap">{formatMinutes(t, locale, deadlineMinutesValue(draft.deadlines[row]) ?? 0)}</td>
            </tr>
          ))
        }
      </TriageTable>
      <dl className="facts triage-facts">
        <div className="fact">
          <dt>{t('settings.triage.cluster.title')}</dt>
          <dd>{t('settings.triage.cluster.value', { per: t('settings.triage.points', { count: weights.clusterPerDoubling }), max: weights.clusterMax })}</dd>
        </div>
        <div className="fact">
          <dt>{t('settings.triage.age.title')}</dt>
          <dd>{t('settings.triage.age.value', { per: t('settings.triage.points', { count: weights.agePerDay }), max: weights.ageMax })}</dd>
        </div>
      </dl>
      <p className="muted">{t('settings.triage.readOnly')}</p>
    </>
  );
}

const CATEGORY_ROWS: readonly RowKey[] = KNOWN_CATEGORIES;
const EXTRA_ROWS: readonly RowKey[] = [UNLISTED, IMMINENT];

/** The table of categories, then the rows for unlisted categories and imminent danger. */
function TriageTable({ children }: { readonly children: (rows: readonly RowKey[]) => ReactNode }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="table-wrap triage-table-wrap">
      <table className="table triage-table">
        <caption className="visually-hidden">{t('settings.triage.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.triage.col.category')}</th>
            <th scope="col">{t('settings.triage.col.points')}</th>
            <th scope="col">{t('settings.triage.col.deadline')}</th>
          </tr>
        </thead>
        <tbody>{children(CATEGORY_ROWS)}</tbody>
        <tbody className="triage-extra">{children(EXTRA_ROWS)}</tbody>
      </table>
    </div>
  );
}

function RowHeader({ row }: { readonly row: RowKey }): ReactNode {
  const { t } = useI18n();
  const hint = rowHint(t, row);
  return (
    <th scope="row" className="triage-row-name">
      {rowLabel(t, row)}
      {hint ? <span className="triage-row-hint">{hint}</span> : null}
    </th>
  );
}

// ---------------------------------------------------------------------------
// Supervisors: the form

function TriageForm({ saved: initial }: { readonly saved: TriageSettings }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const [saved, setSaved] = useState(initial);
  const savedDraft = useMemo(() => draftOf(saved), [saved]);
  const [draft, setDraft] = useState<TriageDraft>(savedDraft);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const dirty = draftChanged(draft, savedDraft);
  const terms = exampleFromDraft(draft, savedDraft);
  const hasProblems = Object.keys(problems).length > 0;

  function edit(field: FieldId, next: (current: TriageDraft) => TriageDraft): void {
    setDraft(next);
    setDone(false);
    setError(null);
    setProblems((current) => {
      if (!current[field]) return current;
      const rest = { ...current };
      delete rest[field];
      return rest;
    });
  }

  const setPoints = (row: RowKey, amount: string): void =>
    edit(`points:${row}`, (current) => ({ ...current, points: { ...current.points, [row]: amount } }));
  const setDeadline = (row: RowKey, change: Partial<DeadlineDraft>): void =>
    edit(`deadline:${row}`, (current) => ({ ...current, deadlines: { ...current.deadlines, [row]: { ...current.deadlines[row], ...change } } }));
  const setScalar = (scalar: Scalar, amount: string): void =>
    edit(scalar, (current) => ({ ...current, scalars: { ...current.scalars, [scalar]: amount } }));

  function revert(): void {
    setDraft(savedDraft);
    setProblems({});
    setError(null);
    setDone(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || !dirty) return;
    setDone(false);
    setError(null);
    const checked = checkDraft(draft, saved);
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = FIELD_ORDER.find((field) => checked.problems[field]);
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    const result = await api('triage.updateSettings', checked.settings);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(result.value);
    setDraft(draftOf(result.value));
    setDone(true);
  }

  const problemText = (field: FieldId): string | null => {
    const key = problems[field];
    if (!key) return null;
    if (field.startsWith('deadline:'))
      return t(key, { min: formatMinutes(t, locale, DEADLINE_RANGE.min), max: formatMinutes(t, locale, DEADLINE_RANGE.max) });
    const bounds = field.startsWith('points:') ? POINTS_RANGE : SCALAR_RANGES[field as Scalar];
    return t(key, { min: bounds.min, max: bounds.max });
  };

  return (
    <form ref={formRef} className="form triage-form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <ScoreExplanation terms={terms} />
      <TriageTable>
        {(rows) =>
          rows.map((row) => (
            <EditableRow
              key={row}
              row={row}
              points={draft.points[row]}
              deadline={draft.deadlines[row]}
              pointsProblem={problemText(`points:${row}`)}
              deadlineProblem={problemText(`deadline:${row}`)}
              onPoints={(amount) => setPoints(row, amount)}
              onDeadline={(change) => setDeadline(row, change)}
            />
          ))
        }
      </TriageTable>
      <div className="triage-groups">
        <fieldset className="triage-group">
          <legend className="triage-group-title">{t('settings.triage.cluster.title')}</legend>
          <ScalarField
            scalar="clusterPerDoubling"
            label={t('settings.triage.cluster.per')}
            hint={t('settings.triage.cluster.perHint')}
            value={draft.scalars.clusterPerDoubling}
            problem={problemText('clusterPerDoubling')}
            onChange={setScalar}
          />
          <ScalarField
            scalar="clusterMax"
            label={t('settings.triage.cluster.max')}
            value={draft.scalars.clusterMax}
            problem={problemText('clusterMax')}
            onChange={setScalar}
          />
        </fieldset>
        <fieldset className="triage-group">
          <legend className="triage-group-title">{t('settings.triage.age.title')}</legend>
          <ScalarField
            scalar="agePerDay"
            label={t('settings.triage.age.per')}
            hint={t('settings.triage.age.perHint')}
            value={draft.scalars.agePerDay}
            problem={problemText('agePerDay')}
            onChange={setScalar}
          />
          <ScalarField scalar="ageMax" label={t('settings.triage.age.max')} value={draft.scalars.ageMax} problem={problemText('ageMax')} onChange={setScalar} />
        </fieldset>
      </div>
      {hasProblems ? <MessageNotice tone="error">{t('settings.triage.invalidSummary')}</MessageNotice> : null}
      <ErrorNotice error={error} />
      {done ? <MessageNotice tone="ok">{t('settings.triage.saved')}</MessageNotice> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty || busy}>
          {t('settings.triage.save')}
        </button>
        <button type="button" className="btn" disabled={!dirty || busy} onClick={revert}>
          {t('settings.triage.revert')}
        </button>
        {busy ? (
          <span className="busy" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('settings.triage.saving')}
          </span>
        ) : dirty ? (
          <span className="muted">{t('settings.triage.unsaved')}</span>
        ) : null}
      </div>
    </form>
  );
}

interface EditableRowProps {
  readonly row: RowKey;
  readonly points: string;
  readonly deadline: DeadlineDraft;
  readonly pointsProblem: string | null;
  readonly deadlineProblem: string | null;
  readonly onPoints: (amount: string) => void;
  readonly onDeadline: (change: Partial<DeadlineDraft>) => void;
}

function EditableRow({ row, points, deadline, pointsProblem, deadlineProblem, onPoints, onDeadline }: EditableRowProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const label = rowLabel(t, row);
  return (
    <tr>
      <RowHeader row={row} />
      <td>
        <input
          data-field={`points:${row}`}
          className="input input-number triage-points-input"
          type="number"
          inputMode="numeric"
          min={POINTS_RANGE.min}
          max={POINTS_RANGE.max}
          step={1}
          aria-label={t('settings.triage.pointsFor', { category: label })}
          aria-invalid={pointsProblem ? true : undefined}
          aria-describedby={pointsProblem ? `${id}-points` : undefined}
          value={points}
          onChange={(event) => onPoints(event.target.value)}
        />
        {pointsProblem ? (
          <p className="field-error triage-cell-error" id={`${id}-points`}>
            {pointsProblem}
          </p>
        ) : null}
      </td>
      <td>
        <div className="triage-deadline">
          <input
            data-field={`deadline:${row}`}
            className="input input-number triage-amount"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            aria-label={t('settings.triage.deadlineFor', { category: label })}
            aria-invalid={deadlineProblem ? true : undefined}
            aria-describedby={deadlineProblem ? `${id}-deadline` : undefined}
            value={deadline.amount}
            onChange={(event) => onDeadline({ amount: event.target.value })}
          />
          <select
            className="input triage-unit"
            aria-label={t('settings.triage.unitFor', { category: label })}
            value={deadline.unit}
            onChange={(event) => onDeadline({ unit: event.target.value as Unit })}
          >
            {UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`settings.triage.unit.${unit}`, unitCount(deadline.amount))}
              </option>
            ))}
          </select>
        </div>
        {deadlineProblem ? (
          <p className="field-error triage-cell-error" id={`${id}-deadline`}>
            {deadlineProblem}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

interface ScalarFieldProps {
  readonly scalar: Scalar;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly problem: string | null;
  readonly onChange: (scalar: Scalar, value: string) => void;
}

function ScalarField({ scalar, label, hint, value, problem, onChange }: ScalarFieldProps): ReactNode {
  const bounds = SCALAR_RANGES[scalar];
  return (
    <TextField
      label={label}
      hint={hint}
      error={problem}
      data-field={scalar}
      className="input input-number"
      type="number"
      inputMode="numeric"
      min={bounds.min}
      max={bounds.max}
      step={1}
      value={value}
      onValue={(text) => onChange(scalar, text)}
    />
  );
}
