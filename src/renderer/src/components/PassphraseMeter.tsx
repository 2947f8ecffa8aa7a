/** Strength of a passphrase as the core's policy judges it: a 0-4 meter, its label, and what is wrong. */
import type { ReactNode } from 'react';
import type { Strength } from '../hooks/usePassphraseAssessment.ts';
import { useI18n } from '../i18n/index.ts';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/schemas.ts';

interface PassphraseMeterProps {
  readonly strength: Strength;
  readonly id?: string;
}

const SEGMENTS = [1, 2, 3, 4] as const;

export function PassphraseMeter({ strength, id }: PassphraseMeterProps): ReactNode {
  const { t } = useI18n();
  const shown = strength.shown;
  const score = shown?.score ?? 0;
  const label = t(`meter.score.${score as 0 | 1 | 2 | 3 | 4}`);
  const verdict = shown ? (shown.acceptable ? 'ok' : 'weak') : 'none';
  return (
    <div className={`meter meter-${verdict}${strength.pending ? ' meter-pending' : ''}`} id={id}>
      <div
        className={`meter-bar meter-score-${shown ? score : 'none'}`}
        role="meter"
        aria-label={t('meter.label')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={shown ? t('meter.valueText', { label, score }) : t('meter.empty')}
      >
        {SEGMENTS.map((segment) => (
          <span key={segment} className={shown && segment <= Math.max(score, 1) ? 'meter-segment filled' : 'meter-segment'} />
        ))}
      </div>
      <div className="meter-text" aria-live="polite">
        {strength.empty ? (
          <p>{t('meter.empty')}</p>
        ) : !shown ? (
          <p>{t('meter.checking')}</p>
        ) : (
          <>
            <p>
              <strong>{label}</strong> · {shown.acceptable ? t('meter.acceptable') : t('meter.notAcceptable')}
            </p>
            {shown.problems.length > 0 ? (
              <ul className="meter-problems">
                {shown.problems.map((problem) => (
                  <li key={problem}>{t(`meter.problem.${problem}`, { count: MIN_PASSPHRASE_LENGTH })}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
