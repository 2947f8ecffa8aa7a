import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gatherTemplates } from '../../scripts/note-templates.mjs';
import { value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

test('templates.json is what the Markdown templates say (run `npm run templates` after editing them)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../resources/note-templates/templates.json', import.meta.url), 'utf8')) as unknown;
  assert.deepEqual(committed, gatherTemplates());
});

test('templates in both languages, their placeholders filled from the case, values inert', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const ids = f.core.unlockedStore().db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 2').pluck().all() as string[];
  const c = await value(f.core, 'cases.create', { title: 'Modèles', reportIds: ids });
  for (const locale of ['fr', 'ar'] as const) {
    const templates = await value(f.core, 'notes.templates', { locale, caseRef: c.ref });
    assert.deepEqual(templates.map((tpl) => tpl.id), ['constat', 'analyse-technique', 'synthese']);
    for (const tpl of templates) {
      assert.ok(tpl.text.includes(`#${c.ref}`), `${locale}/${tpl.id} names the case`);
      for (const id of ids) assert.ok(tpl.text.includes(`#${id}`), `${locale}/${tpl.id} lists ${id}`);
      assert.doesNotMatch(tpl.text, /\{\{(report_ids|case_id|analyst|service|date|category|platform)\}\}/, `${locale}/${tpl.id} filled`);
      assert.doesNotMatch(tpl.text, /https?:\/\//, 'URLs defanged');
    }
    if (locale === 'ar') assert.match(templates[0]!.label, /[\u0600-\u06ff]/);
  }
  // Without a target, the placeholders stay for the analyst.
  const bare = await value(f.core, 'notes.templates', { locale: 'fr' });
  assert.match(bare[0]!.text, /\{\{report_ids\}\}/);
});
