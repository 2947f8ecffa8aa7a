/** What the encrypted store is: schema, cipher, age, and how much it holds. */
import { useCallback, type ReactNode } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function StoreSection(): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const status = useLoad(useCallback(() => api('store.status'), [api]));
  const value = status.value;

  const counts: ReadonlyArray<readonly [MessageKey, number]> = value
    ? [
        ['settings.store.profiles', value.counts.profiles],
        ['settings.store.activeProfiles', value.counts.activeProfiles],
        ['settings.store.reports', value.counts.reports],
        ['settings.store.auditEvents', value.counts.auditEvents],
      ]
    : [];

  return (
    <SettingsSection title={t('settings.store.title')}>
      {status.loading && !value ? <Loading /> : null}
      <ErrorNotice error={status.error} />
      {value ? (
        <dl className="facts">
          <div className="fact">
            <dt>{t('settings.store.schema')}</dt>
            <dd>{t('settings.store.schemaValue', { version: value.schemaVersion, latest: value.latestSchemaVersion })}</dd>
          </div>
          <div className="fact">
            <dt>{t('settings.store.cipher')}</dt>
            <dd>
              <bdi className="mono">{value.cipher}</bdi>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('settings.store.created')}</dt>
            <dd>
              <Timestamp iso={value.createdAt} />
            </dd>
          </div>
          {counts.map(([label, count]) => (
            <div className="fact" key={label}>
              <dt>{t(label)}</dt>
              <dd className="num">{formatNumber(count, locale)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </SettingsSection>
  );
}
