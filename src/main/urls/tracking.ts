/** Query parameters that only track who shared or clicked, removed from every URL (platforms add their own, see platforms/). */

const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'twclid', 'ttclid', 'li_fat_id', 'yclid', 'igshid', 'igsh', 'mibextid',
  'si', 'feature', 'ref', 'ref_src', 'ref_url', '__tn__', '_rdr', 'rdid', 'share_url', 'sfnsn', 'app', 'is_from_webapp', 'sender_device',
  '_t', '_r', 'hl', '_ga', '_gl', 'mc_cid', 'mc_eid', 'wt_mc', 'wt.mc_id', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'spm',
]);

/** `platformTracking`: the platform's own tracking parameters, when the URL is on a platform's host. */
export function isTracking(key: string, platformTracking: ReadonlySet<string> | undefined): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('utm_') || k.startsWith('__cft__') || k.startsWith('__xts__')) return true;
  if (TRACKING.has(k)) return true;
  return platformTracking?.has(k) === true;
}
