/**
 * What was reported (description, URLs, platform, account, when seen), where
 * the reporter is, the fields the contract does not know, and the cluster of
 * reports about the same content. Every text from the report is untrusted:
 * UserText and DefangedUrl only.
 */
import type { ReactNode } from 'react';
import type { ReportView } from '../../../../shared/triage.ts';
import { defangUrl } from '../../../../shared/defang.ts';
import { DefangedUrl } from '../../components/safe/DefangedUrl.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { countryName, languageName } from '../../format.ts';
import { CodeLabel } from '../../components/safe/CodeLabel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { channelLabel, regionLabel } from '../../i18n/labels.ts';
import { Fact, Section } from './Section.tsx';
import { platformLabel } from './reportLabels.ts';

/** The account the report names: the reporter's field, else the account a reported URL names (its canonical form's). */
function reportedAccount(view: ReportView): { handle: string; fromUrl: boolean } | null {
  if (view.accountHandle) return { handle: view.accountHandle, fromUrl: false };
  const named = view.urls.find((url) => url.account);
  return named?.account ? { handle: named.account, fromUrl: true } : null;
}

export function ContentSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t, locale } = useI18n();
  const platform = platformLabel(t, view.platform);
  const account = reportedAccount(view);
  return (
    // What was reported leads (its description, then its URLs); the facts about it follow.
    <Section title={t('reportView.content')}>
      <div className="rp-subsection">
        <h4 className="rp-subtitle">{t('reportView.description')}</h4>
        {view.description ? <UserText text={view.description} block className="rp-description" /> : <Absent />}
      </div>
      <div className="rp-subsection">
        <h4 className="rp-subtitle">{t('reportView.urls', { count: view.urls.length })}</h4>
        {view.urls.length === 0 ? (
          <Absent />
        ) : (
          <ol className="rp-urls">
            {view.urls.map((url, index) => (
              <li key={index}>
                <DefangedUrl url={url} platformLabel={(code) => platformLabel(t, code)} />
              </li>
            ))}
          </ol>
        )}
        <p className="rp-hint">{t('reportView.urlsHint')}</p>
      </div>
      <dl className="rp-facts">
        <Fact term={t('reportView.platform')}>
          <CodeLabel kind="platform" label={platform} code={view.platform} />
        </Fact>
        <Fact term={t('reportView.account')}>
          {account ? (
            <>
              <UserText text={account.handle} mono />
              {account.fromUrl ? <span className="muted small"> {t('reportView.accountFromUrl')}</span> : null}
            </>
          ) : (
            <Absent />
          )}
        </Fact>
        <Fact term={t('reportView.observedAt')}>{view.observedAt ? <Timestamp iso={view.observedAt} /> : <Absent />}</Fact>
        <Fact term={t('reportView.submittedAt')}>
          <Timestamp iso={view.submittedAt} />
        </Fact>
        <Fact term={t('reportView.channel')}>
          <CodeLabel kind="channel" label={channelLabel(t, view.channel)} code={view.channel} /> ·{' '}
          <CodeLabel kind="language" label={languageName(view.locale, locale)} code={view.locale} />
        </Fact>
      </dl>
    </Section>
  );
}

export function LocationSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t, locale } = useI18n();
  const { country, region, city } = view.location;
  return (
    <Section title={t('reportView.location')}>
      <dl className="rp-facts">
        <Fact term={t('reportView.country')}>
          {countryName(country, locale) ?? <UserText text={country} />}{' '}
          <bdi className="mono muted small" dir="ltr">
            {/^[A-Z]{2}$/.test(country) ? country : null}
          </bdi>
        </Fact>
        <Fact term={t('reportView.region')}>{region ? <CodeLabel kind="region" label={regionLabel(t, region)} code={region} /> : <Absent />}</Fact>
        <Fact term={t('reportView.city')}>{city ? <UserText text={city} /> : <Absent />}</Fact>
      </dl>
    </Section>
  );
}

export function ExtraFieldsSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t } = useI18n();
  if (view.extraFields.length === 0) return null;
  return (
    <Section title={t('reportView.extraFields')}>
      <p className="rp-hint">{t('reportView.extraFieldsHint')}</p>
      <dl className="rp-extra">
        {view.extraFields.map((field, index) => (
          <div className="rp-extra-item" key={index}>
            <dt>
              <UserText text={field.path} mono />
            </dt>
            <dd>
              <UserText text={field.value} mono block />
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

export function ClusterSection({ view, onOpenCluster }: { readonly view: ReportView; readonly onOpenCluster?: ((clusterId: number) => void) | undefined }): ReactNode {
  const { t } = useI18n();
  const { cluster } = view;
  return (
    <Section title={t('reportView.cluster')}>
      <p>{cluster.size > 1 ? t('reportView.clusterSize', { count: cluster.size }) : t('reportView.clusterAlone')}</p>
      {cluster.key ? (
        <p className="rp-cluster-key">
          <span className="muted">{t('reportView.clusterKey')}</span> <UserText text={cluster.key} transform={defangUrl} mono />
        </p>
      ) : null}
      {onOpenCluster && cluster.size > 1 ? (
        <div>
          <button type="button" className="btn btn-small" onClick={() => onOpenCluster(cluster.id)}>
            {t('reportView.openCluster', { count: cluster.size })}
          </button>
        </div>
      ) : null}
    </Section>
  );
}

export function Absent(): ReactNode {
  const { t } = useI18n();
  return <span className="muted">{t('common.none')}</span>;
}
