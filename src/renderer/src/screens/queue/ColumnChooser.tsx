/** Which columns the queue shows (TanStack column visibility); at least one besides the id. */
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { Popover } from './Popover.tsx';
import { SNIPPET_COLUMN } from './columns.ts';
import type { QueueTableColumn } from './QueueTable.tsx';

interface ColumnChooserProps {
  readonly columns: readonly QueueTableColumn[];
  /** Bumps when visibility changes (the columns array itself is stable). */
  readonly visibleKey: string;
  readonly onReset: () => void;
}

export function ColumnChooser({ columns, visibleKey, onReset }: ColumnChooserProps): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const choosable = columns.filter((column) => column.id !== SNIPPET_COLUMN);
  const shown = choosable.filter((column) => column.getIsVisible()).length;
  return (
    <Popover open={open} onOpenChange={setOpen} label={t('queue.columns.button')} panelLabel={t('queue.columns.title')} panelClassName="q-columns">
      <fieldset className="q-columns-set" data-visible={visibleKey}>
        <legend className="q-popover-title">{t('queue.columns.title')}</legend>
        {choosable.map((column) => {
          const meta = column.columnDef.meta;
          const visible = column.getIsVisible();
          const locked = !column.getCanHide() || (visible && shown <= 2);
          return (
            <label key={column.id} className={`q-columns-option${locked ? ' q-columns-locked' : ''}`}>
              <input type="checkbox" checked={visible} disabled={locked} onChange={() => column.toggleVisibility(!visible)} />
              <span>{meta ? t(meta.label) : column.id}</span>
            </label>
          );
        })}
      </fieldset>
      <button type="button" className="btn btn-small" onClick={onReset}>
        {t('queue.columns.reset')}
      </button>
    </Popover>
  );
}
