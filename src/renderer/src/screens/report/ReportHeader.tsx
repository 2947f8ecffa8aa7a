/**
 * The top of the report panel: id, category, imminent danger, demo marking,
 * the priority score with its reasons in words, and the handling deadline.
 */
import type { ReactNode, Ref } from 'react';
import { isOpenReportStatus } from '../../../../shared/statuses.ts';
import type { PriorityReason, ReportView } from '../../../../shared/triage.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatSigned, parseInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { categoryLabel } from '../../i18n/labels.ts';
import { CodeLabel } from '../../components/safe/CodeLabel.tsx';
import { Msg } from '../../i18n/Msg.tsx';
import { formatHours, formatSpan } from './reportLabels.ts';
import { useNow } from './useNow.ts';

const REPORT_PANEL_TITLE_ID = 'report-panel-title';

/** Statuses still waiting for this team: the only ones with a deadline. */

interface ReportHeaderProps {
  readonly view: ReportView;
  readonly onClose: () => void;
  readonly titleRef: Ref<HTMLHeadingElement>;
}

export function ReportHeader({ view, onClose, titleRef }: ReportHeaderProps): ReactNode {
  const { t } = useI18n();
  const category = categoryLabel(t, view.category);
  return (
    <div className="rp-head">
      <div className="rp-title-row">
        <h2 className="rp-title" id={REPORT_PANEL_TITLE_ID} ref={titleRef} tabIndex={-1}>
          <Msg
            id="reportView.title"
            params={{
              id: (
                <bdi className="mono" dir="ltr">
                  {view.id}
                </bdi>
              ),
            }}
          />
        </h2>
        <button type="button" className="btn btn-small rp-close" onClick={onClose} aria-keyshortcuts="Escape" title={t('reportView.closeHint')}>
          <span aria-hidden="true" className="rp-close-x">
            ×
          </span>
          {t('reportView.close')}
        </button>
      </div>
      <div className="rp-badges">
        {/* Said by the reporter, kept as a fact; an alarm only while the report is open work. */}
        {view.imminentDanger ? <span className={`badge ${isOpenReportStatus(view.status) ? 'badge-alarm' : 'badge-off'} rp-danger`}>{t('reportView.imminentDanger')}</span> : null}
        <span className="rp-category">
          <CodeLabel kind="category" label={category} code={view.category} />
        </span>
        {view.demo ? (
          <span className="demo-badge" title={t('demo.badgeTitle')}>
            {t('demo.badge')}
          </span>
        ) : null}
        {view.revision > 1 ? <span className="badge badge-off">{t('reportView.revisionBadge', { n: view.revision })}</span> : null}
      </div>
      <div className="rp-priority">
        <span className="rp-score" title={t(isOpenReportStatus(view.status) ? 'reportView.priorityTitle' : 'queue.priority.finished')}>
          <span className="rp-score-label">{t('reportView.priority')}</span>
          {/* Priority applies to open work: a finished report has none (the core gives it no points). */}
          <span className="rp-score-value num">{isOpenReportStatus(view.status) ? view.priority.score : t('common.none')}</span>
        </span>
        {view.priority.reasons.length > 0 ? (
          <ul className="rp-reasons" aria-label={t('reportView.priorityReasons')}>
            {view.priority.reasons.map((reason) => (
              <li key={reason.code}>
                <Reason reason={reason} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {/* A deadline concerns reports still to handle: not once referred, closed or marked duplicate. */}
      {view.deadlineAt && isOpenReportStatus(view.status) ? <Deadline deadlineAt={view.deadlineAt} overdue={view.overdue} /> : null}
    </div>
  );
}

/** "danger imminent +40", "signalé 37 fois +15", "Terrorisme +55", "en attente depuis 3 j +6". */
function Reason({ reason }: { readonly reason: PriorityReason }): ReactNode {
  const { t, locale } = useI18n();
  const points = (
    <span className="rp-points num" dir="ltr">
      {formatSigned(reason.points, locale)}
    </span>
  );
  switch (reason.code) {
    case 'category': {
      const code = String(reason.detail);
      const label = categoryLabel(t, code);
      return <Msg id="reportView.reason.category" params={{ category: <CodeLabel kind="category" label={label} code={code} />, points }} />;
    }
    case 'imminent_danger':
      return <Msg id="reportView.reason.imminentDanger" params={{ points }} />;
    case 'cluster':
      return <Msg id="reportView.reason.cluster" count={Number(reason.detail)} params={{ points }} />;
    case 'age':
      return <Msg id="reportView.reason.age" params={{ age: formatHours(t, Number(reason.detail)), points }} />;
    case 'hash_list_match':
      return <Msg id="reportView.reason.hashListMatch" params={{ points }} />;
  }
}

function Deadline({ deadlineAt, overdue }: { readonly deadlineAt: string; readonly overdue: boolean }): ReactNode {
  const { t } = useI18n();
  const now = useNow(30_000);
  const date = parseInstant(deadlineAt);
  const left = date ? date.getTime() - now : 0;
  const late = overdue || left < 0;
  return (
    <p className="rp-deadline">
      <span className="rp-deadline-label">{t('reportView.deadline')}</span> <Timestamp iso={deadlineAt} />{' '}
      <span className={`badge ${late ? 'badge-danger' : 'badge-warn'}`}>
        {late ? t('reportView.overdueBy', { span: formatSpan(t, left) }) : t('reportView.timeLeft', { span: formatSpan(t, left) })}
      </span>
    </p>
  );
}
