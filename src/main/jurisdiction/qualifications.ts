/**
 * Legal qualification table (resources/legal-qualifications.json): offences
 * of the Moroccan Penal Code that the reported content may fall under, with
 * their articles and French/Arabic labels, per report category.
 *
 * These are proposals of the analysis team, to be weighed by the public
 * prosecutor (the table's note_fr / note_ar say so and must be shown with
 * them); nothing here qualifies facts.
 */

import { z } from 'zod';
import rawTable from '../../../resources/legal-qualifications.json' with { type: 'json' };

const Entry = z.strictObject({
  /** Stable code, e.g. "TERR-APOLOGY". */
  code: z.string().regex(/^[A-Z][A-Z0-9-]{1,47}$/),
  /** e.g. ["Code pénal, art. 218-2"]. */
  articles: z.array(z.string().min(1).max(120)).min(1),
  label_fr: z.string().min(3).max(600),
  label_ar: z.string().min(3).max(600).regex(/[\u0600-\u06ff]/, 'label_ar must be Arabic'),
  /** Report categories this qualification may apply to (KNOWN_CATEGORIES of src/shared/triage.ts). */
  categories: z.array(z.string().min(1).max(64)).min(1),
  /** A terrorism offence: national competence of the Rabat court of appeal (law 03-03, art. 7). */
  terrorism: z.boolean(),
});

export const QualificationTableSchema = z
  .strictObject({
    version: z.literal(1),
    note_fr: z.string().min(10),
    note_ar: z.string().min(10),
    source: z.string().min(1).optional(),
    entries: z.array(Entry).min(1),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.entries.forEach((entry, i) => {
      if (seen.has(entry.code)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'code'], message: `Duplicate code ${entry.code}` });
      seen.add(entry.code);
    });
  });

export type QualificationTable = z.infer<typeof QualificationTableSchema>;
export type Qualification = QualificationTable['entries'][number];

/** Validates a table (throws a ZodError naming what is wrong). */
export function parseQualificationTable(raw: unknown): QualificationTable {
  return QualificationTableSchema.parse(raw);
}

let cached: QualificationTable | undefined;

/** The bundled table, validated once. */
export function loadQualifications(): QualificationTable {
  cached ??= parseQualificationTable(rawTable);
  return cached;
}

/**
 * The qualifications the team proposes for reports of these categories, in
 * table order (most specific first as the table lists them), each once.
 * Unknown categories give nothing. A proposal, never a qualification.
 */
export function suggestQualifications(categories: readonly string[], table: QualificationTable = loadQualifications()): Qualification[] {
  const wanted = new Set(categories.map((c) => c.trim().toLowerCase()));
  return table.entries.filter((entry) => entry.categories.some((c) => wanted.has(c)));
}
