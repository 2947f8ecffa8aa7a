/**
 * A case's header: reference, title (renamed in place), markers (restricted,
 * overdue, imminent danger), status with the moves CASE_TRANSITIONS allows
 * (closing and reopening ask for a reason; referring asks first when another
 * workstation has some of the case's reports in analysis), assignee, and who
 * may see it.
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import { CASE_TRANSITIONS, type CaseStatus } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Profile } from '../../../../shared/schemas.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { regionLabel, stationList } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { AccessDialog } from './AccessDialog.tsx';
import { caseStatusLabel, TRANSITION_KEY, transitionNeedsReason } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';
import { ReasonDialog } from './Dialog.tsx';
import { titleProblem } from './NewCaseDialog.tsx';

export function useProfiles(): readonly Profile[] {
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('profiles.list'), [api]));
  return loaded.value ?? [];
}

export function CaseHeader({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { view, apply } = context;
  const profiles = useProfiles();
  const [moving, setMoving] = useState<CaseStatus | null>(null);
  // Referring refers the case's reports, those another workstation has in analysis too: said first, and confirming
  // is what lets the core refer them (takeOver).
  const [referring, setReferring] = useState(false);
  const [referError, setReferError] = useState<AppErrorShape | null>(null);
  const [accessOpen, setAccessOpen] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function move(to: CaseStatus): Promise<void> {
    if (transitionNeedsReason(view.status, to)) {
      setMoving(to);
      return;
    }
    if (to === 'referred' && view.heldElsewhere.length > 0) {
      setReferError(null);
      setReferring(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('cases.setStatus', { ref: view.ref, status: to });
    setBusy(false);
    if (result.ok) apply(result.value);
    else setError(result.error);
  }

  async function referTakingOver(): Promise<void> {
    setBusy(true);
    setReferError(null);
    const result = await api('cases.setStatus', { ref: view.ref, status: 'referred', takeOver: true });
    setBusy(false);
    if (!result.ok) {
      setReferError(result.error);
      return;
    }
    setReferring(false);
    apply(result.value);
  }

  async function assign(value: string): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('cases.update', { ref: view.ref, assigneeId: value === '' ? null : value });
    setBusy(false);
    if (result.ok) apply(result.value);
    else setError(result.error);
  }

  const assignable = profiles.filter((profile) => !profile.disabled || profile.id === view.assigneeId);
  return (
    <header className="case-header">
      <div className="case-header-main">
        <p className="case-ref">
          <bdi dir="ltr" className="mono">
            {view.ref}
          </bdi>
          <span className={`cs-status cs-status-${view.status}`}>{caseStatusLabel(t, view.status)}</span>
          {view.restricted ? <span className="cs-tag cs-tag-restricted">{t('cases.restricted')}</span> : null}
          {view.overdue ? <span className="cs-tag cs-tag-overdue">{t('cases.overdue')}</span> : null}
          {view.imminentDanger ? <span className="cs-tag cs-tag-danger">{t('cases.imminentDanger')}</span> : null}
          {view.hashMatchReports > 0 ? <span className="cs-tag cs-tag-danger cs-tag-hashmatch">{t('cases.hashMatches', { count: view.hashMatchReports })}</span> : null}
        </p>
        <TitleEditor context={context} />
        <p className="case-facts muted">
          <Msg id="cases.created" params={{ at: <Timestamp iso={view.createdAt} /> }} />
          <span aria-hidden="true"> · </span>
          <Msg id="cases.updated" params={{ at: <Timestamp iso={view.updatedAt} /> }} />
          {view.region ? (
            <>
              <span aria-hidden="true"> · </span>
              {t('cases.mainRegion', { region: regionLabel(t, view.region) ?? view.region })}
            </>
          ) : null}
        </p>
        {view.status === 'closed' && view.closingReason ? (
          <p className="case-closing">
            <Msg id="cases.closingReason" params={{ reason: <bdi dir="auto">{view.closingReason}</bdi> }} />
          </p>
        ) : null}
      </div>

      <div className="case-controls">
        <div className="case-control" role="group" aria-label={t('cases.statusMoves')}>
          <span className="case-control-label">{t('cases.statusMoves')}</span>
          <div className="case-moves">
            {CASE_TRANSITIONS[view.status].map((to) => (
              <button key={to} type="button" className={`btn btn-small${to === 'closed' ? ' case-move-close' : ''}`} disabled={busy} onClick={() => void move(to)}>
                {t(TRANSITION_KEY[to])}
              </button>
            ))}
          </div>
        </div>
        <AssigneeControl
          value={view.assigneeId ?? ''}
          current={view.assignee}
          profiles={assignable}
          disabled={busy}
          onChange={(value) => void assign(value)}
        />
        <div className="case-control">
          <span className="case-control-label">{t('cases.access.label')}</span>
          <div className="case-access">
            <span>
              {view.restricted ? t('cases.access.restrictedTo', { count: view.members.length }) : t('cases.access.team')}
            </span>
            {view.canManageAccess ? (
              <button type="button" className="btn btn-small" onClick={() => setAccessOpen(true)}>
                {t('cases.access.manage')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <ErrorNotice error={error} />

      {moving ? (
        <ReasonDialog
          title={t(moving === 'closed' ? 'cases.closeTitle' : 'cases.reopenTitle', { ref: view.ref })}
          intro={<p>{t(moving === 'closed' ? 'cases.closeIntro' : 'cases.reopenIntro')}</p>}
          submitLabel={t(TRANSITION_KEY[moving])}
          danger={moving === 'closed'}
          onCancel={() => setMoving(null)}
          onConfirm={async (reason) => {
            const result = await api('cases.setStatus', { ref: view.ref, status: moving, reason });
            if (result.ok) apply(result.value);
            return result;
          }}
          onDone={() => setMoving(null)}
        />
      ) : null}
      {referring ? (
        <ModalForm
          title={t('cases.referTitle', { ref: view.ref })}
          submitLabel={t(TRANSITION_KEY.referred)}
          busy={busy}
          error={referError}
          onCancel={() => setReferring(false)}
          onSubmit={() => void referTakingOver()}
        >
          <ul className="case-refer-confirm">
            <li>{t('cases.referIntro')}</li>
            <li className="case-refer-held strong">
              {t('common.heldReferredToo', { count: view.heldElsewhere.length, stations: stationList(view.heldElsewhere.map((held) => held.workstationId)) })}
            </li>
          </ul>
        </ModalForm>
      ) : null}
      {accessOpen ? <AccessDialog context={context} profiles={profiles} onClose={() => setAccessOpen(false)} /> : null}
    </header>
  );
}

interface AssigneeControlProps {
  readonly value: string;
  readonly current: string | null;
  readonly profiles: readonly Profile[];
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}

function AssigneeControl({ value, current, profiles, disabled, onChange }: AssigneeControlProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const known = value === '' || profiles.some((profile) => profile.id === value);
  return (
    <div className="case-control">
      <label className="case-control-label" htmlFor={id}>
        {t('cases.assignee')}
      </label>
      <select id={id} className="input case-assignee" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('cases.unassigned')}</option>
        {!known ? <option value={value}>{current ?? value}</option> : null}
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function TitleEditor({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const { view, apply } = context;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(view.title);
  const [problem, setProblem] = useState<ReturnType<typeof titleProblem>>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    const found = titleProblem(text);
    setProblem(found);
    if (found) return;
    if (text.trim() === view.title) {
      setEditing(false);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('cases.update', { ref: view.ref, title: text.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    apply(result.value);
    setEditing(false);
  }

  if (!editing) {
    return (
      <div className="case-title-row">
        <h1 id="screen-title" className="case-title">
          <bdi dir="auto">{view.title}</bdi>
        </h1>
        <button
          type="button"
          className="btn btn-small case-rename"
          onClick={() => {
            setText(view.title);
            setEditing(true);
          }}
        >
          {t('cases.rename')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="case-title-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1 id="screen-title" className="visually-hidden">
        {view.title}
      </h1>
      <label className="visually-hidden" htmlFor={id}>
        {t('cases.new.caseTitle')}
      </label>
      <input
        id={id}
        className="input case-title-input"
        dir="auto"
        maxLength={200}
        value={text}
        autoFocus
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setEditing(false);
          }
        }}
      />
      <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
        {t('cases.save')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
        {t('common.cancel')}
      </button>
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {t(`cases.titleProblem.${problem}`)}
        </p>
      ) : null}
      <ErrorNotice error={error} />
    </form>
  );
}
