/**
 * Known-hash lists: the lists imported (label, source, entries, reports they
 * flag) and, for supervisors, importing one (CSV or JSON of MD5, SHA-1,
 * SHA-256 and PDQ values, read here as text; the core checks every value and
 * imports all of it or nothing, naming the bad lines).
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { MAX_HASH_LIST_CHARS } from '../../../../shared/images.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { TextFilePicker, type FileProblem } from '../../forms/TextFilePicker.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function HashListsSection({ role }: { readonly role: Role }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const lists = useLoad(useCallback(() => api('hashlists.list'), [api]));
  return (
    <SettingsSection title={t('settings.hashLists.title')} intro={t('settings.hashLists.intro')}>
      {lists.loading && lists.value === null ? <Loading /> : null}
      <ErrorNotice error={lists.error} />
      {lists.value && lists.value.length === 0 ? <p className="muted">{t('settings.hashLists.none')}</p> : null}
      {lists.value && lists.value.length > 0 ? (
        <table className="table hashlists-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.hashLists.label')}</th>
              <th scope="col">{t('settings.hashLists.source')}</th>
              <th scope="col">{t('settings.hashLists.entries')}</th>
              <th scope="col">{t('settings.hashLists.matched')}</th>
              <th scope="col">{t('settings.hashLists.importedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.value.map((list) => (
              <tr key={list.id}>
                <td>
                  <bdi dir="auto">{list.label}</bdi>
                </td>
                <td>
                  <bdi dir="auto">{list.source}</bdi>
                </td>
                <td className="num">{formatNumber(list.entries, locale)}</td>
                <td className="num">{formatNumber(list.matchedReports, locale)}</td>
                <td>
                  <Timestamp iso={list.importedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {role === 'supervisor' ? <ImportForm onImported={lists.reload} /> : null}
    </SettingsSection>
  );
}

function ImportForm({ onImported }: { readonly onImported: () => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [label, setLabel] = useState('');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<{ imported: number; matches: number } | null>(null);
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setError(null);
    setDone(null);
    const ready = file !== null && label.trim() !== '';
    setMissing(!ready);
    if (!ready || busy) return;
    setBusy(true);
    const format = /\.json$/i.test(file.name) || /^\s*[[{]/.test(file.text) ? 'json' : 'csv';
    const result = await api('hashlists.import', { text: file.text, format, label: label.trim(), source: (source.trim() || file.name).slice(0, 300) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDone({ imported: result.value.imported, matches: result.value.matches });
    setFile(null);
    setLabel('');
    setSource('');
    onImported();
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <TextFilePicker
        label={t('settings.hashLists.file')}
        accept=".csv,.json,.txt,text/csv,application/json,text/plain"
        maxBytes={MAX_HASH_LIST_CHARS}
        fileName={file?.name ?? null}
        error={problem ? t(problem === 'tooBig' ? 'settings.hashLists.tooBig' : 'settings.hashLists.unreadable') : missing && !file ? t('settings.hashLists.needFile') : null}
        onLoaded={(text, name) => setFile({ text, name })}
        onProblem={setProblem}
      />
      <TextField label={t('settings.hashLists.label')} value={label} onValue={setLabel} error={missing && label.trim() === '' ? t('settings.hashLists.needLabel') : null} maxLength={200} />
      <TextField label={t('settings.hashLists.sourceOptional')} value={source} onValue={setSource} maxLength={300} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('settings.hashLists.import')}
      </button>
      {done ? <MessageNotice tone="ok">{t('settings.hashLists.imported', { imported: done.imported, matches: done.matches })}</MessageNotice> : null}
      <ErrorNotice error={error} />
      {error?.code === 'INVALID_INPUT' ? (
        <div className="field-error">
          <p>{t('settings.hashLists.badLines')}</p>
          {/* The core's account of the lines (English, for the logs): behind the technical detail. */}
          <details className="notice-detail">
            <summary>{t('common.technicalDetail')}</summary>
            <code dir="ltr">{error.message}</code>
          </details>
        </div>
      ) : null}
    </form>
  );
}
