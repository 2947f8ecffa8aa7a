/**
 * Words for what the cases core sends as codes, as the queue and the report
 * panel show them: a case's status, an observable's type and verdict. The
 * Cases screen has its own (screens/cases/caseLabels.ts); these stay in the
 * report feature so that the queue does not depend on that screen.
 */
import type { CaseStatus, ObservableType, Verdict } from '../../../../shared/cases.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

const CASE_STATUS: Readonly<Record<CaseStatus, MessageKey>> = {
  open: 'reportView.caseStatus.open',
  in_analysis: 'reportView.caseStatus.in_analysis',
  ready: 'reportView.caseStatus.ready',
  referred: 'reportView.caseStatus.referred',
  closed: 'reportView.caseStatus.closed',
};

const OBSERVABLE_TYPE: Readonly<Record<ObservableType, MessageKey>> = {
  url: 'reportView.obsType.url',
  domain: 'reportView.obsType.domain',
  ip: 'reportView.obsType.ip',
  email: 'reportView.obsType.email',
  phone: 'reportView.obsType.phone',
  handle: 'reportView.obsType.handle',
  crypto_address: 'reportView.obsType.crypto_address',
  bank_account: 'reportView.obsType.bank_account',
  invite_link: 'reportView.obsType.invite_link',
};

const VERDICT: Readonly<Record<Verdict, MessageKey>> = {
  malicious: 'reportView.verdict.malicious',
  unknown: 'reportView.verdict.unknown',
  benign: 'reportView.verdict.benign',
};

/** A code newer than this interface comes back as null: the caller shows it verbatim. */
export function caseStatusWord(t: Translate, status: string): string | null {
  const key = CASE_STATUS[status as CaseStatus] as MessageKey | undefined;
  return key ? t(key) : null;
}

export function observableTypeWord(t: Translate, type: string): string | null {
  const key = OBSERVABLE_TYPE[type as ObservableType] as MessageKey | undefined;
  return key ? t(key) : null;
}

export function verdictWord(t: Translate, verdict: string): string | null {
  const key = VERDICT[verdict as Verdict] as MessageKey | undefined;
  return key ? t(key) : null;
}

/** Observable types whose value can be clicked or auto-linked elsewhere: shown defanged. */
export const DEFANGED_TYPES: ReadonlySet<string> = new Set<ObservableType>(['url', 'domain', 'email', 'invite_link']);
