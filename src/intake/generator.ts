/**
 * A deterministic feed of realistic reports: same seed and count, same bytes.
 *
 * Reports arrive on a timeline; many point at the same content (a viral post
 * gets dozens or hundreds of reports, typed differently each time); some are
 * revised later by their reporter; other workstations' status changes come in
 * between. Nothing here knows about SQL or HTTP: the store signs and keeps what
 * this yields.
 */
import { createHash } from 'node:crypto';
import {
  MAX_DESCRIPTION_CHARS,
  MAX_URLS,
  utcSeconds,
  type AttachmentRef,
  type ChangeKind,
  type IdentifiedReporter,
  type ReportPayload,
  type ReportStatus,
  type StatusPayload,
} from './contract.ts';
import {
  ABROAD,
  ARABIC_NAMES,
  CAMERAS,
  CATEGORY_SENTENCES,
  CITIES_BY_REGION,
  CITY_COORDINATES,
  CLOSERS,
  DETAILS,
  EMAIL_DOMAINS,
  EMPHASIS,
  FIRST_NAMES,
  HOSTILE_FILENAMES,
  JPEG_FILENAMES,
  LAST_NAMES,
  OPENERS,
  PLATFORM_WORDS,
  PNG_FILENAMES,
  REGION_WEIGHTS,
  REVISION_NOTES,
  UNKNOWN_CATEGORIES,
  WORKSTATIONS,
  type Language,
} from './corpus.ts';
import { createContentItem, notAUrl, typedUrl, type ContentItem } from './content.ts';
import { photoJpeg, screenshotPng, withExif } from './images.ts';
import { BASE62, createRng, deriveSeed, type Rng } from './prng.ts';

/** Options of a generated feed. */
export interface FeedOptions {
  seed: number;
  /** Number of distinct reports; revisions and status changes come on top. */
  count: number;
  /** Exact number of attachments over the whole feed. Wins over `attachmentFraction`. */
  attachments?: number;
  /** Share of reports that carry 1..3 attachments, when `attachments` is not given. Default 0.1. */
  attachmentFraction?: number;
  /** When the first report comes in (a fixed start: same options, same bytes). Default 2026-04-01T06:00:00Z, unless `endAt` is given. */
  startAt?: string;
  /**
   * A feed relative to this instant (the demo and the reference service give "now"): reports are
   * laid out over the RELATIVE_WINDOW_DAYS days before it, most of them in the last weeks; other
   * workstations handle most of them within their deadline (HANDLING_MINUTES), a few are left
   * open past it; nothing after this instant happens. Not with `startAt`.
   */
  endAt?: string;
  /** Largest number of reports about one content item. Default 200. */
  maxClusterSize?: number;
}

/** Bytes of an attachment that a change refers to for the first time. */
export interface GeneratedAttachment {
  id: string;
  reportId: string;
  mediaType: string;
  bytes: Buffer;
}

/** One change of the feed, before signing. */
export interface GeneratedChange {
  seq: number;
  kind: ChangeKind;
  /** The exact JSON text that will be signed and served. */
  payload: string;
  reportId: string;
  /** For reports: the revision, so that the store can track the current one without parsing. */
  revision?: number;
  /** For reports: which content item it is about (ground truth of clusters, for tests; never served). */
  contentKey?: number;
  attachments: GeneratedAttachment[];
}

export const DEFAULT_START = '2026-04-01T06:00:00Z';
/** A relative feed spans this many days before its `endAt`. */
export const RELATIVE_WINDOW_DAYS = 120;
/** Report density falls by e every this many days back from `endAt`: about 28% in the last week, 76% in the last 30 days. */
const RELATIVE_DECAY_DAYS = 21;
const DAY_MS = 86_400_000;

/**
 * How long the service's teams take, at most, to handle a report: the workstation's default
 * deadlines (src/main/triage/priority.ts DEFAULT_DEADLINES; a test keeps them equal), so that a
 * relative feed has a realistic share of reports within and past their deadline.
 */
