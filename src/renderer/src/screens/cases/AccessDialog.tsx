/**
 * Need to know: restrict a case to named analysts. Supervisors always see
 * it; anyone else not named gets NOT_FOUND, as if it did not exist.
 */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Profile } from '../../../../shared/schemas.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { CaseContext } from './CaseView.tsx';
import { ModalForm } from '../../components/ModalForm.tsx';

interface AccessDialogProps {
  readonly context: CaseContext;
  readonly profiles: readonly Profile[];
  readonly onClose: () => void;
}

export function AccessDialog({ context, profiles, onClose }: AccessDialogProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { view, apply } = context;
  const [restricted, setRestricted] = useState(view.restricted);
  const [members, setMembers] = useState<readonly string[]>(view.members.map((member) => member.id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const analysts = profiles.filter((profile) => !profile.disabled || members.includes(profile.id));
  const unknown = view.members.filter((member) => !profiles.some((profile) => profile.id === member.id));

  async function submit(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('cases.setAccess', { ref: view.ref, restricted, memberIds: restricted ? [...members] : [] });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    apply(result.value);
    onClose();
  }

  function toggle(id: string): void {
    setMembers((current) => (current.includes(id) ? current.filter((member) => member !== id) : [...current, id]));
  }

  return (
    <ModalForm title={t('cases.access.title')} submitLabel={t('cases.save')} busy={busy} onCancel={onClose} onSubmit={() => void submit()}>
      <p className="cs-dialog-intro">{t('cases.access.intro')}</p>
      <fieldset className="cs-fieldset">
        <legend className="visually-hidden">{t('cases.access.label')}</legend>
        <label className="choice">
          <input type="radio" name="cs-access" checked={!restricted} onChange={() => setRestricted(false)} />
          {t('cases.access.team')}
        </label>
        <label className="choice">
          <input type="radio" name="cs-access" checked={restricted} onChange={() => setRestricted(true)} />
          {t('cases.access.restricted')}
        </label>
      </fieldset>
      {restricted ? (
        <fieldset className="cs-fieldset cs-members">
          <legend className="field-label">{t('cases.access.members')}</legend>
          {analysts.map((profile) => (
            <label key={profile.id} className="choice">
              <input type="checkbox" checked={members.includes(profile.id)} onChange={() => toggle(profile.id)} />
              <bdi dir="auto">{profile.name}</bdi>
              <span className="muted cs-small">{t(profile.role === 'supervisor' ? 'cases.access.supervisor' : 'cases.access.analyst')}</span>
            </label>
          ))}
          {unknown.map((member) => (
            <label key={member.id} className="choice">
              <input type="checkbox" checked={members.includes(member.id)} onChange={() => toggle(member.id)} />
              <bdi dir="auto">{member.name}</bdi>
            </label>
          ))}
          <p className="field-hint">{t('cases.access.supervisorsSee')}</p>
        </fieldset>
      ) : null}
      <ErrorNotice error={error} />
    </ModalForm>
  );
}
