/** Observables: extraction from a report's content and normalisation of hand-added ones. */
export { extractObservables, type ExtractInput } from './extract.ts';
export { normaliseObservable, normaliseObservableFull } from './normalise.ts';
export {
  OBSERVABLE_TYPES,
  ObservableError,
  MAX_EXTRACT_TEXT,
  MAX_URLS,
  type Observable,
  type ObservableDetail,
  type ObservableErrorCode,
  type ObservableType,
} from './types.ts';
export { registrableDomain, type RegistrableDomain } from './domains.ts';
export { ribKey, ibanOfRib } from './rib.ts';
export { eip55 } from './crypto.ts';
export { normalisePlatform, HANDLE_PLATFORMS, type HandlePlatform } from './handles.ts';
