/**
 * Labels of the queue's codes. Known codes are translated; unknown ones come
 * back as null, and the caller shows them verbatim in a <bdi>.
 */
import { categoryLabel, codeText, platformLabel, regionLabel, reportStatusLabel, reporterModeLabel, unknownCodeText } from '../../i18n/labels.ts';
import { isMessageKey } from '../../i18n/fr.ts';
import type { Translate } from '../../i18n/index.ts';
import { countryName } from '../../format.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';

function lookup(t: Translate, prefix: string, value: string): string | null {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(key) : null;
}

export { platformLabel };

/** The intake statuses, and `claimed_other` (in analysis at another workstation). */
export function queueStatusLabel(t: Translate, status: string): string | null {
  if (status === 'claimed_other') return t('queue.status.claimedOther');
  return reportStatusLabel(t, status);
}

export function locationLabel(t: Translate, location: string): string | null {
  return lookup(t, 'queue.location.', location);
}

/**
 * A value of any filter dimension, as the filters panel and the chips show it:
 * a code this interface does not know comes back verbatim (isolated) and
 * marked as unknown; null only for values of no known dimension.
 */
export function facetValueLabel(t: Translate, locale: UiLocale, dimension: string, value: string): string | null {
  switch (dimension) {
    case 'category':
      return codeText(t, 'category', value);
    case 'platform':
      return codeText(t, 'platform', value);
    case 'status':
      return queueStatusLabel(t, value) ?? unknownCodeText(t, 'status', value);
    case 'region':
      return value === 'none' ? t('queue.region.none') : codeText(t, 'region', value);
    case 'country':
      return countryName(value, locale);
    case 'location':
      return locationLabel(t, value);
    case 'reporterMode':
      return codeText(t, 'reporterMode', value);
    default:
      return null;
  }
}

export { categoryLabel, regionLabel, reportStatusLabel, reporterModeLabel };
