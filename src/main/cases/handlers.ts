/** The cases fragment's channels (shared/contract/cases.ts): cases, notes, observables, qualifications, jurisdiction. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { casesChannels } from '../../shared/contract/cases.ts';
import type { Session } from '../session/session.ts';
import { addReports, casesForReport, createCase, recentCases, removeReport, setAccess, setCaseStatus, setQualifications, updateCase, type StatusEffect } from './cases.ts';
import { adviseJurisdiction, confirmJurisdiction, readJurisdictionTable, writeJurisdictionTable } from './jurisdiction.ts';
import { knownQualificationCodes, readQualificationTable, writeQualificationTable } from './legal.ts';
import { addNote, deleteNote, editNote, listNotes, noteTemplates } from './notes.ts';
import { addObservable, caseObservablePage, caseObservables, oneObservable, reportObservables, tagObservable } from './observables.ts';
import { caseView, listCases } from './views.ts';

export interface CasesHandlerDeps {
  session: Session;
  now: () => number;
  /** Reports claimed or referred by a case: the queue shows it at once, and the outbox is pushed. */
  statusesSet(effect: StatusEffect): void;
  /** The case memberships changed: the queue's "in a case" filter and case column read them again. */
  casesChanged(): void;
}

export function casesHandlers({ session, now, statusesSet, casesChanged }: CasesHandlerDeps): HandlersOf<typeof casesChannels> {
  const actor = () => session.unlocked();
  const view = (ref: string) => caseView(actor(), ref, now());
  const apply = (effect: StatusEffect | null): void => {
    if (effect) statusesSet(effect);
  };

  return {
    'cases.list': (query) => listCases(actor(), query, now()),
    'cases.get': ({ ref }) => view(ref),
    'cases.create': (input) => {
      const a = actor();
      const { ref, effect } = createCase(a, input, knownQualificationCodes(a.db), new Date(now()));
      apply(effect);
      casesChanged();
      return view(ref);
    },
    'cases.addReports': ({ ref, reportIds }) => {
      const { effect } = addReports(actor(), ref, reportIds, new Date(now()));
      apply(effect);
      casesChanged();
      return view(ref);
    },
    'cases.removeReport': ({ ref, reportId, reason }) => {
      removeReport(actor(), ref, reportId, reason, new Date(now()));
      casesChanged();
      return view(ref);
    },
    'cases.setStatus': ({ ref, status, reason, takeOver }) => {
      apply(setCaseStatus(actor(), ref, status, reason, new Date(now()), { takeOver: takeOver ?? false }));
      return view(ref);
    },
    'cases.update': ({ ref, title, assigneeId }) => {
      updateCase(actor(), ref, { title, assigneeId }, new Date(now()));
      return view(ref);
    },
    'cases.setQualifications': ({ ref, codes }) => {
      const a = actor();
      setQualifications(a, ref, codes, knownQualificationCodes(a.db), new Date(now()));
      return view(ref);
    },
    'cases.setAccess': ({ ref, restricted, memberIds }) => {
      if (setAccess(actor(), ref, restricted, memberIds, new Date(now()))) casesChanged();
      return view(ref);
    },
    'cases.forReport': ({ reportId }) => casesForReport(actor(), reportId),
    'cases.recent': () => recentCases(actor()),
    'cases.suggestJurisdiction': ({ ref, place }) => adviseJurisdiction(actor(), ref, place),
    'cases.confirmJurisdiction': ({ ref, courtId, place }) => {
      confirmJurisdiction(actor(), ref, courtId, place, new Date(now()));
      return view(ref);
    },

    'notes.list': ({ target, includeDeleted }) => listNotes(actor(), target, includeDeleted),
    'notes.add': (input) => addNote(actor(), input, new Date(now())),
    'notes.edit': (input) => editNote(actor(), input, new Date(now())),
    'notes.delete': ({ noteId }) => deleteNote(actor(), noteId, new Date(now())),
    'notes.templates': ({ locale, caseRef, reportId }) => noteTemplates(actor(), locale, { caseRef, reportId }, new Date(now())),

    'observables.list': (target) => {
      if ('caseRef' in target) return caseObservables(actor(), target.caseRef);
      if ('reportId' in target) return reportObservables(actor(), target.reportId);
      return [oneObservable(actor(), target.observableId)];
    },
    'observables.page': (query) => caseObservablePage(actor(), query.caseRef, query),
    'observables.add': ({ caseRef, type, value }) => addObservable(actor(), caseRef, type, value, new Date(now())),
    'observables.tag': ({ observableId, verdict, tags }) => tagObservable(actor(), observableId, verdict, tags),

    'jurisdiction.table': () => readJurisdictionTable(actor().db),
    'jurisdiction.updateTable': ({ table }) => writeJurisdictionTable(session.requireSupervisor(), table ?? null, new Date(now())),
    'legal.table': () => readQualificationTable(actor().db),
    'legal.updateTable': (table) => writeQualificationTable(session.requireSupervisor(), table, new Date(now())),
  };
}
