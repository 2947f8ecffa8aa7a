/** The navigation between the six screens: a list of buttons, the current one marked. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import { SCREENS, type ScreenId } from './screens.ts';

interface SidebarProps {
  readonly current: ScreenId;
  readonly onSelect: (screen: ScreenId) => void;
  readonly version: string | null;
}

export function Sidebar({ current, onSelect, version }: SidebarProps): ReactNode {
  const { t } = useI18n();
  return (
    <nav className="sidebar" aria-label={t('shell.nav')}>
      <ul className="nav-list">
        {SCREENS.map((screen, index) => {
          const shortcut = t('shell.shortcut', { n: String(index + 1) });
          return (
            <li key={screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${index + 1}`}
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
