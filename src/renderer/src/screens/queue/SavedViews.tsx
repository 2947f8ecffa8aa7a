/**
 * The analyst's saved views of the queue (filters, sort, grouping, columns):
 * save the current one under a name (the same name replaces it), apply one,
 * delete one. They belong to the unlocked analyst.
 */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { SavedView, ViewState } from '../../../../shared/triage.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { Popover } from './Popover.tsx';

interface SavedViewsProps {
  readonly current: ViewState;
  readonly onApply: (view: SavedView) => void;
  /** The name of the view last applied, if the state still matches it. */
  readonly appliedName: string | null;
  readonly onSaved: (view: SavedView) => void;
}

export function SavedViews({ current, onApply, appliedName, onSaved }: SavedViewsProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await api('queue.views');
    if (result.ok) {
      setViews(result.value);
      setError(null);
    } else setError(result.error);
  }, [api]);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void api('queue.views').then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setViews(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [open, api]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    const result = await api('queue.saveView', { name: trimmed, state: current });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setName('');
    onSaved(result.value);
    await load();
  }

  async function remove(view: SavedView): Promise<void> {
    setBusy(true);
    const result = await api('queue.deleteView', { id: view.id });
    setBusy(false);
    if (!result.ok) setError(result.error);
    await load();
  }

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      panelLabel={t('queue.views.title')}
      panelClassName="q-views"
      label={
        <>
          {t('queue.views.button')}
          {appliedName ? (
            <span className="q-views-current">
              <bdi>{appliedName}</bdi>
            </span>
          ) : null}
        </>
      }
    >
      <h2 className="q-popover-title">{t('queue.views.title')}</h2>
      <ErrorNotice error={error} />
      {views === null ? null : views.length === 0 ? (
        <p className="muted q-views-empty">{t('queue.views.none')}</p>
      ) : (
        <ul className="q-views-list">
          {views.map((view) => (
            <li key={view.id} className="q-views-item">
              <button
                type="button"
                className="q-views-apply"
                aria-label={t('queue.views.applyNamed', { name: view.name })}
                onClick={() => {
                  onApply(view);
                  setOpen(false);
                }}
              >
                <bdi>{view.name}</bdi>
              </button>
              <button
                type="button"
                className="btn btn-small q-views-delete"
                aria-label={t('queue.views.deleteNamed', { name: view.name })}
                aria-disabled={busy || undefined}
                onClick={() => {
                  if (!busy) void remove(view);
                }}
              >
                {t('queue.views.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="q-views-form" onSubmit={(event) => void save(event)}>
        <label className="q-views-label">
          <span>{t('queue.views.name')}</span>
          <input className="input input-small" value={name} maxLength={80} onChange={(event) => setName(event.target.value)} data-autofocus />
        </label>
        <button type="submit" className="btn btn-small btn-primary" aria-disabled={busy || !name.trim() || undefined}>
          {t('queue.views.save')}
        </button>
        <p className="q-views-hint muted">{t('queue.views.hint')}</p>
      </form>
    </Popover>
  );
}
