/**
 * What putting reports in a case does to their statuses, said before the
 * analyst confirms: the core claims the reports still `received` (in
 * analysis at this workstation, sent to intake through the outbox); the
 * others, those claimed by another workstation included, keep their status.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';

export interface ClaimCounts {
  /** Reports still `received` among those known; null: not known (rows not loaded, a cluster). */
  readonly received: number | null;
  /** Reports claimed by another workstation among those known. */
  readonly claimedOther: number;
}

export function ClaimNote({ counts }: { readonly counts: ClaimCounts }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="cl-claim-note">
      <p>
        {counts.received === null
          ? t('reportView.claimNote.unknown')
          : counts.received === 0
            ? t('reportView.claimNote.noneReceived')
            : t('reportView.claimNote.received', { count: counts.received })}
      </p>
      {counts.claimedOther > 0 ? <p>{t('reportView.claimNote.claimedOther', { count: counts.claimedOther })}</p> : null}
    </div>
  );
}