export const HANDLING_MINUTES: Readonly<Record<string, number>> = {
  child_sexual_exploitation: 60,
  terrorism_incitement: 240,
  terrorism_apology: 1440,
  sextortion: 240,
  threats_extortion: 480,
  crime_incitement: 1440,
  violence: 1440,
  hate_discrimination: 2880,
  illegal_goods: 4320,
  fraud: 4320,
  privacy_defamation: 10_080,
  other: 10_080,
};
export const HANDLING_OTHER_MINUTES = 10_080;
export const HANDLING_DANGER_MINUTES = 60;

/** Minutes a report of this category may wait (imminent danger shortens it), as the workstation's deadlines say. */
export function handlingMinutes(category: string, imminentDanger: boolean): number {
  const minutes = HANDLING_MINUTES[category] ?? HANDLING_OTHER_MINUTES;
  return imminentDanger ? Math.min(minutes, HANDLING_DANGER_MINUTES) : minutes;
}

/** Shares of a relative feed: reports nobody handles (overdue once their deadline passes), and reports handled late. */
const RELATIVE_UNHANDLED = 0.03;
const RELATIVE_LATE = 0.05;

/**
 * Submission times of a relative feed, oldest first: a truncated exponential over the window
 * (denser near `endAt`), nights three times quieter, from their own random stream.
 */
function relativeTimes(seed: number, count: number, endMs: number): number[] {
  const rng = createRng(deriveSeed(seed, 'relative-times'));
  const window = RELATIVE_WINDOW_DAYS * DAY_MS;
  const tail = Math.exp(-RELATIVE_WINDOW_DAYS / RELATIVE_DECAY_DAYS);
  const times: number[] = [];
  while (times.length < count) {
    // Inverse of the truncated exponential's distribution: age in [0, window).
    const age = -RELATIVE_DECAY_DAYS * DAY_MS * Math.log(1 - rng.next() * (1 - tail));
    const at = Math.floor((endMs - Math.min(age, window - 1000)) / 1000) * 1000;
    if (new Date(at).getUTCHours() < 6 && rng.chance(2 / 3)) continue;
    times.push(at);
  }
  return times.sort((a, b) => a - b);
}
const MEAN_REPORT_GAP_S = 60;
const ACTIVE_ITEMS = 64;

const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['fraud', 30], ['sextortion', 8], ['child_sexual_exploitation', 3], ['terrorism_apology', 2.5], ['terrorism_incitement', 1.5],
  ['crime_incitement', 4], ['hate_discrimination', 7], ['threats_extortion', 8], ['violence', 8], ['privacy_defamation', 14],
  ['illegal_goods', 6], ['other', 6], ['unknown', 1.2],
];

/** Categories where "someone is in danger now" is ticked more often. */
const DANGER_RATE: Record<string, number> = {
  violence: 0.08,
  threats_extortion: 0.08,
  terrorism_incitement: 0.12,
  child_sexual_exploitation: 0.1,
  sextortion: 0.05,
};

export function pickCategory(rng: Rng): string {
  const category = rng.weighted(CATEGORY_WEIGHTS);
  return category === 'unknown' ? rng.pick(UNKNOWN_CATEGORIES) : category;
}

type Location = ReportPayload['reporter_location'];

function reporterLocation(rng: Rng): { location: Location; phone: { prefix: string; digits: number } } {
  if (rng.chance(0.14)) {
    const place = rng.weighted(ABROAD.map((a) => [a, a.weight] as const));
    const location: Location = { country: place.country };
    if (rng.chance(0.75)) location.city = rng.pick(place.cities);
    return { location, phone: { prefix: place.phone, digits: place.phoneDigits } };
  }
  const location: Location = { country: 'MA' };
  const region = rng.weighted(REGION_WEIGHTS);
  if (rng.chance(0.9)) location.region = region as Location['region'];
  if (rng.chance(0.8)) location.city = rng.pick(CITIES_BY_REGION[region] ?? ['Rabat']);
  return { location, phone: { prefix: `+212${rng.pick(['6', '7'])}`, digits: 8 } };
}

