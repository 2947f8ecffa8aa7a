/**
 * A case's referral history: every exported version (when, by whom, language,
 * contents, hashes and signers, identities included with their reasons), the
 * answers that came back, how long the latest version has waited (flagged past
 * the setting), and the form to record an answer.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { DOSSIER_DECISIONS, type DossierAnswer, type DossierDecision, type DossierVersion, type ReferralHistory as History } from '../../../../shared/dossiers.ts';
import { DateField } from '../../components/DateField.tsx';
import { Field } from '../../components/Field.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { isAnswerDate, todayInCasablanca } from './dossierDraft.ts';
import { Fact } from './ExportPanel.tsx';

interface ReferralHistoryProps {
  readonly history: History;
  readonly onAnswered: () => void;
}

export function ReferralHistory({ history, onAnswered }: ReferralHistoryProps): ReactNode {
  const { t } = useI18n();
  const versions = [...history.versions].sort((a, b) => b.version - a.version);
  const answers = [...history.answers].sort((a, b) => (a.date === b.date ? b.id - a.id : b.date.localeCompare(a.date)));
  return (
    <section className="panel dossier-history" aria-labelledby="dossier-history-title">
      <h2 id="dossier-history-title" className="panel-title">
        {t('dossier.history.title')}
      </h2>
      {versions.length === 0 ? <p className="muted">{t('dossier.history.none')}</p> : null}
      {history.waitingDays !== null ? (
        <p className={`dossier-waiting${history.awaitingOverdue ? ' dossier-waiting-overdue' : ''}`}>
          {t('dossier.history.waiting', { count: history.waitingDays })}
          {history.awaitingOverdue ? <span className="cs-tag cs-tag-overdue">{t('dossier.history.overdue')}</span> : null}
        </p>
      ) : null}
      {versions.length > 0 ? (
        <>
          <h3 className="dossier-subtitle">{t('dossier.history.answers')}</h3>
          {answers.length === 0 ? <p className="muted">{t('dossier.history.noAnswer')}</p> : null}
          <ul className="dossier-answers">
            {answers.map((answer) => (
              <AnswerItem key={answer.id} answer={answer} />
            ))}
          </ul>
          <AnswerForm caseRef={history.ref} onAnswered={onAnswered} />
        </>
      ) : null}
      <ol className="dossier-versions">
        {versions.map((version) => (
          <VersionItem key={version.version} version={version} />
        ))}
      </ol>
    </section>
  );
}

function VersionItem({ version }: { readonly version: DossierVersion }): ReactNode {
  const { t } = useI18n();
  return (
    <li className="dossier-version" data-version={version.version}>
      <p className="dossier-version-head">
        <span className="strong">{t('dossier.history.version', { version: version.version })}</span>{' '}
        <bdi className="mono" dir="ltr">
          {version.reference}
        </bdi>{' '}
        <span className="muted">
          <Msg
            id="dossier.history.by"
            params={{ at: <Timestamp iso={version.createdAt} />, who: <bdi>{version.createdBy ?? t('dossier.history.unknownAnalyst')}</bdi> }}
          />
        </span>
      </p>
      <dl className="facts facts-compact">
        <div className="fact">
          <dt>{t('dossier.history.lang')}</dt>
          <dd lang={version.lang}>{t(version.lang === 'ar' ? 'dossier.lang.ar' : 'dossier.lang.fr')}</dd>
        </div>
        <div className="fact">
          <dt>{t('dossier.history.contents')}</dt>
          <dd>{t('dossier.history.contentsValue', { reports: version.reports, evidence: version.evidence, pages: version.pages })}</dd>
        </div>
        <Fact label={t('dossier.history.pdfSha')} value={version.pdfSha256} copy hash />
        <Fact label={t('dossier.history.manifestSha')} value={version.manifestSha256} copy hash />
        <Fact label={t('dossier.history.pdfSigner')} value={version.pdfSigner} hash />
        <Fact label={t('dossier.history.manifestSigner')} value={version.manifestSigner} hash />
        <Fact label={t('dossier.history.package')} value={version.zipPath ?? version.packageDir} copy />
        <div className="fact fact-wide">
          <dt>{t('dossier.history.identities')}</dt>
          <dd>
            {version.identities.length === 0 ? (
              <span className="muted">{t('dossier.history.noIdentity')}</span>
            ) : (
              <ul className="dossier-identities">
                {version.identities.map((identity) => (
                  <li key={identity.reportId}>
                    <bdi className="mono" dir="ltr">
                      {identity.reportId}
                    </bdi>
                    {' : '}
                    <UserText text={identity.reason} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/** A YYYY-MM-DD date in the interface's language (noon UTC is the same day in Casablanca). */
