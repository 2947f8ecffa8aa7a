/**
 * The synced reports as a table. Everything that comes from the intake
 * service (ids, platforms, unknown categories, workstation ids) is shown as
 * text isolated in <bdi>; the reporter appears only as anonymous or
 * identified, never by name.
 */
import { useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { ReportStatus, type ReportSummary } from '../../../../shared/schemas.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { countryName, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { categoryLabel, regionLabel, reportStatusLabel, reporterModeLabel } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';

/** The outcome of a status change, for the notice above the table. */
export interface StatusChange {
  readonly reportId: string;
  /** The status code: translated when shown, so that a language switch translates it too. */
  readonly status: ReportStatus;
  readonly error: AppErrorShape | null;
}

interface ReportsTableProps {
  readonly reports: readonly ReportSummary[];
  readonly onUpdated: (report: ReportSummary) => void;
  readonly onChanged: (change: StatusChange) => void;
}

export function ReportsTable({ reports, onUpdated, onChanged }: ReportsTableProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table table-reports">
        <caption className="visually-hidden">{t('queue.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.col.id')}</th>
            <th scope="col">{t('queue.col.category')}</th>
            <th scope="col">{t('queue.col.platform')}</th>
            <th scope="col" className="col-time">
              {t('queue.col.submitted')}
            </th>
            <th scope="col">{t('queue.col.reporter')}</th>
            <th scope="col" className="cell-num">
              {t('queue.col.attachments')}
            </th>
            <th scope="col">{t('queue.col.status')}</th>
            <th scope="col">{t('queue.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <ReportRow key={report.id} report={report} onUpdated={onUpdated} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ReportRowProps {
  readonly report: ReportSummary;
  readonly onUpdated: (report: ReportSummary) => void;
  readonly onChanged: (change: StatusChange) => void;
}

function ReportRow({ report, onUpdated, onChanged }: ReportRowProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const current = ReportStatus.safeParse(report.status).data ?? null;
  // The status picked in the select; null: none picked, the select shows the current one.
  const [picked, setPicked] = useState<ReportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const shown = picked ?? current ?? 'received';

  async function setStatus(status: ReportStatus): Promise<void> {
    if (busy) return;
    setBusy(true);
    // Shown at once; the core's answer (with the workstation that set it) replaces it, a failure restores the row.
    onUpdated({ ...report, status, statusWorkstation: null });
    const result = await api('reports.setStatus', { reportId: report.id, status });
    setBusy(false);
    setPicked(null);
    if (result.ok) {
      onUpdated(result.value);
      onChanged({ reportId: report.id, status, error: null });
    } else {
      onUpdated(report);
      onChanged({ reportId: report.id, status, error: result.error });
    }
  }

  const category = categoryLabel(t, report.category);
  const reporter = reporterModeLabel(t, report.reporterMode);
  const region = report.region ? (regionLabel(t, report.region) ?? report.region) : null;
  const country = countryName(report.country, locale) ?? report.country;
  const statusLabel = reportStatusLabel(t, report.status);

  return (
    <tr className={report.imminentDanger ? 'row-danger' : undefined}>
      <th scope="row" className="cell-report">
        <bdi className="mono report-id" dir="ltr">
          {report.id}
        </bdi>
        <span className="cell-badges">
          {report.imminentDanger ? <span className="badge badge-alarm">{t('queue.danger')}</span> : null}
          {report.demo ? (
            <span className="demo-badge" title={t('demo.badgeTitle')}>
              {t('demo.badge')}
            </span>
          ) : null}
          {report.revisions > 1 ? <span className="badge badge-off">{t('queue.revisions', { count: report.revisions })}</span> : null}
        </span>
      </th>
      <td className="cell-text">{category ?? <bdi className="mono">{report.category}</bdi>}</td>
      <td>
        <bdi>{report.platform}</bdi>
      </td>
      <td className="cell-time">
        <Timestamp iso={report.submittedAt} />
      </td>
      <td className="cell-reporter">
        <span className="reporter-mode">{reporter ?? <bdi>{report.reporterMode}</bdi>}</span>
        <span className="muted">
          {region ? (
            <Msg id="queue.location" params={{ region: <bdi>{region}</bdi>, country: <bdi title={report.country}>{country}</bdi> }} />
          ) : (
            <bdi title={report.country}>{country}</bdi>
          )}
        </span>
      </td>
      <td className="num cell-num nowrap">
        {report.attachments > 0 ? (
          <span title={t('queue.attachmentsText', { verified: report.attachmentsVerified, total: report.attachments })}>
            <span aria-hidden="true" className={report.attachmentsVerified < report.attachments ? 'attachments-partial' : undefined}>
              <bdi dir="ltr">
                {formatNumber(report.attachmentsVerified, locale)}/{formatNumber(report.attachments, locale)}
              </bdi>
            </span>
            <span className="visually-hidden">
              {t('queue.attachmentsText', { verified: report.attachmentsVerified, total: report.attachments })}
            </span>
          </span>
        ) : (
          <span className="muted">{t('common.none')}</span>
        )}
      </td>
      <td className="cell-status">
        <span className={`status-tag status-tag-${current ?? 'other'}`}>{statusLabel ?? <bdi>{report.status}</bdi>}</span>
        {report.statusWorkstation ? (
          <span className="muted status-by">
            <Msg
              id="queue.statusBy"
              params={{
                workstation: (
                  <bdi className="mono" dir="ltr">
                    {report.statusWorkstation}
                  </bdi>
                ),
              }}
            />
          </span>
        ) : null}
      </td>
      <td className="cell-actions">
        <div className="row-actions">
          {current === 'received' ? (
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-label={t('queue.claimNamed', { id: report.id })}
              aria-disabled={busy || undefined}
              onClick={() => {
                // The button goes away with the new status: keep the keyboard in the row.
                selectRef.current?.focus();
                void setStatus('in_analysis');
              }}
            >
              {t('queue.claim')}
            </button>
          ) : null}
          <span className="status-picker">
            <select
              ref={selectRef}
              className="input input-small"
              aria-label={t('queue.newStatusNamed', { id: report.id })}
              value={shown}
              onChange={(event) => setPicked(ReportStatus.parse(event.target.value))}
            >
              {ReportStatus.options.map((status) => (
                <option key={status} value={status}>
                  {reportStatusLabel(t, status) ?? status}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('queue.applyNamed', { id: report.id })}
              aria-disabled={busy || shown === current || undefined}
              onClick={() => {
                if (shown !== current) void setStatus(shown);
              }}
            >
              {t('queue.apply')}
            </button>
          </span>
        </div>
      </td>
    </tr>
  );
}
