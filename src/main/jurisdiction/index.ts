/** Jurisdiction suggestion and legal qualification proposals: suggestions for the analyst, decisions for the prosecutor. */
export {
  loadJurisdictionTable,
  parseJurisdictionTable,
  JurisdictionTableSchema,
  type JurisdictionTable,
  type CourtOfAppealEntry,
  type CourtOfFirstInstanceEntry,
  type PoliceServiceEntry,
  type RegionEntry,
  type ProvinceEntry,
  type Confidence,
} from './table.ts';
export {
  suggestJurisdiction,
  placeKey,
  type SuggestInput,
  type JurisdictionSuggestion,
  type JurisdictionOption,
  type CourtRef,
  type PoliceRef,
  type ProsecutorRef,
  type Reason,
  type ReasonCode,
} from './suggest.ts';
export { loadQualifications, parseQualificationTable, suggestQualifications, QualificationTableSchema, type Qualification, type QualificationTable } from './qualifications.ts';
