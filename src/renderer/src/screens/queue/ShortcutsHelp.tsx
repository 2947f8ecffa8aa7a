/** The queue's keyboard shortcuts, shown on `?`: a discreet panel, closed by Escape. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

const SHORTCUTS: readonly (readonly [readonly string[], MessageKey])[] = [
  [['↑', '↓', 'j', 'k'], 'queue.keys.move'],
  [['Shift+↑', 'Shift+↓'], 'queue.keys.extend'],
  [['Home', 'End', 'PageUp', 'PageDown'], 'queue.keys.jump'],
  [['Enter'], 'queue.keys.open'],
  [['Space'], 'queue.keys.toggle'],
  [['Ctrl+A'], 'queue.keys.selectVisible'],
  [['c'], 'queue.keys.claim'],
  [['s'], 'queue.keys.status'],
  [['n'], 'queue.keys.newCase'],
  [['a'], 'queue.keys.addToCase'],
  [['Esc'], 'queue.keys.escape'],
  [['/'], 'queue.keys.search'],
  [['?'], 'queue.keys.help'],
];

/** Keys as the keyboards of the interface's language name them ("Échap", "Entrée", "Maj"…); symbols and letters as they are. */
const KEY_NAMES: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['Esc', 'common.key.escape'],
  ['Enter', 'common.key.enter'],
  ['Space', 'common.key.space'],
  ['Home', 'common.key.home'],
  ['End', 'common.key.end'],
  ['PageUp', 'common.key.pageUp'],
  ['PageDown', 'common.key.pageDown'],
  ['Shift', 'common.key.shift'],
  ['Ctrl', 'common.key.ctrl'],
]);

function keyLabel(t: (key: MessageKey) => string, key: string): string {
  return key
    .split('+')
    .map((part) => {
      const name = KEY_NAMES.get(part);
      return name ? t(name) : part;
    })
    .join('+');
}

interface ShortcutsHelpProps {
  readonly onClose: () => void;
}

export function ShortcutsHelp({ onClose }: ShortcutsHelpProps): ReactNode {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <div
      className="q-help"
      role="dialog"
      aria-labelledby="q-help-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' || event.key === '?') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="q-help-head">
        <h2 id="q-help-title" className="q-popover-title">
          {t('queue.keys.title')}
        </h2>
        <button ref={closeRef} type="button" className="btn btn-small" onClick={onClose}>
          {t('queue.keys.close')}
        </button>
      </div>
      <dl className="q-help-list">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label} className="q-help-item">
            <dt>
              {keys.map((key) => (
                <kbd key={key} className="q-kbd" dir="ltr">
                  {keyLabel(t, key)}
                </kbd>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
