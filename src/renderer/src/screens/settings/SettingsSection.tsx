/** One titled section of the settings screen, listed in the screen's section navigation. */
import { useContext, useEffect, useId, type ReactNode } from 'react';
import { SettingsNavContext } from './SettingsNav.tsx';

interface SettingsSectionProps {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
}

export function SettingsSection({ title, intro, children }: SettingsSectionProps): ReactNode {
  const id = useId();
  const sectionId = `settings-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const register = useContext(SettingsNavContext);
  useEffect(() => register?.(sectionId, title), [register, sectionId, title]);
  return (
    <section className="panel" id={sectionId} tabIndex={-1} aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      {intro ? <p className="panel-intro">{intro}</p> : null}
      {children}
    </section>
  );
}
