/**
 * Where the analyst is: the screen shown, the report open in the queue, the
 * case open in the Cases screen. A lock unmounts everything that holds data;
 * this keeps only where the analyst was (a screen name, a report id, a case
 * reference: no content), in this window's memory, so that the same analyst
 * unlocking comes back to it instead of the queue. Another analyst unlocking
 * starts from the queue, and the place is forgotten.
 */
import { createContext, useContext, useEffect } from 'react';
import type { ScreenId } from './screens.ts';

export interface Place {
  readonly screen: ScreenId;
  /** The report open in the queue's panel. */
  readonly reportId: string | null;
  /** The case open in the Cases screen. */
  readonly caseRef: string | null;
}

export const START_PLACE: Place = { screen: 'queue', reportId: null, caseRef: null };

let remembered: { readonly analystId: string; place: Place } | null = null;

/** The place to start an unlocked session from: the analyst's own last place, else the queue. */
export function placeToResume(analystId: string): Place {
  if (remembered?.analystId !== analystId) remembered = { analystId, place: START_PLACE };
  return remembered.place;
}

/** Records a change of place of the analyst whose session is shown. */
export function rememberPlace(analystId: string, change: Partial<Place>): void {
  const place = remembered?.analystId === analystId ? remembered.place : START_PLACE;
  remembered = { analystId, place: { ...place, ...change } };
}

/** Lets a screen tell the shell what it has open. */
export const PlaceContext = createContext<(change: Partial<Place>) => void>(() => undefined);

/** Keeps the shell told of what this screen has open; `null` when nothing (or the screen is left). */
export function useRememberPlace(key: 'reportId' | 'caseRef', value: string | null): void {
  const remember = useContext(PlaceContext);
  useEffect(() => {
    remember({ [key]: value });
  }, [remember, key, value]);
}
