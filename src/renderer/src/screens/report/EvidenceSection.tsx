/** The report's evidence: its signed originals, verified attachments and imported files, with their custody. */
import { useCallback, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { EvidenceList } from '../evidence/EvidenceList.tsx';
import { Section } from './Section.tsx';

export function EvidenceSection({ reportId, generation }: { readonly reportId: string; readonly generation: number }): ReactNode {
  const { t } = useI18n();
  const [total, setTotal] = useState<number | null>(null);
  const onTotal = useCallback((n: number) => setTotal(n), []);
  return (
    <Section title={t('evidence.section')} className="rp-evidence" aside={total === null ? null : <span className="count-badge">{total}</span>}>
      <EvidenceList key={`${reportId}-${generation}`} target={{ reportId }} onTotal={onTotal} />
    </Section>
  );
}
