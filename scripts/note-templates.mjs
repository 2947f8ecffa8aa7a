// Gathers resources/note-templates/{fr,ar}/*.md (listed in index.json) into
// resources/note-templates/templates.json, which the core imports (a JSON
// import is bundled into the Electron main process like any module; loose
// Markdown files would not be). test/cases/note-templates.test.ts fails when
// the JSON no longer matches the Markdown files: run `npm run templates`.
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../resources/note-templates/', import.meta.url);

export function gatherTemplates() {
  const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
  return {
    generated_from: 'resources/note-templates/index.json and its Markdown files (npm run templates)',
    templates: index.templates.map((entry) => ({
      id: entry.id,
      label_fr: entry.label_fr,
      label_ar: entry.label_ar,
      text: Object.fromEntries(Object.entries(entry.files).map(([locale, file]) => [locale, readFileSync(new URL(file, dir), 'utf8')])),
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('templates.json', dir), `${JSON.stringify(gatherTemplates(), null, 2)}\n`);
  console.log('resources/note-templates/templates.json written');
}