function localeFor(rng: Rng, country: string): string {
  switch (country) {
    case 'MA':
      return rng.weighted([['ar', 52], ['fr', 40], ['en', 4], ['es', 2], ['ar-MA', 0.5]]);
    case 'FR':
    case 'BE':
    case 'CA':
      return rng.weighted([['fr', 60], ['ar', 25], ['en', 10], ['fr-BE', country === 'BE' ? 5 : 0]]);
    case 'ES':
      return rng.weighted([['es', 55], ['ar', 30], ['fr', 15]]);
    case 'US':
    case 'GB':
      return rng.weighted([['en', 60], ['ar', 25], ['fr', 15]]);
    case 'AE':
    case 'SA':
    case 'QA':
      return rng.weighted([['ar', 70], ['en', 20], ['fr', 10]]);
    default:
      return rng.weighted([['ar', 40], ['fr', 35], ['en', 20], ['es', 5]]);
  }
}

/** People write in the language they think in, not the form's. */
function languageFor(rng: Rng, locale: string): Language {
  const base = locale.slice(0, 2);
  switch (base) {
    case 'ar':
      return rng.weighted([['ar', 55], ['darija_arab', 20], ['darija_latn', 20], ['fr', 5]]);
    case 'fr':
      return rng.weighted([['fr', 70], ['darija_latn', 25], ['ar', 5]]);
    case 'en':
      return rng.weighted([['en', 85], ['darija_latn', 10], ['fr', 5]]);
    case 'es':
      return rng.weighted([['es', 80], ['darija_latn', 10], ['fr', 10]]);
    default:
      return 'fr';
  }
}

function reporter(rng: Rng, phone: { prefix: string; digits: number }): ReportPayload['reporter'] {
  if (rng.chance(0.55)) return { mode: 'anonymous' };
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const style = rng.next();
  const fullName = style < 0.85 ? `${first} ${last}` : style < 0.95 ? rng.pick(ARABIC_NAMES) : first;
  const nationalId = rng.chance(0.4) ? `${rng.chars('ABCDEFGHIJKLMNPQRSTUVWXYZ', rng.int(1, 2))}${rng.digits(rng.int(5, 6))}` : undefined;
  const email = rng.chance(0.65)
    ? `${`${first}.${last}`.toLowerCase().replaceAll(' ', '')}${rng.chance(0.6) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`
    : undefined;
  const phoneNumber = rng.chance(0.55) ? `${phone.prefix}${rng.digits(phone.digits)}` : undefined;
  const identified: Omit<IdentifiedReporter, 'consent_to_contact'> = { mode: 'identified', full_name: fullName };
  if (nationalId !== undefined) identified.national_id = nationalId;
  if (email !== undefined) identified.email = email;
  if (phoneNumber !== undefined) identified.phone = phoneNumber;
  // Last in the JSON, as the public form sends it.
  return { ...identified, consent_to_contact: rng.chance(0.7) };
}

const HANDLE_FALLBACK: Record<Language, string> = {
  ar: 'هذا الحساب',
  darija_arab: 'هاد الحساب',
  fr: 'ce compte',
  en: 'this account',
  es: 'esta cuenta',
  darija_latn: 'had l compte',
};

interface DescriptionContext {
  platform: string;
  handle: string | undefined;
  city: string;
  url: string;
}

function fill(rng: Rng, template: string, language: Language, ctx: DescriptionContext): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    switch (name) {
      case 'platform': {
        const words = PLATFORM_WORDS[ctx.platform];
        if (!words) return ctx.platform;
        return language === 'ar' || language === 'darija_arab' ? words.arabic : words.latin;
      }
      case 'handle':
        return ctx.handle ? (rng.chance(0.5) ? `@${ctx.handle}` : ctx.handle) : HANDLE_FALLBACK[language];
      case 'amount':
        return String(rng.pick([200, 300, 500, 800, 1000, 1500, 2000, 3500, 5000, 12000]));
      case 'city':
        return ctx.city;
      case 'url':
        return ctx.url;
      case 'n':
        return String(rng.int(2, 36));
      default:
        return name;
    }
  });
}

function sentencesOf(texts: Partial<Record<Language, readonly string[]>>, language: Language): readonly string[] {
  return texts[language] ?? texts.fr ?? [];
}

function clampDescription(text: string): string {
  if (text.length <= MAX_DESCRIPTION_CHARS) return text;
  // Cut on a code point, never inside a surrogate pair.
  let out = text.slice(0, MAX_DESCRIPTION_CHARS);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out;
}

