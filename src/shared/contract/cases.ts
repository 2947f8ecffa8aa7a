/**
 * Cases and technical analysis: cases and their timeline, analysis notes,
 * observables, legal qualifications and the competent jurisdiction.
 * A case restricted to named analysts answers NOT_FOUND to anyone else
 * (supervisors aside): the refusal does not reveal that it exists.
 */
import { z } from 'zod';
import {
  AccessInput,
  AddObservableInput,
  AddReportsInput,
  CaseBrief,
  CasePage,
  CaseQuery,
  CaseRef,
  CaseStatusInput,
  CaseView,
  ConfirmJurisdictionInput,
  CreateCaseInput,
  EditNoteInput,
  JurisdictionAdvice,
  JurisdictionQuery,
  NewNoteInput,
  Note,
  NoteTarget,
  NoteTemplate,
  ObservablePage,
  ObservablePageQuery,
  ObservableRow,
  ObservableTarget,
  QualificationsInput,
  QualificationTable,
  RemoveReportInput,
  TagObservableInput,
  UpdateCaseInput,
} from '../cases.ts';
import { UiLocale } from '../schemas.ts';
import { ReportId } from '../triage.ts';
import { channel, None } from './channel.ts';

const Ref = z.object({ ref: CaseRef }).strict();

export const casesChannels = {
  /** One page of the cases the analyst may see, with the live count of every filter. */
  'cases.list': channel({ input: CaseQuery, output: CasePage, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  'cases.get': channel({ input: Ref, output: CaseView, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  /** From reports, a cluster, or nothing yet; reports still `received` are claimed (in_analysis, through the outbox). */
  'cases.create': channel({ input: CreateCaseInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'INVALID_INPUT', 'INTAKE_NOT_CONFIGURED'], access: 'analyst' }),
  'cases.addReports': channel({ input: AddReportsInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INTAKE_NOT_CONFIGURED'], access: 'analyst' }),
  /** Removes a report from the case; the reason stays in the timeline. */
  'cases.removeReport': channel({ input: RemoveReportInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),
  'cases.setStatus': channel({ input: CaseStatusInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID_INPUT', 'INTAKE_NOT_CONFIGURED'], access: 'analyst' }),
  'cases.update': channel({ input: UpdateCaseInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),
  'cases.setQualifications': channel({ input: QualificationsInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'], access: 'analyst' }),
  /** Need to know: restrict the case to named analysts (supervisors always see it). */
  'cases.setAccess': channel({ input: AccessInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'], access: 'analyst' }),
  /** The cases a report belongs to (those the analyst may see). */
  'cases.forReport': channel({ input: z.object({ reportId: ReportId }).strict(), output: z.array(CaseBrief), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** Cases the analyst may add reports to (open work first), for the "add to a case" picker. */
  'cases.recent': channel({ input: None, output: z.array(CaseBrief), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** A suggestion of the competent services, never a decision: with its reason and the alternatives. */
  'cases.suggestJurisdiction': channel({ input: JurisdictionQuery, output: JurisdictionAdvice, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),
  /** The analyst confirms the suggestion or picks another court; the case keeps what was chosen and by whom. */
  'cases.confirmJurisdiction': channel({ input: ConfirmJurisdictionInput, output: CaseView, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'], access: 'analyst' }),

  'notes.list': channel({ input: z.object({ target: NoteTarget, includeDeleted: z.boolean().default(false) }).strict(), output: z.array(Note), errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  'notes.add': channel({ input: NewNoteInput, output: Note, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),
  /**
   * Keeps the previous text. An edit based on an older revision than the current one is saved too
   * (`conflict: true`): both texts stay in the history, and the UI says so. CONFLICT: the note was deleted.
   */
  'notes.edit': channel({ input: EditNoteInput, output: z.object({ note: Note, conflict: z.boolean() }), errors: ['LOCKED', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT'], access: 'analyst' }),
  /** Hides the note; its history stays. */
  'notes.delete': channel({ input: z.object({ noteId: z.number().int().positive() }).strict(), output: Note, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN'], access: 'analyst' }),
  /** The note templates in a language, their placeholders filled from the case or report the note is for. */
  'notes.templates': channel({ input: z.object({ locale: UiLocale, caseRef: CaseRef.optional(), reportId: ReportId.optional() }).strict(), output: z.array(NoteTemplate), errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),

  /** Observables of a case or a report, or one observable, each with where else it appears. */
  'observables.list': channel({ input: ObservableTarget, output: z.array(ObservableRow), errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  /**
   * One page of a case's observables (found in its reports or added by hand), most widespread or rarest first,
   * optionally of one type, with the count of each type; only the page's rows get their "seen in M cases".
   */
  'observables.page': channel({ input: ObservablePageQuery, output: ObservablePage, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst', readOnly: true }),
  'observables.add': channel({ input: AddObservableInput, output: ObservableRow, errors: ['LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'], access: 'analyst' }),
  'observables.tag': channel({ input: TagObservableInput, output: ObservableRow, errors: ['LOCKED', 'NOT_FOUND'], access: 'analyst' }),

  'legal.table': channel({ input: None, output: QualificationTable, errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /**
   * The jurisdiction table (regions → provinces → courts, prosecutors, judicial police), as
   * resources/jurisdictions.json describes it; `edited` when a supervisor replaced the shipped one.
   */
  'jurisdiction.table': channel({ input: None, output: z.object({ table: z.unknown(), edited: z.boolean() }), errors: ['LOCKED'], access: 'analyst', readOnly: true }),
  /** Replaces it (validated: every reference resolves, terrorism → Rabat, MA-06 → Casablanca); null restores the shipped one. */
  'jurisdiction.updateTable': channel({ input: z.object({ table: z.unknown() }).strict(), output: z.object({ table: z.unknown(), edited: z.boolean() }), errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
  'legal.updateTable': channel({ input: QualificationTable.omit({ edited: true }), output: QualificationTable, errors: ['LOCKED', 'FORBIDDEN', 'INVALID_INPUT'], access: 'supervisor' }),
} as const;
