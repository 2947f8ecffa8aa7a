/** A quiet "loading" line, announced politely. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';

export function Loading(): ReactNode {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
