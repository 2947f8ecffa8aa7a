/** The six screens of the unlocked workstation, in navigation order (Alt+1 to Alt+6). */
export const SCREENS = ['queue', 'dashboard', 'cases', 'sync', 'audit', 'settings'] as const;
export type ScreenId = (typeof SCREENS)[number];

/** The screen for Alt+<digit>, from the key's code so that it works on AZERTY and Arabic layouts. */
export function screenForShortcut(event: KeyboardEvent): ScreenId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-6])$/.exec(event.code) ?? /^([1-6])$/.exec(event.key);
  if (!match?.[1]) return null;
  return SCREENS[Number(match[1]) - 1] ?? null;
}
