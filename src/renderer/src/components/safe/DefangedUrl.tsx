/**
 * A reported URL: shown defanged (`hxxps[://]example[.]com/...`), never a
 * link, never loaded; a button copies the URL exactly as the reporter typed
 * it. Beside it, what the core made of it: canonical form (defanged too),
 * platform, account and post id.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { defangUrl } from '../../../../shared/defang.ts';
import { UserText } from './UserText.tsx';
import '../../styles/report.css';

export interface UrlParts {
  /** As typed: untrusted text. */
  readonly raw: string;
  readonly canonical?: string | null;
  readonly platform?: string | null;
  readonly account?: string | null;
  readonly postId?: string | null;
}

interface DefangedUrlProps {
  readonly url: UrlParts;
  /** Label of a platform code (translated), or null to show the code as is. */
  readonly platformLabel?: (platform: string) => string | null;
  /** Only the defanged URL and its copy button, without the parts. */
  readonly compact?: boolean;
}

export function DefangedUrl({ url, platformLabel, compact = false }: DefangedUrlProps): ReactNode {
  const { t } = useI18n();
  const canonical = url.canonical ?? null;
  return (
    <div className="url-item">
      <div className="url-line">
        <span className="url-defanged">
          <UserText text={url.raw} transform={defangUrl} mono />
        </span>
        <CopyButton value={url.raw} label={t('safe.copy')} accessibleName={t('safe.copyRawUrl')} />
      </div>
      {compact ? null : (
        <dl className="url-parts">
          <div className="url-part url-part-wide">
            <dt>{t('safe.url.canonical')}</dt>
            <dd>
              {canonical ? (
                <>
                  <UserText text={canonical} transform={defangUrl} mono />
                  {canonical !== url.raw ? <CopyButton value={canonical} label={t('safe.copy')} accessibleName={t('safe.copyCanonicalUrl')} /> : null}
                </>
              ) : (
                <span className="muted">{t('safe.url.notUrl')}</span>
              )}
            </dd>
          </div>
          {url.platform ? (
            <div className="url-part">
              <dt>{t('safe.url.platform')}</dt>
              <dd>{platformLabel?.(url.platform) ?? <UserText text={url.platform} />}</dd>
            </div>
          ) : null}
          {url.account ? (
            <div className="url-part">
              <dt>{t('safe.url.account')}</dt>
              <dd>
                <UserText text={url.account} mono />
              </dd>
            </div>
          ) : null}
          {url.postId ? (
            <div className="url-part">
              <dt>{t('safe.url.postId')}</dt>
              <dd>
                <UserText text={url.postId} mono />
              </dd>
            </div>
          ) : null}
        </dl>
      )}
    </div>
  );
}
