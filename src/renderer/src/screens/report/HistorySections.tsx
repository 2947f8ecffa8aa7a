/**
 * The report's revisions, each with what changed from the previous one
 * (field, before → after; text values as untrusted text), and its status
 * history: from the intake service, and from this workstation's outbox
 * (pending or rejected entries marked).
 */
import { isClosingStatus } from '../../../../shared/statuses.ts';
import type { ReactNode } from 'react';
import { defangUrl } from '../../../../shared/defang.ts';
import type { FieldChange, ReportView } from '../../../../shared/triage.ts';
import { UserText } from '../../components/safe/UserText.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from '../../i18n/labels.ts';
import { Absent } from './ContentSections.tsx';
import { Section } from './Section.tsx';
import { fieldLabel } from './reportLabels.ts';

export function RevisionsSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t } = useI18n();
  // Newest first: what changed last is what the analyst needs first.
  const revisions = [...view.revisions].sort((a, b) => b.revision - a.revision);
  return (
    <Section title={t('reportView.revisions')} aside={<span className="count-badge">{view.revisions.length}</span>}>
      <ol className="rp-revisions">
        {revisions.map((revision) => (
          <li key={revision.revision} className="rp-revision">
            <p className="rp-revision-head">
              <span className="strong">{t('reportView.revisionN', { n: revision.revision })}</span>
              {revision.revision === view.revision ? <span className="badge badge-on">{t('reportView.current')}</span> : null}
              <span className="muted small">
                {t('reportView.receivedAt')} <Timestamp iso={revision.receivedAt} />
              </span>
            </p>
            {revision.changes.length === 0 ? (
              <p className="muted small">{revision.revision === 1 ? t('reportView.firstRevision') : t('reportView.noChange')}</p>
            ) : (
              <ul className="rp-changes">
                {revision.changes.map((change, index) => (
                  <li key={index} className="rp-change">
                    <Change change={change} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Change({ change }: { readonly change: FieldChange }): ReactNode {
  const { t } = useI18n();
  const label = fieldLabel(t, change.field);
  // A URL stays defanged here too.
  const transform = /^(content\.)?urls(\[|$)/.test(change.field) ? defangUrl : undefined;
  return (
    <>
      <p className="rp-change-field">
        {label ? <span className="strong">{label}</span> : null} <UserText text={change.field} mono className="muted small" />
      </p>
      <div className="rp-diff">
        <div className="rp-diff-side rp-diff-before">
          <span className="rp-diff-label">{t('reportView.before')}</span>
          {change.before === null ? <Absent /> : <UserText text={change.before} block className="rp-diff-value" transform={transform} />}
        </div>
        <div className="rp-diff-side rp-diff-after">
          <span className="rp-diff-label">
            <span className="rp-diff-arrow" aria-hidden="true">
              →
            </span>{' '}
            {t('reportView.after')}
          </span>
          {change.after === null ? <Absent /> : <UserText text={change.after} block className="rp-diff-value" transform={transform} />}
        </div>
      </div>
    </>
  );
}

export function StatusHistorySection({ view }: { readonly view: ReportView }): ReactNode {
  const { t } = useI18n();
  // Newest first; the core lists them oldest first, which breaks ties within a second.
  const entries = view.statusHistory
    .map((entry, order) => ({ ...entry, order }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.order - a.order));
  return (
    <Section title={t('reportView.statusHistory')}>
      {entries.length === 0 ? (
        <p className="muted">{t('reportView.noStatusHistory')}</p>
      ) : (
        <ol className="rp-history">
          {entries.map((entry, index) => {
            const pending = entry.source === 'outbox' && entry.state !== undefined && entry.state !== 'sent';
            return (
              <li key={`${entry.source}-${entry.seq ?? 'x'}-${index}`} className={`rp-history-item${pending ? ` rp-history-${entry.state === 'rejected' ? 'rejected' : 'pending'}` : ''}`}>
                <p className="rp-history-head">
                  <span className={`status-tag status-tag-${entry.status}`}>{reportStatusLabel(t, entry.status) ?? <UserText text={entry.status} />}</span>
                  <Timestamp iso={entry.at} />
                  {entry.source === 'outbox' && entry.state ? <OutboxState state={entry.state} /> : null}
                </p>
                <p className="rp-history-detail">
                  <span>
                    {t('reportView.col.workstation')} <UserText text={entry.workstationId} mono />
                  </span>
                  {entry.reference ? (
                    <span>
                      {/* A closing status's reference is its reason (reports/status.ts). */}
                      {isClosingStatus(entry.status) ? t('reportView.col.reason') : t('reportView.col.reference')} <UserText text={entry.reference} />
                    </span>
                  ) : null}
                  <span>{entry.source === 'intake' ? t('reportView.source.intake') : t('reportView.source.outbox')}</span>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

function OutboxState({ state }: { readonly state: string }): ReactNode {
  const { t } = useI18n();
  const known = state === 'pending' || state === 'sent' || state === 'rejected' ? state : null;
  const tone = state === 'sent' ? 'badge-on' : state === 'rejected' ? 'badge-danger' : 'badge-warn';
  return <span className={`badge ${tone} rp-outbox-state`}>{known ? t(`reportView.outbox.${known}`) : <UserText text={state} />}</span>;
}
