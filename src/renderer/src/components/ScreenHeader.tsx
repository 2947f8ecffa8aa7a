/** The title of a screen (its h1) and an optional one-line introduction. */
import type { ReactNode } from 'react';

export const SCREEN_TITLE_ID = 'screen-title';

interface ScreenHeaderProps {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly actions?: ReactNode;
}

export function ScreenHeader({ title, intro, actions }: ScreenHeaderProps): ReactNode {
  return (
    <div className="screen-header">
      <div className="screen-header-text">
        <h1 id={SCREEN_TITLE_ID}>{title}</h1>
        {intro ? <p className="screen-intro">{intro}</p> : null}
      </div>
      {actions ? <div className="screen-header-actions">{actions}</div> : null}
    </div>
  );
}
