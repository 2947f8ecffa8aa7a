/**
 * Picking entries of the legal qualification table: each with its code, its
 * articles and its label in the interface's language, terrorism marked, and
 * always the table's note that this is the team's proposal for the
 * prosecutor to assess.
 */
import { useState, type ReactNode } from 'react';
import type { LegalQualification, QualificationTable } from '../../../../shared/cases.ts';
import { useI18n } from '../../i18n/index.ts';
import { qualificationLabel } from './caseLabels.ts';

interface QualificationPickerProps {
  readonly table: QualificationTable;
  readonly selected: readonly string[];
  readonly onChange: (codes: readonly string[]) => void;
  readonly disabled?: boolean;
  /** In a dialog: a filter box and a scrolling list. */
  readonly compact?: boolean;
}

export function QualificationPicker({ table, selected, onChange, disabled = false, compact = false }: QualificationPickerProps): ReactNode {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const entries = table.entries.filter(
    (entry) =>
      !needle ||
      selected.includes(entry.code) ||
      [entry.code, entry.labelFr, entry.labelAr, ...entry.articles].some((text) => text.toLowerCase().includes(needle)),
  );
  return (
    <div className="cs-qualif">
      <p className="cs-legal-note">
        <bdi dir="auto">{locale === 'ar' ? table.noteAr : table.noteFr}</bdi>
      </p>
      <input
        type="search"
        className="input cs-qualif-filter"
        aria-label={t('cases.qualif.filter')}
        placeholder={t('cases.qualif.filter')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <ul className={`cs-qualif-list${compact ? ' cs-qualif-compact' : ''}`}>
        {entries.map((entry) => {
          const on = selected.includes(entry.code);
          return (
            <li key={entry.code}>
              <label className={`cs-qualif-item${on ? ' cs-qualif-on' : ''}`}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={disabled}
                  onChange={() => onChange(on ? selected.filter((code) => code !== entry.code) : [...selected, entry.code])}
                />
                <span className="cs-qualif-text">
                  <QualificationText entry={entry} />
                </span>
              </label>
            </li>
          );
        })}
        {entries.length === 0 ? <li className="muted">{t('cases.qualif.noMatch')}</li> : null}
      </ul>
    </div>
  );
}

/**
 * One entry as every qualification screen shows it: its code, terrorism
 * marked, its articles, then its label in the interface's language. `block`:
 * as paragraphs (a card), else as inline spans (inside a label).
 */
export function QualificationText({ entry, block = false }: { readonly entry: LegalQualification; readonly block?: boolean }): ReactNode {
  const { t, locale } = useI18n();
  const Line = block ? 'p' : 'span';
  return (
    <>
      <Line className="cs-qualif-head">
        <bdi dir="ltr" className="mono cs-qualif-code">
          {entry.code}
        </bdi>
        {entry.terrorism ? <span className="cs-tag cs-tag-terror">{t('cases.qualif.terrorism')}</span> : null}
        <span className="cs-qualif-articles">
          <bdi dir="auto">{entry.articles.join(' ; ')}</bdi>
        </span>
      </Line>
      <Line className="cs-qualif-label">
        <bdi dir="auto">{qualificationLabel(entry, locale)}</bdi>
      </Line>
    </>
  );
}
