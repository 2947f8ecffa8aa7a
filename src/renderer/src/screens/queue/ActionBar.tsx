/**
 * What the triage actions apply to (the selected reports, else the active
 * row) and the actions: claim, set a status, new case, add to a case,
 * clear the selection.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { ReportStatus } from '../../../../shared/schemas.ts';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from './labels.ts';
import { Popover } from './Popover.tsx';

interface ActionBarProps {
  /** Selected report ids (empty: the actions apply to the active row). */
  readonly selectedCount: number;
  readonly activeId: string | null;
  readonly busy: boolean;
  readonly menuOpen: boolean;
  readonly onMenuOpen: (open: boolean) => void;
  readonly onClaim: () => void;
  readonly onNewCase: () => void;
  readonly onAddToCase: () => void;
  readonly onStatus: (status: ReportStatus) => void;
  readonly onClear: () => void;
  /** Gives the keyboard back to the grid. */
  readonly onDone: () => void;
}

export function ActionBar({ selectedCount, activeId, busy, menuOpen, onMenuOpen, onClaim, onNewCase, onAddToCase, onStatus, onClear, onDone }: ActionBarProps): ReactNode {
  const { t } = useI18n();
  const menuRef = useRef<HTMLDivElement>(null);
  const none = selectedCount === 0 && activeId === null;
  const disabled = none || busy;

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = (at + 1) % items.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else if (event.key === 'Tab') {
      onMenuOpen(false);
      return;
    }
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
    }
  }

  return (
    <div className={`q-actions${selectedCount > 0 ? ' q-actions-selection' : ''}`} role="toolbar" aria-label={t('queue.actions')}>
      <p className="q-actions-target" aria-live="polite">
        {selectedCount > 0 ? (
          t('queue.selectedCount', { count: selectedCount })
        ) : activeId ? (
          <>
            {t('queue.activeRow')}{' '}
            <bdi className="mono" dir="ltr">
              {activeId}
            </bdi>
          </>
        ) : (
          <span className="muted">{t('queue.noTarget')}</span>
        )}
      </p>
      <button type="button" className="btn btn-small btn-primary" aria-disabled={disabled || undefined} onClick={() => !disabled && onClaim()} aria-keyshortcuts="c">
        {t('queue.claimAction')}
        <kbd className="q-kbd" aria-hidden="true">
          c
        </kbd>
      </button>
      <Popover
        open={menuOpen}
        onOpenChange={onMenuOpen}
        hasPopup="menu"
        disabled={disabled}
        panelLabel={t('queue.setStatus')}
        onEscape={onDone}
        label={
          <>
            {t('queue.setStatus')}
            <kbd className="q-kbd" aria-hidden="true">
              s
            </kbd>
          </>
        }
      >
        <div role="menu" ref={menuRef} aria-label={t('queue.setStatus')} className="q-menu" onKeyDown={onMenuKey}>
          {ReportStatus.options.map((status) => (
            <button
              key={status}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="q-menuitem"
              onClick={() => {
                onMenuOpen(false);
                onStatus(status);
                onDone();
              }}
            >
              <span className={`q-status-dot q-status-${status}`} aria-hidden="true" />
              {reportStatusLabel(t, status) ?? status}
            </button>
          ))}
        </div>
      </Popover>
      <button type="button" className="btn btn-small" aria-disabled={none || undefined} onClick={() => !none && onNewCase()} aria-keyshortcuts="n">
        {t('queue.newCase.action')}
        <kbd className="q-kbd" aria-hidden="true">
          n
        </kbd>
      </button>
      <button type="button" className="btn btn-small" aria-disabled={none || undefined} onClick={() => !none && onAddToCase()} aria-keyshortcuts="a">
        {t('queue.addToCase.action')}
        <kbd className="q-kbd" aria-hidden="true">
          a
        </kbd>
      </button>
      {selectedCount > 0 ? (
        <button type="button" className="btn btn-small q-actions-clear" onClick={onClear}>
          {t('queue.clearSelection')}
          <kbd className="q-kbd" aria-hidden="true">
            {t('common.key.escape')}
          </kbd>
        </button>
      ) : null}
    </div>
  );
}
