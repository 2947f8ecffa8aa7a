/**
 * The navigation between the six screens: a list of buttons, the current one
 * marked. It folds to its icons (a button at its top, keyboard operable), to
 * leave a laptop screen to the queue and the report; the choice is kept for
 * this analyst on this desktop (the browser storage of the window, keyed by
 * the profile's opaque id: nothing of the store).
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import { SCREENS, type ScreenId } from './screens.ts';

interface SidebarProps {
  readonly current: ScreenId;
  readonly onSelect: (screen: ScreenId) => void;
  readonly version: string | null;
  /** Whose choice of folded or unfolded navigation this is. */
  readonly analystId: string;
}

/** The storage key of an analyst's choice. */
export function navCollapsedKey(analystId: string): string {
  return `iblagh.nav.collapsed.${analystId}`;
}

function readCollapsed(analystId: string): boolean {
  try {
    return window.localStorage.getItem(navCollapsedKey(analystId)) === '1';
  } catch {
    // Storage refused (a locked-down profile): the navigation starts unfolded.
    return false;
  }
}

function writeCollapsed(analystId: string, collapsed: boolean): void {
  try {
    window.localStorage.setItem(navCollapsedKey(analystId), collapsed ? '1' : '0');
  } catch {
    // Not kept: the choice lasts until the window closes.
  }
}

export function Sidebar({ current, onSelect, version, analystId }: SidebarProps): ReactNode {
  const { t } = useI18n();
  const listId = useId();
  const [collapsed, setCollapsed] = useState(() => readCollapsed(analystId));
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      writeCollapsed(analystId, !was);
      return !was;
    });
  }, [analystId]);
  const toggleLabel = collapsed ? t('shell.navExpand') : t('shell.navCollapse');
  return (
    <nav className="sidebar" aria-label={t('shell.nav')} data-collapsed={collapsed || undefined}>
      <button type="button" className="nav-toggle" aria-expanded={!collapsed} aria-controls={listId} title={toggleLabel} onClick={toggle}>
        <span className="nav-toggle-icon" aria-hidden="true" />
        <span className="nav-label">{toggleLabel}</span>
      </button>
      <ul className="nav-list" id={listId}>
        {SCREENS.map((screen, index) => {
          const shortcut = t('shell.shortcut', { n: String(index + 1) });
          return (
            <li key={screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${index + 1}`}
                // Folded: the label and shortcut show on hover (the label stays the button's name).
                title={collapsed ? `${t(`nav.${screen}`)} (${shortcut})` : undefined}
                onClick={() => onSelect(screen)}
              >
                <span className={`nav-icon nav-icon-${screen}`} aria-hidden="true" />
                <span className="nav-label">{t(`nav.${screen}`)}</span>
                <kbd className="nav-shortcut" aria-hidden="true" dir="ltr">
                  {shortcut}
                </kbd>
              </button>
            </li>
          );
        })}
      </ul>
      {version ? (
        <p className="sidebar-foot">
          {t('app.name')} <bdi>{version}</bdi>
        </p>
      ) : null}
    </nav>
  );
}