function describe(rng: Rng, category: string, language: Language, ctx: DescriptionContext): string {
  if (rng.chance(0.015)) return '';
  const core = sentencesOf(CATEGORY_SENTENCES[category] ?? CATEGORY_SENTENCES.other ?? {}, language);
  const parts: string[] = [];
  if (rng.chance(0.5)) parts.push(rng.pick(sentencesOf(OPENERS, language)));
  parts.push(fill(rng, rng.pick(core), language, ctx));
  const details = sentencesOf(DETAILS, language);
  const long = rng.chance(0.01);
  const target = long ? rng.int(1500, 5200) : 0;
  for (let n = rng.int(0, 2); n > 0; n--) parts.push(fill(rng, rng.pick(details), language, ctx));
  // A few reporters paste a whole conversation or tell the story at length.
  for (let length = parts.join(' ').length; long && length < target; length += (parts[parts.length - 1]?.length ?? 0) + 1) {
    parts.push(`[${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}] ${fill(rng, rng.pick([...core, ...details]), language, ctx)}`);
  }
  if (rng.chance(0.4)) parts.push(rng.pick(sentencesOf(CLOSERS, language)));
  let text = parts.join(rng.chance(0.2) ? '\n' : ' ');
  if (rng.chance(0.15)) text += ` ${rng.pick(EMPHASIS)}`;
  // Pasted text carries direction marks; a hostile one may carry an override.
  if (rng.chance(0.01)) text = `\u200F${text}`;
  if (rng.chance(0.002)) text = `${text} \u202Etxt.exe`;
  return clampDescription(text);
}

function urlsFor(rng: Rng, item: ContentItem): string[] {
  const urls = [typedUrl(rng, rng.pick(item.forms), item.platform)];
  const extra = rng.weighted([[0, 78], [1, 12], [2, 5], [rng.int(3, 7), 4], [rng.int(8, 19), 1]]);
  for (let i = 0; i < extra && urls.length < MAX_URLS; i++) {
    const roll = rng.next();
    if (roll < 0.35 && item.accountUrl) urls.push(typedUrl(rng, item.accountUrl, item.platform));
    else if (roll < 0.7) urls.push(typedUrl(rng, rng.pick(item.forms), item.platform));
    else urls.push(typedUrl(rng, `${rng.pick(item.forms).replace(/[?#].*$/, '')}${rng.chance(0.5) ? '' : `?p=${rng.int(1, 9)}`}`, item.platform));
  }
  const invalid = rng.next();
  if (invalid < 0.01) urls[0] = notAUrl(rng, item.handle ?? 'compte');
  else if (invalid < 0.03 && urls.length < MAX_URLS) urls.push(notAUrl(rng, item.handle ?? 'compte'));
  return urls;
}

function compactDate(ms: number): { date: string; time: string; isodate: string; dottime: string } {
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 19).replaceAll(':', ''), isodate: iso.slice(0, 10), dottime: iso.slice(11, 19).replaceAll(':', '.') };
}

function exifDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', ':')} ${iso.slice(11, 19)}`;
}

/** Supplies fresh, unique attachment ids; the store's ids when appending at runtime. */
export type AttachmentIdSource = (rng: Rng) => string;

export function attachmentIdSource(taken: (id: string) => boolean): AttachmentIdSource {
  return (rng) => {
    for (;;) {
      const id = `att_${rng.chars(BASE62, 12)}`;
      if (!taken(id)) return id;
    }
  };
}

interface ImageFile {
  bytes: Buffer;
  type: 'png' | 'jpeg';
}

/** Bytes seen on an item: a forwarded screenshot comes back identical in later reports. */
const forwardedImages = new WeakMap<ContentItem, ImageFile[]>();

function makeImage(seed: number, id: string, takenAt: number): ImageFile {
  const rng = createRng(deriveSeed(seed, 'image', id));
  if (rng.chance(0.55)) return { bytes: screenshotPng(rng), type: 'png' };
  let bytes = photoJpeg(rng);
  if (rng.chance(0.4)) {
    const [make, model] = rng.pick(CAMERAS);
    const info = { make, model, dateTimeOriginal: exifDate(takenAt - rng.int(60, 86_400) * 1000) };
    if (rng.chance(0.6)) {
      const [lat, lon] = rng.pick(CITY_COORDINATES);
      bytes = withExif(bytes, { ...info, gps: { latitude: lat + (rng.next() - 0.5) / 20, longitude: lon + (rng.next() - 0.5) / 20 } });
    } else {
      bytes = withExif(bytes, info);
    }
  }
  return { bytes, type: 'jpeg' };
}

