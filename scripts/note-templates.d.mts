/** Types of scripts/note-templates.mjs (gathers the Markdown note templates into templates.json). */
export interface GatheredTemplates {
  generated_from: string;
  templates: { id: string; label_fr: string; label_ar: string; text: Record<string, string> }[];
}
export function gatherTemplates(): GatheredTemplates;
