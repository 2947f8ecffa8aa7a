/**
 * The few words the Markdown renderer adds around note content, in both
 * interface languages (kept here so the component owns them).
 */
import type { UiLocale } from '../../../../shared/schemas.ts';
import type { PlainReason } from '../../../../shared/text/markdown.ts';
import type { PlainCause } from './noteParser.ts';

interface MarkdownLabels {
  readonly image: string;
  readonly link: string;
  readonly task: { readonly done: string; readonly open: string };
  readonly openRef: { readonly report: string; readonly case: string };
  readonly footnote: string;
  readonly flattened: string;
  readonly plain: Readonly<Record<PlainReason, string>>;
  /** The whole note shown as plain text: its parse ran past the deadline, or could not run off the UI thread. */
  readonly unparsed: Readonly<Record<PlainCause, string>>;
}

export const MARKDOWN_LABELS: Readonly<Record<UiLocale, MarkdownLabels>> = {
  fr: {
    image: 'image',
    link: 'Lien désactivé, adresse neutralisée',
    task: { done: 'Fait', open: 'À faire' },
    openRef: { report: 'Ouvrir le signalement', case: 'Ouvrir le dossier' },
    footnote: 'Note',
    flattened: 'Imbrication trop profonde : la suite est aplatie.',
    plain: {
      'input-cap': 'Note trop longue : la suite est affichée en texte brut.',
      'node-cap': 'Note trop complexe : la suite est affichée en texte brut.',
      'table-rows': 'Tableau trop long : les lignes suivantes sont affichées en texte brut.',
      'too-complex': 'Passage trop complexe : affiché en texte brut.',
    },
    unparsed: {
      timeout: 'Mise en forme interrompue : note trop complexe, affichée en texte brut.',
      unavailable: 'Mise en forme indisponible : note affichée en texte brut.',
    },
  },
  ar: {
    image: 'صورة',
    link: 'رابط معطَّل، عنوان محيَّد',
    task: { done: 'منجز', open: 'غير منجز' },
    openRef: { report: 'فتح البلاغ', case: 'فتح الملف' },
    footnote: 'حاشية',
    flattened: 'تداخل عميق جدًا: ما يلي معروض بشكل مسطَّح.',
    plain: {
      'input-cap': 'الملاحظة طويلة جدًا: ما تبقّى معروض كنص خام.',
      'node-cap': 'الملاحظة معقّدة جدًا: ما تبقّى معروض كنص خام.',
      'table-rows': 'الجدول طويل جدًا: الأسطر التالية معروضة كنص خام.',
      'too-complex': 'مقطع معقّد جدًا: معروض كنص خام.',
    },
    unparsed: {
      timeout: 'توقّف التنسيق: الملاحظة معقّدة جدًا، معروضة كنص خام.',
      unavailable: 'التنسيق غير متاح: الملاحظة معروضة كنص خام.',
    },
  },
};