function filenameFor(rng: Rng, type: 'png' | 'jpeg', at: number): string {
  if (rng.chance(0.007)) return rng.pick(HOSTILE_FILENAMES);
  const { date, time, isodate, dottime } = compactDate(at);
  const template = type === 'png' ? rng.pick(PNG_FILENAMES) : rng.pick(JPEG_FILENAMES);
  return template
    .replaceAll('{date}', date)
    .replaceAll('{time}', time)
    .replaceAll('{isodate}', isodate)
    .replaceAll('{dottime}', dottime)
    .replaceAll('{nn}', String(rng.int(10, 99)));
}

function declaredType(rng: Rng, type: 'png' | 'jpeg'): string {
  // Browsers and phones sometimes get it wrong; the workstation checks the bytes.
  if (rng.chance(0.96)) return type === 'png' ? 'image/png' : 'image/jpeg';
  return rng.pick([type === 'png' ? 'image/jpeg' : 'image/png', 'application/octet-stream']);
}

function makeAttachments(
  rng: Rng,
  seed: number,
  count: number,
  reportId: string,
  item: ContentItem,
  at: number,
  nextId: AttachmentIdSource,
): { refs: AttachmentRef[]; files: GeneratedAttachment[] } {
  const refs: AttachmentRef[] = [];
  const files: GeneratedAttachment[] = [];
  const seen = forwardedImages.get(item) ?? [];
  for (let i = 0; i < count; i++) {
    const id = nextId(rng);
    const image = seen.length > 0 && rng.chance(0.2) ? rng.pick(seen) : makeImage(seed, id, at);
    if (seen.length < 5 && !seen.includes(image)) seen.push(image);
    const mediaType = declaredType(rng, image.type);
    refs.push({
      id,
      filename: filenameFor(rng, image.type, at),
      media_type: mediaType,
      size: image.bytes.length,
      sha256: createHash('sha256').update(image.bytes).digest('hex'),
    });
    files.push({ id, reportId, mediaType, bytes: image.bytes });
  }
  forwardedImages.set(item, seen);
  return { refs, files };
}

/** What a new report is built from. */
export interface ReportSeed {
  id: string;
  at: number;
  item: ContentItem;
  attachments: number;
  seed: number;
  nextAttachmentId: AttachmentIdSource;
}

/** Builds revision 1 of a report and the bytes of its attachments. */
export function inventReport(rng: Rng, input: ReportSeed): { payload: ReportPayload; files: GeneratedAttachment[] } {
  const { item, at } = input;
  const { location, phone } = reporterLocation(rng);
  const locale = localeFor(rng, location.country);
  const language = languageFor(rng, locale);
  const category = rng.chance(0.8) ? item.category : pickCategory(rng);
  // Reporters sometimes pick the wrong platform, or "other" when unsure.
  const platform = rng.chance(0.95) ? item.platform : rng.pick(['other', 'website', 'facebook', 'whatsapp']);
  const urls = urlsFor(rng, item);
  const city = location.city ?? rng.pick(['Casablanca', 'Rabat', 'Fès', 'Tanger', 'Marrakech', 'Agadir']);
  const description = describe(rng, category, language, { platform, handle: item.handle, city, url: urls[0] ?? '' });
  const handle = item.handle && rng.chance(0.55) ? (rng.chance(0.35) ? `@${item.handle}` : item.handle) : undefined;
  const observedAt = rng.chance(0.7) ? utcSeconds(at - Math.max(60_000, rng.exponential(86_400_000))) : undefined;
  const content: ReportPayload['content'] = { urls, platform, ...(handle !== undefined ? { account_handle: handle } : {}), description };
  if (observedAt !== undefined) content.observed_at = observedAt;
  // Not in the contract: clients must keep unknown fields, so a few are sent.
  if (rng.chance(0.01)) content.shared_via = rng.pick(['share_sheet', 'copy_link']);
  const { refs, files } = makeAttachments(rng, input.seed, input.attachments, input.id, item, at, input.nextAttachmentId);
  const submitted = utcSeconds(at);
  const payload: ReportPayload = {
    kind: 'report',
    id: input.id,
    revision: 1,
    submitted_at: submitted,
    updated_at: submitted,
    channel: rng.chance(0.65) ? 'mobile_web' : 'web',
    locale,
    category,
    imminent_danger: rng.chance(DANGER_RATE[category] ?? 0.015),
    content,
    reporter: reporter(rng, phone),
    reporter_location: location,
    attachments: refs,
  };
  if (rng.chance(0.015)) payload.form_version = rng.pick(['2026.2', '2026.3']);
  return { payload, files };
}

