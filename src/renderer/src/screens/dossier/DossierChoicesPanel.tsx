/**
 * What goes into the dossier: its language, the supervisor on the cover, the
 * reports (content never shown marked; for an identified reporter, the
 * identity ticked only with a reason), the notes (the summary always first),
 * the evidence items and the thumbnails (never for content never shown).
 */
import { useId, type ReactNode } from 'react';
import { DOSSIER_LANGS, type DossierChoices, type DossierLang } from '../../../../shared/dossiers.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { formatNumber } from '../../format.ts';
import { isMessageKey, useI18n } from '../../i18n/index.ts';
import { categoryLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { canHaveThumbnails, identityProblems, offeredEvidence, offeredNotes, toggled, type DossierDraft } from './dossierDraft.ts';

interface DossierChoicesPanelProps {
  readonly choices: DossierChoices;
  readonly draft: DossierDraft;
  readonly onChange: (draft: DossierDraft) => void;
}

export function DossierChoicesPanel({ choices, draft, onChange }: DossierChoicesPanelProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const anyNeverShown = choices.reports.some((r) => r.neverShown && draft.reports.has(r.id));
  const thumbnailable = canHaveThumbnails(choices, draft);
  return (
    <div className="dossier-choices">
      <fieldset className="dossier-group">
        <legend className="dossier-group-title">{t('dossier.lang.label')}</legend>
        <div className="dossier-langs">
          {DOSSIER_LANGS.map((lang: DossierLang) => (
            <label key={lang} className="checkbox-line">
              <input type="radio" name={`${id}-lang`} value={lang} checked={draft.lang === lang} onChange={() => onChange({ ...draft, lang })} />
              <span lang={lang}>{t(lang === 'ar' ? 'dossier.lang.ar' : 'dossier.lang.fr')}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label className="field-label" htmlFor={`${id}-supervisor`}>
          {t('dossier.supervisor.label')}
        </label>
        <select
          id={`${id}-supervisor`}
          className="input"
          value={draft.supervisorId ?? ''}
          onChange={(event) => onChange({ ...draft, supervisorId: event.target.value === '' ? null : event.target.value })}
        >
          <option value="">{t('dossier.supervisor.none')}</option>
          {choices.supervisors.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>

      <ReportChoices choices={choices} draft={draft} onChange={onChange} />
      <NoteChoices choices={choices} draft={draft} onChange={onChange} />
      <EvidenceChoices choices={choices} draft={draft} onChange={onChange} />

      <div className="field">
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={draft.thumbnails && thumbnailable}
            disabled={!thumbnailable}
            aria-describedby={`${id}-thumbs`}
            onChange={(event) => onChange({ ...draft, thumbnails: event.target.checked })}
          />
          {t('dossier.thumbnails')}
        </label>
        <span id={`${id}-thumbs`} className={`field-hint${anyNeverShown ? ' dossier-never-shown-hint' : ''}`}>
          {thumbnailable ? null : `${t('dossier.thumbnails.none')} `}
          {t('dossier.thumbnails.hint')}
        </span>
      </div>
    </div>
  );
}

function ReportChoices({ choices, draft, onChange }: DossierChoicesPanelProps): ReactNode {
  const { t, locale } = useI18n();
  const problems = identityProblems(draft);
  return (
    <fieldset className="dossier-group">
      <legend className="dossier-group-title">
        {t('dossier.reports.title')}{' '}
        <span className="muted small">{t('dossier.reports.count', { count: draft.reports.size, total: formatNumber(choices.reports.length, locale) })}</span>
      </legend>
      <BulkTicks
        group={t('dossier.reports.title')}
        onAll={() => onChange({ ...draft, reports: new Set(choices.reports.map((r) => r.id)) })}
        onNone={() => onChange({ ...draft, reports: new Set() })}
      />
      {draft.reports.size === 0 ? <p className="field-error">{t('dossier.reports.noneTicked')}</p> : null}
      <ul className="dossier-list dossier-reports">
        {choices.reports.map((report) => {
          const ticked = draft.reports.has(report.id);
          const identityOn = draft.identities.has(report.id);
          return (
            <li key={report.id} className="dossier-item" data-report={report.id}>
              <label className="checkbox-line">
                <input type="checkbox" checked={ticked} onChange={(event) => onChange({ ...draft, reports: toggled(draft.reports, report.id, event.target.checked) })} />
                <bdi className="mono" dir="ltr">
                  {report.id}
                </bdi>
              </label>
              <span className="dossier-item-meta">
                <span>{categoryLabel(t, report.category) ?? <bdi>{report.category}</bdi>}</span>
                <span aria-hidden="true"> · </span>
                <Timestamp iso={report.receivedAt} />
                {report.neverShown ? <span className="cs-tag cs-tag-danger">{t('dossier.reports.neverShown')}</span> : null}
                {report.reporterMode === 'anonymous' ? (
                  <span className="cs-tag dossier-tag-anonymous">{t('dossier.reports.anonymous')}</span>
                ) : (
                  <span className="cs-tag dossier-tag-identified">{t('dossier.reports.identified')}</span>
                )}
              </span>
              {report.reporterMode === 'identified' && ticked ? (
                <IdentityChoice
                  reportId={report.id}
                  on={identityOn}
                  reason={draft.identities.get(report.id) ?? ''}
                  invalid={problems.has(report.id)}
                  onChange={(on, reason) => {
                    const identities = new Map(draft.identities);
                    if (on) identities.set(report.id, reason);
                    else identities.delete(report.id);
                    onChange({ ...draft, identities });
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

interface IdentityChoiceProps {
  readonly reportId: string;
  readonly on: boolean;
  readonly reason: string;
  readonly invalid: boolean;
  readonly onChange: (on: boolean, reason: string) => void;
}

/** Protected by default; included only with a reason the journal and the timeline keep. */
function IdentityChoice({ reportId, on, reason, invalid, onChange }: IdentityChoiceProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={`dossier-identity${on ? ' dossier-identity-on' : ''}`}>
      <label className="checkbox-line">
        <input type="checkbox" checked={on} aria-label={t('dossier.identity.includeNamed', { id: reportId })} onChange={(event) => onChange(event.target.checked, reason)} />
        {t('dossier.identity.include')}
      </label>
      {!on ? <span className="muted small dossier-identity-protected">{t('dossier.identity.protected')}</span> : null}
      {on ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-reason`}>
            {t('dossier.identity.reason')}
          </label>
          <input
            id={`${id}-reason`}
            className="input"
            dir="auto"
            maxLength={500}
            value={reason}
            aria-label={t('dossier.identity.reasonNamed', { id: reportId })}
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => onChange(true, event.target.value)}
          />
          <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
            {invalid ? t('dossier.identity.invalid') : t('dossier.identity.hint')}
          </span>
        </div>
      ) : null}
    </div>
  );
}

function NoteChoices({ choices, draft, onChange }: DossierChoicesPanelProps): ReactNode {
  const { t } = useI18n();
  const { summary, others } = offeredNotes(choices, draft);
  return (
    <fieldset className="dossier-group">
      <legend className="dossier-group-title">{t('dossier.notes.title')}</legend>
      <ul className="dossier-list">
        <li className="dossier-item dossier-summary">
          <label className="checkbox-line">
            <input type="checkbox" checked={summary !== null} disabled />
            {summary ? t('dossier.notes.summary') : <span className="muted">{t('dossier.notes.noSummary')}</span>}
          </label>
          {summary ? <UserText text={summary.excerpt} className="dossier-excerpt" /> : null}
        </li>
        {others.map((note) => (
          <li key={note.id} className="dossier-item" data-note={note.id}>
            <label className="checkbox-line">
              <input type="checkbox" checked={draft.notes.has(note.id)} onChange={(event) => onChange({ ...draft, notes: toggled(draft.notes, note.id, event.target.checked) })} />
              <span>
                <Msg id="dossier.notes.meta" params={{ author: <bdi>{note.author}</bdi>, at: <Timestamp iso={note.createdAt} /> }} />
                {note.reportId ? (
                  <>
                    {' '}
                    <Msg id="dossier.notes.onReport" params={{ id: <bdi className="mono" dir="ltr">{note.reportId}</bdi> }} />
                  </>
                ) : null}
                {note.forDossier ? <span className="cs-tag cs-tag-dossier">{t('cases.notes.forDossierTag')}</span> : null}
              </span>
            </label>
            <UserText text={note.excerpt} className="dossier-excerpt" />
          </li>
        ))}
      </ul>
      {others.length === 0 ? <p className="muted small">{t('dossier.notes.none')}</p> : null}
    </fieldset>
  );
}

function EvidenceChoices({ choices, draft, onChange }: DossierChoicesPanelProps): ReactNode {
  const { t } = useI18n();
  const items = offeredEvidence(choices, draft);
  return (
    <fieldset className="dossier-group">
      <legend className="dossier-group-title">{t('dossier.evidence.title')}</legend>
      {items.length === 0 ? (
        <p className="muted small">{t('dossier.evidence.none')}</p>
      ) : (
        <BulkTicks
          group={t('dossier.evidence.title')}
          onAll={() => onChange({ ...draft, evidence: new Set([...draft.evidence, ...items.map((e) => e.id)]) })}
          onNone={() => onChange({ ...draft, evidence: new Set() })}
        />
      )}
      <ul className="dossier-list dossier-evidence">
        {items.map((item) => {
          const kindKey = `evidence.kind.${item.kind}`;
          return (
            <li key={item.id} className="dossier-item" data-evidence={item.id}>
              <label className="checkbox-line">
                <input type="checkbox" checked={draft.evidence.has(item.id)} onChange={(event) => onChange({ ...draft, evidence: toggled(draft.evidence, item.id, event.target.checked) })} />
                <bdi className="mono" dir="ltr">
                  {item.id}
                </bdi>
              </label>
              <span className="dossier-item-meta">
                <span>{isMessageKey(kindKey) ? t(kindKey) : <bdi>{item.kind}</bdi>}</span>
                {item.reportId ? (
                  <>
                    <span aria-hidden="true"> · </span>
                    <bdi className="mono" dir="ltr">
                      {item.reportId}
                    </bdi>
                  </>
                ) : null}
                {item.label && item.kind !== 'intake_original' ? (
                  <>
                    <span aria-hidden="true"> · </span>
                    <UserText text={item.label} />
                  </>
                ) : null}
                {!item.exportable ? <span className="cs-tag cs-tag-danger">{t('dossier.evidence.notExported')}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** Tick or untick a whole list at once (a case may hold hundreds of reports). */
function BulkTicks({ group, onAll, onNone }: { readonly group: string; readonly onAll: () => void; readonly onNone: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="dossier-bulk">
      <button type="button" className="btn btn-small" aria-label={t('dossier.tickAllNamed', { group })} onClick={onAll}>
        {t('dossier.tickAll')}
      </button>
      <button type="button" className="btn btn-small" aria-label={t('dossier.tickNoneNamed', { group })} onClick={onNone}>
        {t('dossier.tickNone')}
      </button>
    </div>
  );
}
