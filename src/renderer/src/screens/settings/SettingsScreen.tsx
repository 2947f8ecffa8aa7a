/** Settings: language, own passphrase, idle lock, profiles (supervisors), store, intake, priorities and deadlines, legal qualifications, competent jurisdiction, referral dossier. */
import { useState, type ReactNode } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { UnlockedState } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { DossierSection } from './DossierSection.tsx';
import { HashListsSection } from './HashListsSection.tsx';
import { IdleLockSection } from './IdleLockSection.tsx';
import { ImageSimilaritySection } from './ImageSimilaritySection.tsx';
import { IntakeSection } from './IntakeSection.tsx';
import { JurisdictionTableSection } from './JurisdictionTableSection.tsx';
import { LanguageSection } from './LanguageSection.tsx';
import { LegalTableSection } from './LegalTableSection.tsx';
import { OnlineDiagnosticsSection } from './OnlineDiagnosticsSection.tsx';
import { PassphraseSection } from './PassphraseSection.tsx';
import { SettingsNav, SettingsNavContext, useSettingsSections } from './SettingsNav.tsx';
import { SigningSection } from './SigningSection.tsx';
import { ProfilesSection } from './ProfilesSection.tsx';
import { RetentionSection } from './RetentionSection.tsx';
import { BackupSection } from './BackupSection.tsx';
import { StoreSection } from './StoreSection.tsx';
import { TriageSection } from './TriageSection.tsx';

interface SettingsScreenProps {
  readonly state: UnlockedState;
  readonly onNavigate: (screen: ScreenId) => void;
}

export function SettingsScreen({ state, onNavigate }: SettingsScreenProps): ReactNode {
  const { t } = useI18n();
  const supervisor = state.analyst.role === 'supervisor';
  // Bumped when profiles change, so that the store's counts are read again.
  const [profilesRevision, setProfilesRevision] = useState(0);
  const { entries, register } = useSettingsSections();
  return (
    <SettingsNavContext value={register}>
      <ScreenHeader title={t('nav.settings')} intro={t('settings.intro')} />
      <div className="settings-layout">
        <SettingsNav entries={entries} />
        <div className="panels">
          <LanguageSection />
          <PassphraseSection self={state.analyst} />
          <IdleLockSection role={state.analyst.role} />
          {supervisor ? <ProfilesSection self={state.analyst} onChanged={() => setProfilesRevision((n) => n + 1)} /> : null}
          <StoreSection key={profilesRevision} />
          <IntakeSection role={state.analyst.role} onNavigate={onNavigate} />
          <TriageSection role={state.analyst.role} />
          <ImageSimilaritySection role={state.analyst.role} />
          <HashListsSection role={state.analyst.role} />
          <OnlineDiagnosticsSection role={state.analyst.role} />
          <SigningSection role={state.analyst.role} />
          <LegalTableSection role={state.analyst.role} />
          <JurisdictionTableSection role={state.analyst.role} />
          <DossierSection role={state.analyst.role} />
          {supervisor ? <RetentionSection /> : null}
          {supervisor ? <BackupSection /> : null}
        </div>
      </div>
    </SettingsNavContext>
  );
}