/** The reporter comes back and adds to the report: same id, next revision. */
export function reviseReport(rng: Rng, previous: ReportPayload, at: number, item?: ContentItem): ReportPayload {
  const language = languageFor(rng, previous.locale);
  const note = rng.pick(sentencesOf(REVISION_NOTES, language));
  const urls = [...previous.content.urls];
  for (let n = rng.int(0, 2); n > 0 && urls.length < MAX_URLS; n--) {
    if (item) urls.push(typedUrl(rng, rng.pick(item.accountUrl ? [item.accountUrl, ...item.forms] : item.forms), item.platform));
    else urls.push(typedUrl(rng, `https://www.facebook.com/${rng.chars(BASE62, 10)}`, 'facebook'));
  }
  const description = clampDescription(previous.content.description ? `${previous.content.description}\n\n${note}` : note);
  return {
    ...previous,
    revision: previous.revision + 1,
    updated_at: utcSeconds(Math.max(at, Date.parse(previous.updated_at) + 1000)),
    content: { ...previous.content, urls, description },
  };
}

/**
 * A status change as the service produces it. `at` is the time the workstation gave;
 * `acceptedAt` the service's own time of acceptance (contract 1.1), signed with the rest so
 * that a client orders statuses by it rather than by the unsigned seq.
 */
export function statusPayload(reportId: string, status: ReportStatus, at: string, workstationId: string, reference: string | undefined, acceptedAt: string): StatusPayload {
  const payload: StatusPayload = { kind: 'status', report_id: reportId, status, at, workstation_id: workstationId, accepted_at: acceptedAt };
  if (reference !== undefined) payload.reference = reference;
  // Written last, after what the workstation said.
  const { accepted_at: accepted, ...said } = payload;
  return { ...said, accepted_at: accepted };
}

export function formatReportId(year: number, n: number): string {
  return `IBL-${year}-${String(n).padStart(7, '0')}`;
}

interface Scheduled {
  at: number;
  order: number;
  run: () => GeneratedChangeDraft;
}

interface GeneratedChangeDraft {
  kind: ChangeKind;
  contentKey?: number;
  payload: ReportPayload | StatusPayload;
  reportId: string;
  attachments: GeneratedAttachment[];
}

/** Min-heap of future events by time, then by scheduling order, so the feed stays reproducible. */
class Timeline {
  private readonly heap: Scheduled[] = [];
  private order = 0;

  get size(): number {
    return this.heap.length;
  }

  peek(): Scheduled | undefined {
    return this.heap[0];
  }

