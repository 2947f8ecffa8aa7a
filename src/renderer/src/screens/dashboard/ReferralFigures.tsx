/**
 * Referral follow-up (issue #12): cases referred, answered, waiting for an
 * answer, and waiting longer than the dossier settings' days, from
 * `dossiers.overview`. Read again with the rest of the dashboard.
 */
import { useCallback, type ReactNode } from 'react';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { FigureList } from './KeyFigures.tsx';
import './referrals.css';

/** `generation` changes when the dashboard is read again. */
export function ReferralFigures({ generation }: { readonly generation: number }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `generation` is what asks for a new read.
  const loaded = useLoad(useCallback(() => api('dossiers.overview'), [api, generation]));
  const data = loaded.value;
  if (!data) return <ErrorNotice error={loaded.error} />;
  return (
    <FigureList
      id="dash-referrals-title"
      title={t('dossier.figures.title')}
      visibleTitle
      className="dash-referrals"
      figures={[
        { id: 'referred', label: t('dossier.figure.referred'), hint: t('dossier.figure.referredHint'), value: data.referred },
        { id: 'answered', label: t('dossier.figure.answered'), hint: t('dossier.figure.answeredHint'), value: data.answered },
        { id: 'waiting', label: t('dossier.figure.waiting'), hint: t('dossier.figure.waitingHint'), value: data.waiting },
        { id: 'referral-overdue', label: t('dossier.figure.overdue'), hint: t('dossier.figure.overdueHint', { count: data.answerDays }), value: data.overdue, tone: 'warning' },
      ]}
    />
  );
}
