/**
 * Everything that happened to the case, newest first, with who and when: the
 * kinds translated, their details (statuses, report ids, reasons) as data.
 */
import type { ReactNode } from 'react';
import type { CaseStatus, CaseTimelineEntry } from '../../../../shared/cases.ts';
import { CASE_STATUSES } from '../../../../shared/cases.ts';
import { DOSSIER_DECISIONS, type DossierDecision } from '../../../../shared/dossiers.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { caseStatusLabel, TIMELINE_KEY } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';

const DECISION_KEY = {
  investigation_opened: 'cases.timeline.decision.investigation_opened',
  forwarded: 'cases.timeline.decision.forwarded',
  no_action: 'cases.timeline.decision.no_action',
  more_information: 'cases.timeline.decision.more_information',
} as const satisfies Record<DossierDecision, string>;

function isDecision(value: string): value is DossierDecision {
  return (DOSSIER_DECISIONS as readonly string[]).includes(value);
}

function isStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/** The detail fields shown, in this order, with their label. */
const DETAIL_ORDER = ['from', 'to', 'status', 'version', 'reference', 'decision', 'date', 'reportId', 'reportIds', 'count', 'identities', 'title', 'assignee', 'codes', 'restricted', 'members', 'court', 'courtId', 'place', 'type', 'value', 'noteId', 'manifest', 'reason'] as const;

function detailLabel(t: Translate, name: string): string {
  switch (name) {
    case 'from':
      return t('cases.timeline.detail.from');
    case 'to':
    case 'status':
      return t('cases.timeline.detail.to');
    case 'reportId':
    case 'reportIds':
      return t('cases.timeline.detail.reports');
    case 'count':
      return t('cases.timeline.detail.count');
    case 'title':
      return t('cases.timeline.detail.title');
    case 'assignee':
      return t('cases.timeline.detail.assignee');
    case 'codes':
      return t('cases.timeline.detail.codes');
    case 'restricted':
      return t('cases.timeline.detail.restricted');
    case 'members':
      return t('cases.timeline.detail.members');
    case 'court':
    case 'courtId':
      return t('cases.timeline.detail.court');
    case 'place':
      return t('cases.timeline.detail.place');
    case 'type':
      return t('cases.timeline.detail.type');
    case 'value':
      return t('cases.timeline.detail.value');
    case 'noteId':
      return t('cases.timeline.detail.note');
    case 'reason':
      return t('cases.timeline.detail.reason');
    case 'version':
      return t('cases.timeline.detail.version');
    case 'reference':
      return t('cases.timeline.detail.reference');
    case 'decision':
      return t('cases.timeline.detail.decision');
    case 'date':
      return t('cases.timeline.detail.date');
    case 'identities':
      return t('cases.timeline.detail.identities');
    case 'manifest':
      return t('cases.timeline.detail.manifest');
    default:
      return name;
  }
}

function DetailValue({ name, value }: { readonly name: string; readonly value: CaseTimelineEntry['detail'][string] }): ReactNode {
  const { t } = useI18n();
  if (value === null) return <span className="muted">{t('common.none')}</span>;
  if (typeof value === 'boolean') return <>{t(value ? 'common.yes' : 'common.no')}</>;
  if ((name === 'from' || name === 'to' || name === 'status') && isStatus(value)) return <>{caseStatusLabel(t, value)}</>;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 12);
    return (
      <bdi dir="ltr" className="mono">
        {shown.join(', ')}
        {value.length > shown.length ? ` … (+${value.length - shown.length})` : ''}
      </bdi>
    );
  }
  if (typeof value === 'number') return <span className="num">{value}</span>;
  if (name === 'decision' && isDecision(value)) return <>{t(DECISION_KEY[value])}</>;
  const ltr = /^(reportId|courtId|codes|noteId|value|reference|date|manifest)$/.test(name);
  return (
    <bdi dir={ltr ? 'ltr' : 'auto'} className={ltr ? 'mono' : undefined}>
      {value.length > 300 ? `${value.slice(0, 300)}…` : value}
    </bdi>
  );
}

export function TimelineTab({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const entries = [...context.view.timeline].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <p className="cs-empty muted">{t('cases.timeline.none')}</p>;
  return (
    <ol className="cs-timeline">
      {entries.map((entry, index) => {
        const names = Object.keys(entry.detail);
        const known = DETAIL_ORDER.filter((name) => names.includes(name));
        return (
          <li key={`${entry.at}-${index}`} className={`cs-event cs-event-${entry.kind}`}>
            <p className="cs-event-head">
              <span className="cs-event-kind">{t(TIMELINE_KEY[entry.kind])}</span>
              <span className="cs-event-who">{entry.analyst ? <bdi dir="auto">{entry.analyst}</bdi> : <span className="muted">{t('cases.timeline.system')}</span>}</span>
              <Timestamp iso={entry.at} />
            </p>
            {known.length > 0 ? (
              <dl className="cs-event-detail">
                {known.map((name) => (
                  <div key={name}>
                    <dt>{detailLabel(t, name)}</dt>
                    <dd>
                      <DetailValue name={name} value={entry.detail[name] ?? null} />
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
