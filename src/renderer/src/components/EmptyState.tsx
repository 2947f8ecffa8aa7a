/** What a screen shows when it has nothing yet: what will appear, and how to get it. */
import type { ReactNode } from 'react';

interface EmptyStateProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly action?: { readonly label: string; readonly onClick: () => void };
}

export function EmptyState({ title, children, action }: EmptyStateProps): ReactNode {
  return (
    <section className="empty-state">
      <h2 className="empty-state-title">{title}</h2>
      <div className="empty-state-body">{children}</div>
      {action ? (
        <button type="button" className="btn btn-primary" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </section>
  );
}
