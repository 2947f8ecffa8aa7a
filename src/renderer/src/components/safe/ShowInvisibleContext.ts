/**
 * Whether untrusted text shows its invisible characters as marks. A screen
 * (the report panel) provides it with its toggle; without a provider, text
 * shows as typed, with the indicator of how many such characters it holds.
 */
import { createContext, useContext } from 'react';

export const ShowInvisibleContext = createContext(false);

export function useShowInvisible(): boolean {
  return useContext(ShowInvisibleContext);
}