  schedule(at: number, run: () => GeneratedChangeDraft): void {
    const heap = this.heap;
    heap.push({ at, order: this.order++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(left, smallest)) smallest = left;
        if (right < heap.length && this.before(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a] as Scheduled;
    const y = this.heap[b] as Scheduled;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a] as Scheduled;
    this.heap[a] = this.heap[b] as Scheduled;
    this.heap[b] = x;
  }
}

/** Decides how many attachments each report gets so that the feed holds exactly `total`. */
function attachmentPlan(rng: Rng, options: FeedOptions): () => number {
  const { count } = options;
  if (options.attachments === undefined) {
    const fraction = options.attachmentFraction ?? 0.1;
    return () => (rng.chance(fraction) ? rng.int(1, 3) : 0);
  }
  const total = options.attachments;
  if (!Number.isInteger(total) || total < 0) throw new RangeError('attachments must be an integer >= 0');
  if (total > count * 10) throw new RangeError(`${total} attachments do not fit on ${count} reports (10 at most each)`);
  const perReport = Math.ceil(total / Math.max(1, count)) > 3 ? 10 : 3;
  let carriers = Math.min(count, total, Math.max(Math.ceil(total / perReport), Math.round(total / 2)));
  let left = total;
  let seen = 0;
  return () => {
    // Selection sampling (Knuth's algorithm S): exactly `carriers` reports, spread evenly.
    const chosen = carriers > 0 && rng.next() * (count - seen) < carriers;
    seen++;
    if (!chosen) return 0;
    const low = Math.max(1, left - perReport * (carriers - 1));
    const high = Math.min(perReport, left - (carriers - 1));
    const n = Math.min(high, Math.max(low, rng.int(1, 3)));
    carriers--;
    left -= n;
    return n;
  };
}

const STATUS_NEXT: Record<string, readonly (readonly [ReportStatus | null, number])[]> = {
  received: [['in_analysis', 70], [null, 30]],
  in_analysis: [['referred', 24], ['closed_no_action', 18], ['duplicate', 18], [null, 40]],
};

const FINAL_STATUSES: readonly (readonly [ReportStatus, number])[] = [['referred', 24], ['closed_no_action', 18], ['duplicate', 18]];

/**
 * The whole initial feed, in seq order. Seqs have gaps now and then, as the
 * contract allows.
 */
export function* generateFeed(options: FeedOptions): Generator<GeneratedChange> {
  const { seed, count } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be an integer >= 0');
  const rng = createRng(deriveSeed(seed, 'feed'));
  const maxCluster = options.maxClusterSize ?? 200;
  const attachmentsFor = attachmentPlan(createRng(deriveSeed(seed, 'attachment-plan')), options);
  const usedAttachmentIds = new Set<string>();
  const nextAttachmentId = attachmentIdSource((id) => usedAttachmentIds.has(id));
  const timeline = new Timeline();
  const active: ContentItem[] = [];
  const yearCounters = new Map<number, number>();
  if (options.startAt !== undefined && options.endAt !== undefined) throw new RangeError('a feed has a fixed start (startAt) or is relative to endAt, not both');
  const endMs = options.endAt === undefined ? undefined : Date.parse(options.endAt);
  if (endMs !== undefined && !Number.isFinite(endMs)) throw new RangeError(`bad endAt ${String(options.endAt)}`);
  const times = endMs === undefined ? undefined : relativeTimes(seed, count, endMs);
  let time = Date.parse(options.startAt ?? DEFAULT_START);
  let seq = 0;
  let dossier = 0;
  let items = 0;

  const emit = (draft: GeneratedChangeDraft): GeneratedChange => {
    seq += 1 + (rng.chance(0.02) ? rng.int(1, 20) : 0);
    for (const file of draft.attachments) usedAttachmentIds.add(file.id);
    const change: GeneratedChange = { seq, kind: draft.kind, payload: JSON.stringify(draft.payload), reportId: draft.reportId, attachments: draft.attachments };
    if (draft.payload.kind === 'report') change.revision = draft.payload.revision;
    if (draft.contentKey !== undefined) change.contentKey = draft.contentKey;
    return change;
  };

  const scheduleStatus = (reportId: string, status: ReportStatus, at: number, workstation: string, followUp = true): void => {
    // A relative feed stops at its endAt: what would come later has not happened yet.
    if (endMs !== undefined && at > endMs) return;
    timeline.schedule(at, () => {
      let reference: string | undefined;
      if ((status === 'referred' && rng.chance(0.85)) || (status === 'in_analysis' && rng.chance(0.2))) {
        dossier += rng.int(1, 3);
        reference = `DOS-${new Date(at).getUTCFullYear()}-${String(dossier).padStart(4, '0')}`;
      }
      const followUps = followUp ? STATUS_NEXT[status] : undefined;
      const next = followUps ? rng.weighted(followUps) : null;
      if (next) {
        const handover = rng.chance(0.1) ? rng.pick(WORKSTATIONS) : workstation;
        scheduleStatus(reportId, next, at + Math.max(60_000, rng.exponential(next === 'in_analysis' ? 36_000_000 : 172_800_000)), handover);
      }
      // The generated service accepts a status at the moment the workstation gives it.
      return { kind: 'status', payload: statusPayload(reportId, status, utcSeconds(at), workstation, reference, utcSeconds(at)), reportId, attachments: [] };
    });
  };

  const scheduleRevision = (previous: ReportPayload, item: ContentItem, at: number): void => {
    if (endMs !== undefined && at > endMs) return;
    timeline.schedule(at, () => {
      const revised = reviseReport(rng, previous, at, item);
      if (revised.revision < 3 && rng.chance(0.25)) scheduleRevision(revised, item, at + Math.max(600_000, rng.exponential(86_400_000)));
      return { kind: 'report', payload: revised, reportId: revised.id, attachments: [], ...(item.key !== undefined ? { contentKey: item.key } : {}) };
    });
  };

  /**
   * A relative feed: other workstations handle most reports within their deadline (received, often
   * analysed, then referred, closed or marked duplicate), a few late, a few never.
   */
  const scheduleHandling = (reportId: string, at: number, deadlineMs: number): void => {
    const workstation = rng.pick(WORKSTATIONS);
    const roll = rng.next();
    const received = at + Math.max(60_000, deadlineMs * (0.02 + 0.08 * rng.next()));
    if (roll < RELATIVE_UNHANDLED) {
      // Left open: at most looked at, never finished.
      if (rng.chance(0.5)) scheduleStatus(reportId, 'received', received, workstation, false);
      return;
    }
    const finalAt = at + deadlineMs * (roll < RELATIVE_UNHANDLED + RELATIVE_LATE ? 1.05 + 2 * rng.next() : 0.15 + 0.8 * rng.next());
    scheduleStatus(reportId, 'received', received, workstation, false);
    if (rng.chance(0.8)) scheduleStatus(reportId, 'in_analysis', Math.min(finalAt - 1000, received + Math.max(60_000, (finalAt - received) * 0.3 * rng.next())), workstation, false);
    scheduleStatus(reportId, rng.weighted(FINAL_STATUSES), finalAt, workstation, false);
  };

  for (let i = 0; i < count; i++) {
    if (times) {
      time = times[i] as number;
    } else {
      const hour = new Date(time).getUTCHours();
      time += Math.max(1000, Math.round(rng.exponential(MEAN_REPORT_GAP_S) * (hour < 6 ? 3 : 1) * 1000));
    }
    while ((timeline.peek()?.at ?? Infinity) <= time) yield emit((timeline.pop() as Scheduled).run());

    let item: ContentItem;
    if (active.length === 0 || (active.length < ACTIVE_ITEMS && rng.chance(0.25))) {
      item = createContentItem(rng, pickCategory(rng), maxCluster);
      item.key = items++;
      active.push(item);
    } else {
      // Viral content drains fastest: the more reports an item still has to get, the likelier it is picked.
      item = rng.weighted(active.map((candidate) => [candidate, candidate.remaining] as const));
    }
    item.remaining--;
    if (item.remaining <= 0) active.splice(active.indexOf(item), 1);

    const year = new Date(time).getUTCFullYear();
    const n = (yearCounters.get(year) ?? 0) + 1;
    yearCounters.set(year, n);
    const id = formatReportId(year, n);
    const { payload, files } = inventReport(rng, { id, at: time, item, attachments: attachmentsFor(), seed, nextAttachmentId });
    yield emit({ kind: 'report', payload, reportId: id, attachments: files, contentKey: item.key ?? -1 });

    if (rng.chance(0.04)) scheduleRevision(payload, item, time + Math.max(600_000, rng.exponential(129_600_000)));
    if (times) scheduleHandling(id, time, handlingMinutes(payload.category, payload.imminent_danger) * 60_000);
    else if (rng.chance(0.1)) scheduleStatus(id, 'received', time + Math.max(60_000, rng.exponential(7_200_000)), rng.pick(WORKSTATIONS));
  }
  while (timeline.size > 0) yield emit((timeline.pop() as Scheduled).run());
}
