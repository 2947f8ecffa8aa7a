/**
 * After how many entries the chain's head is anchored at the intake service
 * (besides every sync and every lock): supervisors change it, analysts read it.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';

export function AnchorSetting({ supervisor }: { readonly supervisor: boolean }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const id = useId();
  const [every, setEvery] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api('audit.anchorSettings').then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setEvery(result.value.anchorEvery);
        setDraft(String(result.value.anchorEvery));
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const value = Number(draft);
    const result = await api('audit.updateAnchorSettings', { anchorEvery: value });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setEvery(result.value.anchorEvery);
    setSaved(true);
  }

  if (every === null) return <ErrorNotice error={error} />;
  if (!supervisor) return <p className="muted small">{t('audit.anchor.every', { n: formatNumber(every, locale) })}</p>;
  return (
    <form className="audit-anchor-form" onSubmit={(event) => void save(event)}>
      <label className="field-label" htmlFor={`${id}-every`}>
        {t('audit.anchor.label')}
      </label>
      <input id={`${id}-every`} className="input input-number input-small" type="number" min={1} max={100000} step={1} required value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit" className="btn btn-small">
        {t('audit.anchor.save')}
      </button>
      {saved ? (
        <span className="small muted" role="status">
          {t('audit.anchor.saved')}
        </span>
      ) : null}
      <ErrorNotice error={error} />
    </form>
  );
}
