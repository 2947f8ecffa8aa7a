/**
 * A case's online diagnostics (issue #11), above its evidence: the path in
 * use, "diagnose all URLs of this case", and each URL already diagnosed with
 * its state (online, changed, removed, failed), since when, and its last
 * result as inert text.
 */
import type { ReactNode } from 'react';
import { defangUrl } from '../../../../shared/defang.ts';
import { UserText } from '../../components/safe/UserText.tsx';
import { useI18n } from '../../i18n/index.ts';
import { OnlineBanner, OnlineUrl, useOnlineDiagnostics } from '../report/OnlineDiagnostics.tsx';
import '../report/url-diagnostics.css';

export function OnlineCasePanel({ caseRef }: { readonly caseRef: string }): ReactNode {
  const { t } = useI18n();
  const online = useOnlineDiagnostics({ caseRef });
  const urls = [...online.history.keys()];
  return (
    <section className="panel od-case" aria-label={t('online.section')}>
      <h2 className="panel-title">{t('online.section')}</h2>
      <OnlineBanner state={online} />
      {urls.length > 0 ? (
        <ul className="ud-list">
          {urls.map((url) => (
            <li key={url} className="ud-item">
              <bdi dir="ltr" className="ud-ltr ud-url">
                <UserText text={url} mono transform={defangUrl} />
              </bdi>
              <OnlineUrl url={url} state={online} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
