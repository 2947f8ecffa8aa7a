/**
 * Settings → competent jurisdiction: the table the case view's suggestion is
 * made from (resources/jurisdictions.json, or the one a supervisor saved on
 * this workstation). Per region, each province with its court of first
 * instance, court of appeal and judicial police service, in the interface's
 * language, inferred correspondences marked with their confidence; the two
 * rules the suggestion applies; the note that it is a suggestion table for
 * the unit to check.
 *
 * Supervisors change a province's court and police service (a draft, then
 * the whole table saved through jurisdiction.updateTable, which the core
 * validates), import a table from a JSON file (a draft too), export it, and
 * restore the shipped one. Analysts read it (and may export it).
 */
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role, UiLocale } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { TextFilePicker, type FileProblem } from '../../forms/TextFilePicker.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import {
  changeOf,
  exportFileName,
  indexTable,
  provinceAt,
  readTable,
  tableProblem,
  withProvince,
  type Confidence,
  type JurisdictionTable,
  type Province,
  type ProvinceChange,
  type Region,
  type TableIndex,
} from './jurisdictionTable.ts';
import { SettingsSection } from './SettingsSection.tsx';
import '../../styles/cases.css';
import './jurisdiction-table.css';
import { saveDownload } from '../../components/saveDownload.ts';

interface JurisdictionTableSectionProps {
  readonly role: Role;
}

/** The table as the core holds it. */
interface Saved {
  readonly table: JurisdictionTable;
  readonly edited: boolean;
}

/** Changes not saved yet: provinces edited here, or a table imported from a file. */
interface Draft {
  readonly table: JurisdictionTable;
  readonly changed: ReadonlySet<string>;
  readonly importedFrom: string | null;
}

type Outcome = 'saved' | 'restored' | null;

/** Why a chosen file was not taken (kept as a reason, worded at render in the current language). */
type ImportProblem = { readonly kind: 'notJson' | 'tooBig' | 'unreadable' } | { readonly kind: 'notTable'; readonly path: string };

function importProblemText(t: Translate, problem: ImportProblem): string {
  switch (problem.kind) {
    case 'notJson':
      return t('settings.jur.import.notJson');
    case 'tooBig':
      return t('settings.jur.import.tooBig');
    case 'unreadable':
      return t('settings.jur.import.unreadable');
    case 'notTable':
      return t('settings.jur.import.notTable', { path: problem.path });
  }
}

/** A table file is well under this (the shipped one is about 110 kB). */
const MAX_FILE_BYTES = 2_000_000;

function nameOf(item: { readonly name_fr: string; readonly name_ar: string }, locale: UiLocale): string {
  return locale === 'ar' ? item.name_ar : item.name_fr;
}

