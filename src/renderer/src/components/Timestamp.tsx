/** An instant shown in Casablanca time, with its UTC form on hover. */
import type { ReactNode } from 'react';
import { formatDateTime, formatUtc, parseInstant } from '../format.ts';
import { useI18n } from '../i18n/index.ts';

interface TimestampProps {
  readonly iso: string;
  readonly dateOnly?: boolean;
}

export function Timestamp({ iso, dateOnly = false }: TimestampProps): ReactNode {
  const { locale } = useI18n();
  const date = parseInstant(iso);
  if (!date) return <bdi>{iso}</bdi>;
  return (
    <time className="timestamp" dateTime={date.toISOString()} title={`${formatUtc(date)} UTC`}>
      {formatDateTime(date, locale, dateOnly ? 'date' : 'dateTime')}
    </time>
  );
}
