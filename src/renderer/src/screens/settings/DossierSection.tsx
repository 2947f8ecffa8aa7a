/**
 * The referral dossier's settings (issue #12): the issuing service and the
 * classification marking on every cover, in French and Arabic; the days after
 * which a referred case without an answer is flagged; the export folder.
 * Supervisors change them; analysts read them.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { DossierSettings } from '../../../../shared/dossiers.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function DossierSection({ role }: { readonly role: Role }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('dossiers.settings'), [api]));
  const [saved, setSaved] = useState<DossierSettings | null>(null);
  const settings = saved ?? loaded.value;
  return (
    <SettingsSection title={t('dossier.settings.title')} intro={t('dossier.settings.intro')}>
      {loaded.loading && settings === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {settings && role === 'supervisor' ? <DossierSettingsForm saved={settings} onSaved={setSaved} /> : null}
      {settings && role !== 'supervisor' ? <DossierSettingsFacts settings={settings} /> : null}
    </SettingsSection>
  );
}

function DossierSettingsFacts({ settings }: { readonly settings: DossierSettings }): ReactNode {
  const { t } = useI18n();
  const bilingual = [
    ['dossier.settings.issuingFr', 'fr', settings.issuingService.fr],
    ['dossier.settings.issuingAr', 'ar', settings.issuingService.ar],
    ['dossier.settings.classificationFr', 'fr', settings.classification.fr],
    ['dossier.settings.classificationAr', 'ar', settings.classification.ar],
  ] as const;
  return (
    <>
      <dl className="facts">
        {bilingual.map(([label, lang, text]) => (
          <div key={label} className="fact">
            <dt>{t(label)}</dt>
            <dd lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
              {text}
            </dd>
          </div>
        ))}
        <div className="fact">
          <dt>{t('dossier.settings.answerDays')}</dt>
          <dd>{t('dossier.settings.days', { count: settings.answerDays })}</dd>
        </div>
        <div className="fact fact-wide">
          <dt>{t('dossier.settings.exportDir')}</dt>
          <dd>
            <bdi className="mono" dir="ltr">
              {settings.exportDir}
            </bdi>
          </dd>
        </div>
      </dl>
      <p className="muted">{t('dossier.settings.readOnly')}</p>
    </>
  );
}

type Field = 'issuingFr' | 'issuingAr' | 'classificationFr' | 'classificationAr' | 'answerDays' | 'exportDir';

function DossierSettingsForm({ saved, onSaved }: { readonly saved: DossierSettings; readonly onSaved: (settings: DossierSettings) => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [values, setValues] = useState<Record<Field, string>>({
    issuingFr: saved.issuingService.fr,
    issuingAr: saved.issuingService.ar,
    classificationFr: saved.classification.fr,
    classificationAr: saved.classification.ar,
    answerDays: String(saved.answerDays),
    exportDir: saved.exportDir,
  });
  const [problems, setProblems] = useState<ReadonlySet<Field>>(new Set());
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  function set(field: Field): (value: string) => void {
    return (value) => {
      setValues((v) => ({ ...v, [field]: value }));
      setDone(false);
      setProblems((p) => {
        const next = new Set(p);
        next.delete(field);
        return next;
      });
    };
  }

  function problem(field: Field): string | null {
    if (!problems.has(field)) return null;
    return t(field === 'answerDays' ? 'dossier.settings.daysInvalid' : 'dossier.settings.required');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setDone(false);
    setError(null);
    const found = new Set<Field>();
    for (const field of ['issuingFr', 'issuingAr', 'classificationFr', 'classificationAr', 'exportDir'] as const) if (values[field].trim() === '') found.add(field);
    const days = Number(values.answerDays);
    if (!/^\s*\d+\s*$/.test(values.answerDays) || days < 1 || days > 365) found.add('answerDays');
    setProblems(found);
    if (found.size > 0 || busy) return;
    setBusy(true);
    const result = await api('dossiers.updateSettings', {
      issuingService: { fr: values.issuingFr.trim(), ar: values.issuingAr.trim() },
      classification: { fr: values.classificationFr.trim(), ar: values.classificationAr.trim() },
      answerDays: days,
      exportDir: values.exportDir.trim(),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved(result.value);
    setDone(true);
  }

  return (
    <form className="form" noValidate aria-busy={busy || undefined} onSubmit={(event) => void submit(event)}>
      <div className="form-row">
        <TextField label={t('dossier.settings.issuingFr')} lang="fr" dir="ltr" maxLength={300} value={values.issuingFr} error={problem('issuingFr')} onValue={set('issuingFr')} />
        <TextField label={t('dossier.settings.issuingAr')} lang="ar" dir="rtl" maxLength={300} value={values.issuingAr} error={problem('issuingAr')} onValue={set('issuingAr')} />
      </div>
      <div className="form-row">
        <TextField label={t('dossier.settings.classificationFr')} lang="fr" dir="ltr" maxLength={120} value={values.classificationFr} error={problem('classificationFr')} onValue={set('classificationFr')} />
        <TextField label={t('dossier.settings.classificationAr')} lang="ar" dir="rtl" maxLength={120} value={values.classificationAr} error={problem('classificationAr')} onValue={set('classificationAr')} />
      </div>
      <TextField
        label={t('dossier.settings.answerDays')}
        className="input input-number"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        step={1}
        value={values.answerDays}
        error={problem('answerDays')}
        onValue={set('answerDays')}
      />
      <TextField label={t('dossier.settings.exportDir')} className="input mono" dir="ltr" maxLength={4096} value={values.exportDir} error={problem('exportDir')} onValue={set('exportDir')} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('dossier.settings.save')}
        </button>
      </div>
      {done ? <MessageNotice tone="ok">{t('dossier.settings.saved')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
