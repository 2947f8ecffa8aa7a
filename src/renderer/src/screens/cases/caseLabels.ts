/**
 * The words of cases that come from the core as codes: statuses, timeline
 * kinds, observable types and verdicts, and the reason a jurisdiction is
 * suggested, phrased in the interface's language from its code and params.
 */
import { JURISDICTION_REASONS, type Bilingual, type CaseStatus, type CaseTimelineEntry, type JurisdictionReason, type LegalQualification, type ObservableType, type Verdict } from '../../../../shared/cases.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { regionLabel } from '../../i18n/labels.ts';

export const STATUS_KEY: Readonly<Record<CaseStatus, MessageKey>> = {
  open: 'cases.status.open',
  in_analysis: 'cases.status.in_analysis',
  ready: 'cases.status.ready',
  referred: 'cases.status.referred',
  closed: 'cases.status.closed',
};

export function caseStatusLabel(t: Translate, status: CaseStatus): string {
  return t(STATUS_KEY[status]);
}

/** The button that moves a case to `status`. */
export const TRANSITION_KEY: Readonly<Record<CaseStatus, MessageKey>> = {
  open: 'cases.to.open',
  in_analysis: 'cases.to.in_analysis',
  ready: 'cases.to.ready',
  referred: 'cases.to.referred',
  closed: 'cases.to.closed',
};

/** Closing and reopening need a reason the journal keeps. */
export function transitionNeedsReason(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'closed' || from === 'closed';
}

export const TIMELINE_KEY: Readonly<Record<CaseTimelineEntry['kind'], MessageKey>> = {
  created: 'cases.timeline.created',
  report_added: 'cases.timeline.report_added',
  report_removed: 'cases.timeline.report_removed',
  status_changed: 'cases.timeline.status_changed',
  title_changed: 'cases.timeline.title_changed',
  assigned: 'cases.timeline.assigned',
  qualifications_set: 'cases.timeline.qualifications_set',
  access_changed: 'cases.timeline.access_changed',
  jurisdiction_confirmed: 'cases.timeline.jurisdiction_confirmed',
  note_added: 'cases.timeline.note_added',
  note_edited: 'cases.timeline.note_edited',
  note_deleted: 'cases.timeline.note_deleted',
  observable_added: 'cases.timeline.observable_added',
  exported: 'cases.timeline.exported',
  dossier_exported: 'cases.timeline.dossier_exported',
  identity_included: 'cases.timeline.identity_included',
  dossier_answered: 'cases.timeline.dossier_answered',
};

export const OBSERVABLE_TYPE_KEY: Readonly<Record<ObservableType, MessageKey>> = {
  url: 'cases.obs.type.url',
  domain: 'cases.obs.type.domain',
  ip: 'cases.obs.type.ip',
  email: 'cases.obs.type.email',
  phone: 'cases.obs.type.phone',
  handle: 'cases.obs.type.handle',
  crypto_address: 'cases.obs.type.crypto_address',
  bank_account: 'cases.obs.type.bank_account',
  invite_link: 'cases.obs.type.invite_link',
};

export const VERDICT_KEY: Readonly<Record<Verdict, MessageKey>> = {
  malicious: 'cases.obs.verdict.malicious',
  unknown: 'cases.obs.verdict.unknown',
  benign: 'cases.obs.verdict.benign',
};

/** A name given in both languages, in the interface's. */
export function bilingual(name: Bilingual | null, locale: UiLocale): string {
  if (!name) return '';
  return locale === 'ar' ? name.ar || name.fr : name.fr || name.ar;
}

export function qualificationLabel(entry: LegalQualification, locale: UiLocale): string {
  return locale === 'ar' ? entry.labelAr || entry.labelFr : entry.labelFr || entry.labelAr;
}

type Params = JurisdictionReason['params'];

function param(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function numberParam(params: Params, name: string): number {
  const value = Number(params[name] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** A name the params give in both languages (`<name>_fr`, `<name>_ar`), else the label of its code, else the code. */
function named(params: Params, locale: UiLocale, name: string, label?: (code: string) => string | null): string {
  const given = param(params, `${name}_${locale}`) ?? param(params, `${name}_${locale === 'ar' ? 'fr' : 'ar'}`);
  if (given) return given;
  const code = param(params, name);
  if (!code) return '?';
  return label?.(code) ?? code;
}

/** The main sentence of a reason. */
function reasonSentence(t: Translate, locale: UiLocale, code: JurisdictionReason['code'], params: Params): string {
  const region = (): string => named(params, locale, 'region', (value) => regionLabel(t, value));
  switch (code) {
    case 'terrorism_national_competence':
      return t('cases.jur.reason.terrorism', { court: named(params, locale, 'court'), law: param(params, 'law') ?? '03-03', article: param(params, 'article') ?? '7' });
    case 'analyst_place': {
      const place = param(params, 'place') ?? '?';
      const province = param(params, `province_${locale}`);
      return province ? t('cases.jur.reason.placeProvince', { place, province }) : t('cases.jur.reason.place', { place });
    }
    case 'majority_region':
      return t('cases.jur.reason.majority', { region: region(), count: numberParam(params, 'count'), total: numberParam(params, 'total') });
    case 'tied_regions': {
      const codes = params['regions'];
      const list = Array.isArray(codes) ? codes.map((value) => regionLabel(t, value) ?? value).join(t('cases.listSeparator')) : (param(params, 'regions') ?? '');
      return t('cases.jur.reason.tied', { region: region(), regions: list, count: numberParam(params, 'count') });
    }
    case 'no_region':
      return t('cases.jur.reason.noRegion');
    case 'other_region':
      return t('cases.jur.reason.otherRegion', { region: region(), count: numberParam(params, 'count'), total: numberParam(params, 'total') });
    case 'other_tpi':
      return t('cases.jur.reason.otherTpi', { province: named(params, locale, 'province') });
    case 'pending_court':
      return t('cases.jur.reason.pending', { court: named(params, locale, 'court') });
    case 'territorial': {
      const basis = param(params, 'basis');
      const inner = basis && basis !== 'territorial' && (JURISDICTION_REASONS as readonly string[]).includes(basis) ? reasonSentence(t, locale, basis as JurisdictionReason['code'], params) : '';
      return inner ? t('cases.jur.reason.territorialBecause', { reason: inner }) : t('cases.jur.reason.territorial');
    }
    case 'chosen':
      return t('cases.jur.reason.chosen');
  }
}

/** Why the core suggests a jurisdiction, as sentences in the interface's language: the reason, then what was left out. */
export function jurisdictionReason(t: Translate, locale: UiLocale, reason: JurisdictionReason): string[] {
  const sentences = [reasonSentence(t, locale, reason.code, reason.params)];
  const unresolved = param(reason.params, 'unresolved_place');
  if (unresolved) sentences.push(t('cases.jur.reason.unresolved', { place: unresolved }));
  const abroad = numberParam(reason.params, 'abroad_or_unknown');
  if (abroad > 0 && reason.code !== 'no_region') sentences.push(t('cases.jur.reason.abroad', { count: abroad }));
  return sentences;
}

/** A report id, as the contract writes them. */
export const REPORT_ID_IN_TEXT = /IBL-\d{4}-\d{7}/g;

/** The report ids typed or pasted in a text (any separators), each once, in order. */
export function reportIdsIn(text: string): string[] {
  return [...new Set(text.toUpperCase().match(REPORT_ID_IN_TEXT) ?? [])];
}