function AnswerDate({ date }: { readonly date: string }): ReactNode {
  const { locale } = useI18n();
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return <bdi dir="ltr">{date}</bdi>;
  return (
    <time dateTime={date} className="timestamp">
      {formatDateTime(instant, locale, 'date')}
    </time>
  );
}

function AnswerItem({ answer }: { readonly answer: DossierAnswer }): ReactNode {
  const { t } = useI18n();
  return (
    <li className="dossier-answer" data-decision={answer.decision}>
      <p>
        <span className={`cs-tag dossier-decision dossier-decision-${answer.decision}`}>{t(`dossier.decision.${answer.decision}`)}</span>{' '}
        <AnswerDate date={answer.date} /> <span className="muted">{t('dossier.history.answerFor', { version: answer.version })}</span>
        {answer.reference ? (
          <>
            {' · '}
            <UserText text={answer.reference} mono />
          </>
        ) : null}
      </p>
      {answer.text ? <UserText text={answer.text} block className="dossier-answer-text" /> : null}
      <p className="muted small">
        <Msg id="dossier.history.recorded" params={{ at: <Timestamp iso={answer.recordedAt} />, who: <bdi>{answer.recordedBy ?? t('dossier.history.unknownAnalyst')}</bdi> }} />
      </p>
    </li>
  );
}

function AnswerForm({ caseRef, onAnswered }: { readonly caseRef: string; readonly onAnswered: () => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [decision, setDecision] = useState<DossierDecision | ''>('');
  const [date, setDate] = useState(todayInCasablanca());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ decision: boolean; date: boolean }>({ decision: false, date: false });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const found = { decision: decision === '', date: !isAnswerDate(date) };
    setProblems(found);
    if (found.decision || found.date || decision === '' || busy) return;
    setBusy(true);
    setError(null);
    const result = await api('dossiers.answer', {
      ref: caseRef,
      decision,
      date,
      ...(reference.trim() === '' ? {} : { reference: reference.trim() }),
      ...(note.trim() === '' ? {} : { text: note.trim() }),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDecision('');
    setReference('');
    setNote('');
    setSaved(true);
    onAnswered();
  }

  return (
    <form className="form dossier-answer-form" noValidate aria-labelledby={`${id}-title`} aria-busy={busy || undefined} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`} className="dossier-subtitle">
        {t('dossier.answer.title')}
      </h3>
      <div className="form-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-decision`}>
            {t('dossier.answer.decision')}
          </label>
          <select
            id={`${id}-decision`}
            className="input"
            value={decision}
            aria-invalid={problems.decision || undefined}
            aria-describedby={problems.decision ? `${id}-decision-error` : undefined}
            onChange={(event) => {
              setDecision(event.target.value as DossierDecision | '');
              setProblems((p) => ({ ...p, decision: false }));
            }}
          >
            <option value="">{t('dossier.answer.choose')}</option>
            {DOSSIER_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`dossier.decision.${d}`)}
              </option>
            ))}
          </select>
          {problems.decision ? (
            <p className="field-error" id={`${id}-decision-error`}>
              {t('dossier.answer.decisionRequired')}
            </p>
          ) : null}
        </div>
        {/* Typed as the interface writes days (dd/mm/yyyy), whatever the browser's locale. */}
        <Field label={t('dossier.answer.date')} error={problems.date ? t('dossier.answer.dateInvalid') : null}>
          {(control) => (
            <DateField
              id={control.id}
              className="input dossier-date"
              value={date}
              max={todayInCasablanca()}
              onChange={(value) => {
                setDate(value);
                setProblems((p) => ({ ...p, date: false }));
              }}
            />
          )}
        </Field>
      </div>
      <TextField label={t('dossier.answer.reference')} dir="auto" maxLength={200} value={reference} onValue={setReference} />
      <div className="field">
        <label className="field-label" htmlFor={`${id}-note`}>
          {t('dossier.answer.note')}
        </label>
        <textarea id={`${id}-note`} className="input input-textarea" rows={3} dir="auto" maxLength={20_000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('dossier.answer.submit')}
        </button>
      </div>
      {saved ? <MessageNotice tone="ok">{t('dossier.answer.saved')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