export function JurisdictionTableSection({ role }: JurisdictionTableSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const supervisor = role === 'supervisor';
  const loaded = useLoad(useCallback(() => api('jurisdiction.table'), [api]));
  const [saved, setSaved] = useState<Saved | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [importProblem, setImportProblem] = useState<ImportProblem | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const fromCore = loaded.value ? readTable(loaded.value.table) : null;
  const base: Saved | null = saved ?? (fromCore && loaded.value ? { table: fromCore, edited: loaded.value.edited } : null);
  const table = draft?.table ?? base?.table ?? null;
  const unreadable = loaded.value !== null && fromCore === null && saved === null;

  function clearMessages(): void {
    setError(null);
    setOutcome(null);
    setImportProblem(null);
  }

  async function update(next: JurisdictionTable | null): Promise<void> {
    setBusy(true);
    clearMessages();
    const result = await api('jurisdiction.updateTable', { table: next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const answer = readTable(result.value.table);
    if (answer) setSaved({ table: answer, edited: result.value.edited });
    else loaded.reload();
    setDraft(null);
    setEditing(null);
    setFileName(null);
    setConfirmRestore(false);
    setOutcome(next === null ? 'restored' : 'saved');
  }

  function applyChange(province: Province, change: ProvinceChange): void {
    if (!table) return;
    const before = changeOf(province);
    setEditing(null);
    clearMessages();
    if (before.court === change.court && before.courtInferred === change.courtInferred && before.police === change.police && before.policeInferred === change.policeInferred) return;
    setDraft({
      table: withProvince(table, province.id, change),
      changed: new Set([...(draft?.changed ?? []), province.id]),
      importedFrom: draft?.importedFrom ?? null,
    });
  }

  function imported(text: string, name: string): void {
    clearMessages();
    setFileName(name);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      setImportProblem({ kind: 'notJson' });
      return;
    }
    const problem = tableProblem(value);
    const next = readTable(value);
    if (problem !== null || !next) {
      setImportProblem({ kind: 'notTable', path: problem ?? '' });
      return;
    }
    setEditing(null);
    setDraft({ table: next, changed: new Set(), importedFrom: name });
  }

  function fileProblem(problem: FileProblem | null): void {
    setImportProblem(problem ? { kind: problem } : null);
  }

  return (
    <SettingsSection title={t('settings.jur.title')} intro={supervisor ? t('settings.jur.introSupervisor') : t('settings.jur.introAnalyst')}>
      {loaded.loading && !table ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {unreadable ? <MessageNotice tone="error">{t('settings.jur.unreadable')}</MessageNotice> : null}
      {table && base ? (
        <>
          <div className="jt-head">
            <p className="cs-legal-note jt-note">{t('settings.jur.note')}</p>
            {base.edited ? <span className="cs-tag">{t('settings.jur.edited')}</span> : <span className="cs-tag">{t('settings.jur.shipped')}</span>}
          </div>
          <Rules table={table} />

          <div className="jt-tools">
            <ExportButton table={table} />
            {supervisor ? (
              <div className="jt-import">
                <TextFilePicker
                  label={t('settings.jur.import.label')}
                  accept=".json,application/json"
                  maxBytes={MAX_FILE_BYTES}
                  fileName={fileName}
                  error={importProblem ? importProblemText(t, importProblem) : null}
                  onLoaded={imported}
                  onProblem={fileProblem}
                />
              </div>
            ) : null}
            {supervisor && base.edited && !confirmRestore ? (
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirmRestore(true)}>
                {t('settings.jur.restore')}
              </button>
            ) : null}
          </div>
          {confirmRestore ? (
            <div className="jt-confirm" role="group" aria-label={t('settings.jur.restore')}>
              <p>{t('settings.jur.restoreConfirmText')}</p>
              <div className="cs-inline">
                <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void update(null)}>
                  {t('settings.jur.restoreConfirm')}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirmRestore(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : null}

          {draft && supervisor ? (
            <div className="jt-draft" role="status">
              <p>
                {draft.importedFrom !== null ? (
                  <Msg id="settings.jur.draftImported" params={{ file: <bdi className="strong">{draft.importedFrom}</bdi> }} />
                ) : null}
                {draft.importedFrom !== null && draft.changed.size > 0 ? ' ' : null}
                {draft.changed.size > 0 ? t('settings.jur.draftChanged', { count: draft.changed.size }) : null}
              </p>
              <div className="cs-inline">
                <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void update(draft.table)}>
                  {busy ? t('settings.jur.saving') : t('settings.jur.save')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  onClick={() => {
                    setDraft(null);
                    setEditing(null);
                    setFileName(null);
                    clearMessages();
                  }}
                >
                  {t('settings.jur.discard')}
                </button>
              </div>
            </div>
          ) : null}
          {outcome ? <MessageNotice tone="ok">{t(outcome === 'saved' ? 'settings.jur.saved' : 'settings.jur.restored')}</MessageNotice> : null}
          {error?.code === 'INVALID_INPUT' ? <InvalidTable error={error} table={table} /> : <ErrorNotice error={error} />}

          <Regions table={table} changed={draft?.changed ?? null} supervisor={supervisor} editing={editing} busy={busy} onEdit={setEditing} onApply={applyChange} />
        </>
      ) : null}
    </SettingsSection>
  );
}

/** The two rules the suggestion applies before the territorial correspondence. */
function Rules({ table }: { readonly table: JurisdictionTable }): ReactNode {
  const { t, locale } = useI18n();
  const index = useMemo(() => indexTable(table), [table]);
  const terrorism = table.rules.terrorism;
  const terrorCourt = index.courtsOfAppeal.get(terrorism.court_of_appeal);
  const terrorPolice = index.police.get(terrorism.police_service);
  const casablanca = table.regions.find((region) => region.code === 'MA-06');
  const seat = casablanca?.provinces.find((province) => province.id === casablanca.seat.province);
  const seatCourt = seat ? index.courts.get(seat.tpis[0] ?? '') : undefined;
  const seatPolice = seat ? index.police.get(seat.police_service) : undefined;
  return (
    <div className="jt-rules">
      <p className="jt-rules-title">{t('settings.jur.rules')}</p>
      <ul>
        <li>
          <span className="cs-tag cs-tag-terror">{t('settings.jur.rule.terrorismTag')}</span>{' '}
          {t('settings.jur.rule.terrorism', {
            court: terrorCourt ? nameOf(terrorCourt, locale) : terrorism.court_of_appeal,
            law: terrorism.law,
            article: terrorism.article,
            police: terrorPolice ? nameOf(terrorPolice, locale) : terrorism.police_service,
          })}
        </li>
        {casablanca ? (
          <li>
            <bdi className="mono jt-code" dir="ltr">
              {casablanca.code}
            </bdi>{' '}
            {t('settings.jur.rule.casablanca', {
              region: nameOf(casablanca, locale),
              city: seatCourt ? (locale === 'ar' ? seatCourt.city_ar : seatCourt.city_fr) : casablanca.seat.province,
              court: seatCourt ? nameOf(seatCourt, locale) : '—',
              police: seatPolice ? nameOf(seatPolice, locale) : '—',
            })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function ExportButton({ table }: { readonly table: JurisdictionTable }): ReactNode {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  function download(): void {
    saveDownload(`${JSON.stringify(table, null, 2)}\n`, exportFileName(new Date()), 'application/json');
    setDone(true);
  }
  return (
    <div className="jt-export">
      <button type="button" className="btn btn-small" onClick={download}>
        {t('settings.jur.export')}
      </button>
      {done ? (
        <span className="muted small" role="status">
          {t('settings.jur.exported')}
        </span>
      ) : null}
    </div>
  );
}

/** The core refused the table: the general sentence, then what it named, provinces by their names. */
function InvalidTable({ error, table }: { readonly error: AppErrorShape; readonly table: JurisdictionTable }): ReactNode {
  const { t, locale } = useI18n();
  const issues = error.message
    .split('; ')
    .map((issue) => issue.trim())
    .filter(Boolean);
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('settings.jur.invalid')}</p>
      {issues.length > 0 ? (
        <ul className="jt-issues">
          {issues.map((issue) => {
            const province = provinceAt(table, issue);
            return (
              <li key={issue}>
                {province ? <bdi className="strong">{nameOf(province, locale)}</bdi> : null}
                {province ? t('settings.jur.issueSeparator') : null}
                <bdi dir="ltr" className="mono jt-issue">
                  {issue}
                </bdi>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

interface RegionsProps {
  readonly table: JurisdictionTable;
  readonly changed: ReadonlySet<string> | null;
  readonly supervisor: boolean;
  readonly editing: string | null;
  readonly busy: boolean;
  readonly onEdit: (provinceId: string | null) => void;
  readonly onApply: (province: Province, change: ProvinceChange) => void;
}

function Regions({ table, changed, supervisor, editing, busy, onEdit, onApply }: RegionsProps): ReactNode {
  const index = useMemo(() => indexTable(table), [table]);
  return (
    <div className="jt-regions">
      {table.regions.map((region) => (
        <RegionBlock
          key={region.code}
          region={region}
          table={table}
          index={index}
          changed={changed}
          supervisor={supervisor}
          editing={editing}
          busy={busy}
          onEdit={onEdit}
          onApply={onApply}
        />
      ))}
    </div>
  );
}

interface RegionBlockProps extends RegionsProps {
  readonly region: Region;
  readonly index: TableIndex;
}

function RegionBlock({ region, table, index, changed, supervisor, editing, busy, onEdit, onApply }: RegionBlockProps): ReactNode {
  const { t, locale } = useI18n();
  const inferred = region.provinces.filter((province) => province.inferred || province.police_inferred).length;
  const changedHere = changed ? region.provinces.filter((province) => changed.has(province.id)).length : 0;
  const columns = supervisor ? 5 : 4;
  return (
    <details className="jt-region">
      <summary>
        <bdi className="mono jt-code" dir="ltr">
          {region.code}
        </bdi>
        <span className="jt-region-name">{nameOf(region, locale)}</span>
        <span className="jt-region-meta muted">
          {t('settings.jur.provinces', { count: region.provinces.length })}
          {inferred > 0 ? t('settings.jur.listSeparator') + t('settings.jur.inferredCount', { count: inferred }) : null}
        </span>
        {changedHere > 0 ? <span className="cs-tag cs-tag-summary">{t('settings.jur.changedCount', { count: changedHere })}</span> : null}
      </summary>
      <div className="table-wrap jt-table-wrap">
        <table className="table jt-table">
          <caption className="visually-hidden">{nameOf(region, locale)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.jur.col.province')}</th>
              <th scope="col">{t('settings.jur.col.court')}</th>
              <th scope="col">{t('settings.jur.col.courtOfAppeal')}</th>
              <th scope="col">{t('settings.jur.col.police')}</th>
              {supervisor ? (
                <th scope="col">
                  <span className="visually-hidden">{t('settings.jur.col.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {region.provinces.map((province) =>
              editing === province.id ? (
                <tr key={province.id} className="jt-editing">
                  <td colSpan={columns}>
                    <ProvinceForm province={province} table={table} index={index} onCancel={() => onEdit(null)} onApply={(change) => onApply(province, change)} />
                  </td>
                </tr>
              ) : (
                <ProvinceRow
                  key={province.id}
                  province={province}
                  seat={region.seat.province === province.id}
                  index={index}
                  changed={changed?.has(province.id) ?? false}
                  supervisor={supervisor}
                  disabled={busy || editing !== null}
                  onEdit={() => onEdit(province.id)}
                />
              ),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface ProvinceRowProps {
  readonly province: Province;
  readonly seat: boolean;
  readonly index: TableIndex;
  readonly changed: boolean;
  readonly supervisor: boolean;
  readonly disabled: boolean;
  readonly onEdit: () => void;
}

function ProvinceRow({ province, seat, index, changed, supervisor, disabled, onEdit }: ProvinceRowProps): ReactNode {
  const { t, locale } = useI18n();
  const [mainId, ...otherIds] = province.tpis;
  const court = index.courts.get(mainId ?? '');
  const courtOfAppeal = court ? index.courtsOfAppeal.get(court.court_of_appeal) : undefined;
  const police = index.police.get(province.police_service);
  const others = otherIds.map((id) => index.courts.get(id)).filter((other) => other !== undefined);
  const name = nameOf(province, locale);
  return (
    <tr className={changed ? 'jt-changed' : undefined}>
      <th scope="row">
        <span className="jt-name">{name}</span>
        <span className="jt-marks">
          <span className="jt-kind muted">{t(province.kind === 'prefecture' ? 'settings.jur.kind.prefecture' : 'settings.jur.kind.province')}</span>
          {seat ? <span className="cs-tag">{t('settings.jur.seat')}</span> : null}
          {changed ? <span className="cs-tag cs-tag-summary">{t('settings.jur.changed')}</span> : null}
        </span>
      </th>
      <td>
        <span className="jt-name">{court ? nameOf(court, locale) : <bdi className="mono">{mainId}</bdi>}</span>
        <span className="jt-marks">
          {province.inferred ? <InferredMark confidence={province.confidence} /> : null}
          {court?.pending_art6 ? <span className="cs-tag">{t('settings.jur.pending')}</span> : null}
        </span>
        {others.length > 0 ? (
          <span className="jt-others muted">{t('settings.jur.otherCourts', { courts: others.map((other) => nameOf(other, locale)).join(t('settings.jur.listSeparator')) })}</span>
        ) : null}
      </td>
      <td>
        <span className="jt-name">{courtOfAppeal ? nameOf(courtOfAppeal, locale) : <bdi className="mono">{court?.court_of_appeal ?? '—'}</bdi>}</span>
        <span className="jt-marks">
          {court?.inferred ? <InferredMark confidence={court.confidence} /> : null}
          {courtOfAppeal?.pending_art6 ? <span className="cs-tag">{t('settings.jur.pending')}</span> : null}
        </span>
      </td>
      <td>
        <span className="jt-name">{police ? nameOf(police, locale) : <bdi className="mono">{province.police_service}</bdi>}</span>
        <span className="jt-marks">{province.police_inferred ? <InferredMark confidence={province.police_confidence} /> : null}</span>
      </td>
      {supervisor ? (
        <td className="cell-actions">
          <button type="button" className="btn btn-small" disabled={disabled} aria-label={t('settings.jur.editNamed', { province: name })} onClick={onEdit}>
            {t('settings.jur.edit')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

const CONFIDENCE_KEY = {
  high: 'settings.jur.confidence.high',
  medium: 'settings.jur.confidence.medium',
  low: 'settings.jur.confidence.low',
  uncertain: 'settings.jur.confidence.uncertain',
} as const;

function confidenceWord(t: Translate, confidence: Confidence | undefined): string | null {
  return confidence && Object.hasOwn(CONFIDENCE_KEY, confidence) ? t(CONFIDENCE_KEY[confidence]) : null;
}

function InferredMark({ confidence }: { readonly confidence: Confidence | undefined }): ReactNode {
  const { t } = useI18n();
  const word = confidenceWord(t, confidence);
  return (
    <span className="cs-tag cs-tag-inferred jt-inferred" title={t('settings.jur.inferredTitle')}>
      {word ? t('settings.jur.inferredWith', { confidence: word }) : t('settings.jur.inferred')}
    </span>
  );
}

interface ProvinceFormProps {
  readonly province: Province;
  readonly table: JurisdictionTable;
  readonly index: TableIndex;
  readonly onCancel: () => void;
  readonly onApply: (change: ProvinceChange) => void;
}

function ProvinceForm({ province, table, index, onCancel, onApply }: ProvinceFormProps): ReactNode {
  const { t, locale } = useI18n();
  const id = useId();
  const [change, setChange] = useState<ProvinceChange>(() => changeOf(province));
  const court = index.courts.get(change.court);
  const courtOfAppeal = court ? index.courtsOfAppeal.get(court.court_of_appeal) : undefined;
  // The courts of first instance grouped under their court of appeal, as the judicial map is.
  const groups = table.courts_of_appeal.map((appeal) => ({ appeal, courts: table.courts_first_instance.filter((first) => first.court_of_appeal === appeal.id) })).filter((group) => group.courts.length > 0);
  return (
    <form
      className="form cs-legal-form jt-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply(change);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p className="subpanel-title">{t('settings.jur.editTitle', { province: nameOf(province, locale) })}</p>
      <div className="jt-form-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-court`}>
            {t('settings.jur.col.court')}
          </label>
          <select id={`${id}-court`} className="input" value={change.court} onChange={(event) => setChange({ ...change, court: event.target.value })}>
            {groups.map((group) => (
              <optgroup key={group.appeal.id} label={nameOf(group.appeal, locale)}>
                {group.courts.map((first) => (
                  <option key={first.id} value={first.id}>
                    {nameOf(first, locale)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <label className="choice">
            <input type="checkbox" checked={change.courtInferred} onChange={(event) => setChange({ ...change, courtInferred: event.target.checked })} />
            {t('settings.jur.markInferred')}
          </label>
          <p className="field-hint">{t('settings.jur.courtOfAppealFollows', { court: courtOfAppeal ? nameOf(courtOfAppeal, locale) : '—' })}</p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-police`}>
            {t('settings.jur.col.police')}
          </label>
          <select id={`${id}-police`} className="input" value={change.police} onChange={(event) => setChange({ ...change, police: event.target.value })}>
            {table.police_services.map((service) => (
              <option key={service.id} value={service.id}>
                {nameOf(service, locale)}
              </option>
            ))}
          </select>
          <label className="choice">
            <input type="checkbox" checked={change.policeInferred} onChange={(event) => setChange({ ...change, policeInferred: event.target.checked })} />
            {t('settings.jur.markInferred')}
          </label>
        </div>
      </div>
      <p className="field-hint">{t('settings.jur.applyHint')}</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('settings.jur.apply')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
