/**
 * The competent services: a suggestion from the core, never a decision. It
 * says why (the reason phrased from its code), marks what rests on inferred
 * parts of the table, lists alternatives and every court; the analyst
 * confirms it or picks another, and the case keeps who chose what and when.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { Jurisdiction, JurisdictionAdvice } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { bilingual, jurisdictionReason } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';

export function JurisdictionTab({ context }: { readonly context: CaseContext }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const id = useId();
  const { view, apply } = context;
  const [place, setPlace] = useState(view.jurisdiction?.place ?? '');
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const [advice, setAdvice] = useState<JurisdictionAdvice | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [placeInvalid, setPlaceInvalid] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api('cases.suggestJurisdiction', asked ? { ref: view.ref, place: asked } : { ref: view.ref }).then((result) => {
      if (cancelled) return;
      setLoading(false);
      if (result.ok) {
        setAdvice(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, view.ref, asked]);

  const confirm = useCallback(
    async (courtId: string): Promise<void> => {
      setBusy(true);
      setError(null);
      setConfirmed(false);
      const result = await api('cases.confirmJurisdiction', asked ? { ref: view.ref, courtId, place: asked } : { ref: view.ref, courtId });
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      apply(result.value);
      setConfirmed(true);
    },
    [api, apply, asked, view.ref],
  );

  function askPlace(): void {
    const text = place.trim();
    if (text && (text.length < 2 || text.length > 120)) {
      setPlaceInvalid(true);
      return;
    }
    setPlaceInvalid(false);
    setLoading(true);
    setAsked(text || undefined);
  }

  const chosen = view.jurisdiction;
  return (
    <div className="cs-jurisdiction">
      <p className="cs-legal-note">{t('cases.jur.notDecision')}</p>
      {confirmed ? <MessageNotice tone="ok">{t('cases.jur.confirmedNotice')}</MessageNotice> : null}
      {chosen ? (
        <section className="cs-jur-card cs-jur-confirmed" aria-labelledby={`${id}-confirmed`}>
          <h2 className="cs-section-title" id={`${id}-confirmed`}>
            {t('cases.jur.confirmed')}
          </h2>
          <p className="cs-jur-by">
            <Msg
              id={chosen.asSuggested ? 'cases.jur.confirmedBy' : 'cases.jur.chosenBy'}
              params={{ who: <bdi dir="auto">{chosen.chosenBy}</bdi>, at: <Timestamp iso={chosen.chosenAt} /> }}
            />
          </p>
          {chosen.place ? (
            <p className="cs-small">
              <Msg id="cases.jur.placeGiven" params={{ place: <bdi dir="auto">{chosen.place}</bdi> }} />
            </p>
          ) : null}
          <Services jurisdiction={chosen} />
        </section>
      ) : (
        <p className="muted">{t('cases.jur.noneConfirmed')}</p>
      )}

      <form
        className="cs-jur-place"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          askPlace();
        }}
      >
        <label className="field-label" htmlFor={`${id}-place`}>
          {t('cases.jur.place')}
        </label>
        <div className="cs-inline">
          <input
            id={`${id}-place`}
            className="input"
            dir="auto"
            maxLength={120}
            value={place}
            placeholder={t('cases.jur.placePlaceholder')}
            aria-invalid={placeInvalid || undefined}
            aria-describedby={`${id}-place-hint`}
            onChange={(event) => {
              setPlace(event.target.value);
              setPlaceInvalid(false);
            }}
          />
          <button type="submit" className="btn btn-small">
            {t('cases.jur.suggest')}
          </button>
        </div>
        <span id={`${id}-place-hint`} className={placeInvalid ? 'field-error' : 'field-hint'}>
          {placeInvalid ? t('cases.jur.placeInvalid') : t('cases.jur.placeHint')}
        </span>
      </form>

      <ErrorNotice error={error} />
      {loading ? <Loading /> : null}
      {advice ? (
        <>
          <section className="cs-jur-card cs-jur-suggestion" aria-labelledby={`${id}-suggestion`}>
            <h2 className="cs-section-title" id={`${id}-suggestion`}>
              {t('cases.jur.suggestion')}
            </h2>
            {advice.suggestion ? (
              <>
                <Reason sentences={jurisdictionReason(t, locale, advice.suggestion.reason)} />
                <Services jurisdiction={advice.suggestion} />
                {advice.suggestion.courtId ? (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void confirm(advice.suggestion?.courtId ?? '')}>
                    {t('cases.jur.confirm')}
                  </button>
                ) : null}
              </>
            ) : (
              <p className="muted">{t('cases.jur.noSuggestion')}</p>
            )}
          </section>
          {advice.alternatives.length > 0 ? (
            <section aria-labelledby={`${id}-alternatives`}>
              <h2 className="cs-section-title" id={`${id}-alternatives`}>
                {t('cases.jur.alternatives')}
              </h2>
              <ul className="cs-jur-alternatives">
                {advice.alternatives.map((alternative, index) => (
                  <li key={`${alternative.courtId}-${index}`} className="cs-jur-card">
                    <Reason sentences={jurisdictionReason(t, locale, alternative.reason)} />
                    <Services jurisdiction={alternative} />
                    {alternative.courtId ? (
                      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void confirm(alternative.courtId ?? '')}>
                        {t('cases.jur.pickThis')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {advice.courts.length > 0 ? (
            <form
              className="cs-jur-other"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (other) void confirm(other);
              }}
            >
              <label className="field-label" htmlFor={`${id}-other`}>
                {t('cases.jur.other')}
              </label>
              <div className="cs-inline">
                <select id={`${id}-other`} className="input" value={other} onChange={(event) => setOther(event.target.value)}>
                  <option value="">{t('cases.jur.otherPick')}</option>
                  {advice.courts.map((court) => (
                    <option key={court.courtId} value={court.courtId}>
                      {bilingual(court.court, locale)} — {bilingual(court.courtOfAppeal, locale)}
                      {court.inferred ? ` (${t('cases.jur.inferredShort')})` : ''}
                    </option>
                  ))}
                </select>
                <button type="submit" className="btn btn-small" disabled={busy || !other}>
                  {t('cases.jur.pickOther')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Reason({ sentences }: { readonly sentences: readonly string[] }): ReactNode {
  const [main, ...more] = sentences;
  return (
    <div className="cs-jur-reason">
      <p>{main}</p>
      {more.map((sentence) => (
        <p key={sentence} className="cs-small muted">
          {sentence}
        </p>
      ))}
    </div>
  );
}

function Services({ jurisdiction }: { readonly jurisdiction: Jurisdiction }): ReactNode {
  const { t, locale } = useI18n();
  const items: [string, string][] = [
    [t('cases.jur.police'), bilingual(jurisdiction.policeService, locale)],
    [t('cases.jur.prosecutor'), bilingual(jurisdiction.prosecutor, locale)],
    [t('cases.jur.court'), bilingual(jurisdiction.court, locale)],
    [t('cases.jur.courtOfAppeal'), bilingual(jurisdiction.courtOfAppeal, locale)],
  ];
  return (
    <>
      <dl className="cs-jur-services">
        {items.map(([label, value]) => (
          <div key={label} className="cs-jur-service">
            <dt>{label}</dt>
            <dd>{value ? <bdi dir="auto">{value}</bdi> : <span className="muted">{t('common.none')}</span>}</dd>
          </div>
        ))}
      </dl>
      {jurisdiction.pending ? <p className="cs-inferred">{t('cases.jur.pending')}</p> : null}
      {jurisdiction.inferred ? (
        <p className="cs-inferred">
          <span className="cs-tag cs-tag-inferred">{t('cases.jur.inferredShort')}</span> {t('cases.jur.inferred')}
        </p>
      ) : null}
    </>
  );
}
