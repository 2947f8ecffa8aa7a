/**
 * A code from the intake service (category, platform, status, channel…): its
 * label when this interface knows it; otherwise the code verbatim, isolated in
 * a <bdi>, followed by words that say it is not known ("online_gambling
 * (catégorie inconnue)"), so that an analyst never reads a raw code as if it
 * were a label.
 */
import type { ReactNode } from 'react';
import { Msg } from '../../i18n/Msg.tsx';
import { unknownCodeText, type CodeKind } from '../../i18n/labels.ts';
import { useI18n } from '../../i18n/index.ts';

interface CodeLabelProps {
  readonly kind: CodeKind;
  readonly code: string;
  /** The translated label, or null when the code is not known. */
  readonly label: string | null;
  /** One line, cut with an ellipsis (queue cells). */
  readonly ellipsis?: boolean;
}

export function CodeLabel({ kind, code, label, ellipsis = false }: CodeLabelProps): ReactNode {
  const { t } = useI18n();
  if (label !== null) {
    return ellipsis ? (
      <span className="q-ellipsis" title={label}>
        {label}
      </span>
    ) : (
      label
    );
  }
  // In a cell, the code is a box of at most 60% of it (cut with an ellipsis), so the words that follow show too.
  return (
    <span className={`code-unknown${ellipsis ? ' q-ellipsis' : ''}`} title={unknownCodeText(t, kind, code)}>
      <Msg
        id={`label.unknown.${kind}`}
        params={{
          code: (
            <bdi className="mono code-unknown-code">{code}</bdi>
          ),
        }}
      />
    </span>
  );
}
