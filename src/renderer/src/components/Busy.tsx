/** A running action said beside its button: a spinner and what is being done, announced politely. */
import type { ReactNode } from 'react';

export function Busy({ label }: { readonly label: string }): ReactNode {
  return (
    <span className="busy" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </span>
  );
}
