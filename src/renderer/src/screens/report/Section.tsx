/** A titled section of the report panel. */
import { useId, type ReactNode } from 'react';

interface SectionProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Next to the title: a count, a badge. */
  readonly aside?: ReactNode;
  readonly className?: string;
}

export function Section({ title, children, aside, className }: SectionProps): ReactNode {
  const id = useId();
  return (
    <section className={`rp-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <div className="rp-section-head">
        <h3 className="rp-section-title" id={id}>
          {title}
        </h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** One term and its value, in a <dl className="rp-facts">. */
export function Fact({ term, children, wide = false }: { readonly term: string; readonly children: ReactNode; readonly wide?: boolean }): ReactNode {
  return (
    <div className={`rp-fact${wide ? ' rp-fact-wide' : ''}`}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
