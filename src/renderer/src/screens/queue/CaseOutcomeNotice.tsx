/**
 * What a case action did: the case's reference (inert, left to right) and
 * title, and the way to the Cases screen. It stays until dismissed or
 * replaced by the next outcome.
 */
import type { ReactNode } from 'react';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import type { CaseOutcome } from './useCaseActions.ts';

interface CaseOutcomeNoticeProps {
  readonly outcome: CaseOutcome;
  readonly onOpenCases: () => void;
  readonly onDismiss: () => void;
}

export function CaseOutcomeNotice({ outcome, onOpenCases, onDismiss }: CaseOutcomeNoticeProps): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div className="notice notice-ok q-case-outcome" role="status">
      <p>
        <Msg
          id={outcome.kind === 'created' ? 'queue.newCase.created' : 'queue.addToCase.added'}
          count={outcome.count}
          params={{
            count: formatNumber(outcome.count, locale),
            ref: (
              <bdi className="mono" dir="ltr">
                {outcome.ref}
              </bdi>
            ),
            title: <bdi dir="auto">{outcome.title}</bdi>,
          }}
        />
      </p>
      <p className="q-case-outcome-actions">
        <span className="muted">{t('queue.newCase.openHint')}</span>
        <button type="button" className="btn btn-small" onClick={onOpenCases}>
          {t('queue.newCase.toCases')}
        </button>
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          {t('queue.newCase.dismiss')}
        </button>
      </p>
    </div>
  );
}
