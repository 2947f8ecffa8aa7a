/**
 * Labels of the queue's codes. Known codes are translated; unknown ones come
 * back as null, and the caller shows them verbatim in a <bdi>.
 */
import { categoryLabel, platformLabel, regionLabel, reportStatusLabel, reporterModeLabel } from '../../i18n/labels.ts';
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

/** A value of any filter dimension, as the filters panel and the chips show it. */
export function facetValueLabel(t: Translate, locale: UiLocale, dimension: string, value: string): string | null {
  switch (dimension) {
    case 'category':
      return categoryLabel(t, value);
    case 'platform':
      return platformLabel(t, value);
    case 'status':
      return queueStatusLabel(t, value);
    case 'region':
      return value === 'none' ? t('queue.region.none') : regionLabel(t, value);
    case 'country':
      return countryName(value, locale);
    case 'location':
      return locationLabel(t, value);
    case 'reporterMode':
      return reporterModeLabel(t, value);
    default:
      return null;
  }
}

export { categoryLabel, regionLabel, reportStatusLabel, reporterModeLabel };
