/** One titled section of the settings screen. */
import { useId, type ReactNode } from 'react';

interface SettingsSectionProps {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
}

export function SettingsSection({ title, intro, children }: SettingsSectionProps): ReactNode {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      {intro ? <p className="panel-intro">{intro}</p> : null}
      {children}
    </section>
  );
}
