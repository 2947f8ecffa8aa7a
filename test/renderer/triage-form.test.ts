/**
 * The triage settings form's logic: saved settings turned into a draft (each
 * deadline in the largest exact unit), values checked against the shared
 * schema's ranges, changes compared as values, the settings rebuilt for the
 * core, the worked example's score, and durations in both languages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_CATEGORIES, type TriageSettings } from '../../src/shared/triage.ts';
import { makeTranslate } from '../../src/renderer/src/i18n/translate.ts';
import { ar } from '../../src/renderer/src/i18n/ar.ts';
import { fr } from '../../src/renderer/src/i18n/fr.ts';
import {
  checkDraft,
  deadlineDraft,
  deadlineMinutesValue,
  draftChanged,
  draftOf,
  EXAMPLE,
  exampleFromDraft,
  exampleTerms,
  FIELD_ORDER,
  formatMinutes,
  IMMINENT,
  pointsValue,
  ROWS,
  unitCount,
  UNLISTED,
  type TriageDraft,
} from '../../src/renderer/src/screens/settings/triageForm.ts';

const SAVED: TriageSettings = {
  weights: {
    category: { ...Object.fromEntries(KNOWN_CATEGORIES.map((category) => [category, 10])), sextortion: 45, custom_new: 7 },
    otherCategory: 5,
    imminentDanger: 40,
    clusterPerDoubling: 5,
    clusterMax: 30,
    agePerDay: 2,
    ageMax: 20,
  },
  deadlines: {
    categoryMinutes: { ...Object.fromEntries(KNOWN_CATEGORIES.map((category) => [category, 3 * 24 * 60])), sextortion: 240, custom_new: 90 },
    otherMinutes: 7 * 24 * 60,
    imminentDangerMinutes: 60,
  },
};

function edit(draft: TriageDraft, change: (copy: { points: Record<string, string>; deadlines: Record<string, { amount: string; unit: 'minutes' | 'hours' | 'days' }>; scalars: Record<string, string> }) => void): TriageDraft {
  const copy = { points: { ...draft.points }, deadlines: { ...draft.deadlines }, scalars: { ...draft.scalars } };
  change(copy);
  return copy as TriageDraft;
}

test('a deadline is shown in the largest unit that expresses it exactly', () => {
  assert.deepEqual(deadlineDraft(240), { amount: '4', unit: 'hours' });
  assert.deepEqual(deadlineDraft(4320), { amount: '3', unit: 'days' });
  assert.deepEqual(deadlineDraft(90), { amount: '90', unit: 'minutes' });
  assert.deepEqual(deadlineDraft(1500), { amount: '25', unit: 'hours' });
});

test('the draft of saved settings: every row, the unlisted and imminent rows, the scalars as text', () => {
  const draft = draftOf(SAVED);
  assert.equal(ROWS.length, KNOWN_CATEGORIES.length + 2);
  assert.equal(draft.points.sextortion, '45');
  assert.equal(draft.points[UNLISTED], '5');
  assert.equal(draft.points[IMMINENT], '40');
  assert.deepEqual(draft.deadlines.sextortion, { amount: '4', unit: 'hours' });
  assert.deepEqual(draft.deadlines[UNLISTED], { amount: '7', unit: 'days' });
  assert.deepEqual(draft.deadlines[IMMINENT], { amount: '1', unit: 'hours' });
  assert.deepEqual(draft.scalars, { clusterPerDoubling: '5', clusterMax: '30', agePerDay: '2', ageMax: '20' });
  assert.equal(FIELD_ORDER[0], `points:${ROWS[0]}`);
  assert.equal(FIELD_ORDER.at(-1), 'ageMax');
});

test('values are whole numbers within the schema ranges', () => {
  assert.equal(pointsValue('0'), 0);
  assert.equal(pointsValue(' 100 '), 100);
  assert.equal(pointsValue('101'), null);
  assert.equal(pointsValue('-1'), null);
  assert.equal(pointsValue('2.5'), null);
  assert.equal(pointsValue(''), null);
  assert.equal(pointsValue('51', { min: 0, max: 50 }), null);
  assert.equal(deadlineMinutesValue({ amount: '4', unit: 'hours' }), 240);
  assert.equal(deadlineMinutesValue({ amount: '90', unit: 'days' }), 90 * 24 * 60);
  assert.equal(deadlineMinutesValue({ amount: '91', unit: 'days' }), null, 'over 90 days');
  assert.equal(deadlineMinutesValue({ amount: '4', unit: 'minutes' }), null, 'under 5 minutes');
  assert.equal(deadlineMinutesValue({ amount: 'x', unit: 'hours' }), null);
});

test('changes are compared as values: 4 h and 240 min are the same deadline, "07" and "7" the same points', () => {
  const saved = draftOf(SAVED);
  assert.equal(draftChanged(saved, saved), false);
  assert.equal(draftChanged(edit(saved, (d) => (d.deadlines.sextortion = { amount: '240', unit: 'minutes' })), saved), false);
  assert.equal(draftChanged(edit(saved, (d) => (d.points.fraud = '010')), saved), false);
  assert.equal(draftChanged(edit(saved, (d) => (d.points.fraud = '11')), saved), true);
  assert.equal(draftChanged(edit(saved, (d) => (d.scalars.ageMax = '21')), saved), true);
  assert.equal(draftChanged(edit(saved, (d) => (d.deadlines.fraud = { amount: '3', unit: 'hours' })), saved), true);
});

test('checking: each wrong field named with its message; right values rebuild the settings, unknown categories kept', () => {
  const saved = draftOf(SAVED);
  const wrong = checkDraft(
    edit(saved, (d) => {
      d.points.fraud = '101';
      d.deadlines[IMMINENT] = { amount: '2', unit: 'minutes' };
      d.scalars.clusterPerDoubling = '51';
    }),
    SAVED,
  );
  assert.equal(wrong.ok, false);
  assert.deepEqual(!wrong.ok && wrong.problems, {
    'points:fraud': 'settings.triage.invalid.points',
    'deadline:@imminent': 'settings.triage.invalid.deadline',
    clusterPerDoubling: 'settings.triage.invalid.points',
  });

  const right = checkDraft(
    edit(saved, (d) => {
      d.points.fraud = '12';
      d.deadlines.fraud = { amount: '2', unit: 'days' };
      d.points[UNLISTED] = '6';
    }),
    SAVED,
  );
  assert.ok(right.ok);
  assert.equal(right.settings.weights.category.fraud, 12);
  assert.equal(right.settings.weights.category.custom_new, 7, 'a category set elsewhere is kept');
  assert.equal(right.settings.deadlines.categoryMinutes.fraud, 2 * 24 * 60);
  assert.equal(right.settings.deadlines.categoryMinutes.custom_new, 90);
  assert.equal(right.settings.weights.otherCategory, 6);
  assert.equal(right.settings.deadlines.imminentDangerMinutes, 60);
});

test('the worked example: doublings and days capped, imminent danger keeps the shorter deadline', () => {
  assert.deepEqual(EXAMPLE, { category: 'sextortion', reports: 8, days: 3 });
  const terms = exampleTerms({ categoryPoints: 45, imminentPoints: 40, clusterPerDoubling: 5, clusterMax: 30, agePerDay: 2, ageMax: 20, categoryMinutes: 240, imminentMinutes: 60 });
  assert.equal(terms.doublings, 3);
  assert.equal(terms.cluster, 15);
  assert.equal(terms.clusterUncapped, null);
  assert.equal(terms.age, 6);
  assert.equal(terms.total, 45 + 40 + 15 + 6);
  assert.equal(terms.deadlineMinutes, 60);
  const capped = exampleTerms({ categoryPoints: 0, imminentPoints: 0, clusterPerDoubling: 20, clusterMax: 50, agePerDay: 10, ageMax: 25, categoryMinutes: 30, imminentMinutes: 600 });
  assert.equal(capped.cluster, 50);
  assert.equal(capped.clusterUncapped, 60);
  assert.equal(capped.age, 25);
  assert.equal(capped.ageUncapped, 30);
  assert.equal(capped.deadlineMinutes, 30);
});

test('the example from a draft: a value being typed that is not valid yet counts as its saved value', () => {
  const saved = draftOf(SAVED);
  const typing = edit(saved, (d) => {
    d.points.sextortion = '4x';
    d.scalars.agePerDay = '3';
  });
  const terms = exampleFromDraft(typing, saved);
  assert.equal(terms.category, 45);
  assert.equal(terms.age, 9);
  assert.equal(terms.total, 45 + 40 + 15 + 9);
});

test('durations read in each language, and the unit names agree with the amount typed', () => {
  const tFr = makeTranslate('fr', fr);
  const tAr = makeTranslate('ar', ar);
  const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
  assert.equal(plain(formatMinutes(tFr, 'fr', 45)), '45 min');
  assert.equal(plain(formatMinutes(tFr, 'fr', 90)), '1 h 30 min');
  assert.equal(plain(formatMinutes(tFr, 'fr', 3 * 1440)), '3 j');
  assert.equal(plain(formatMinutes(tFr, 'fr', 1440 + 720)), '1 j 12 h');
  assert.equal(formatMinutes(tAr, 'ar', 3 * 1440), '3 أيام');
  assert.equal(formatMinutes(tAr, 'ar', 120), 'ساعتان');
  assert.equal(formatMinutes(tAr, 'ar', 90), 'ساعة و30 دقيقة');

  assert.deepEqual(unitCount(' 3 '), { count: 3 });
  assert.equal(unitCount('trois'), undefined);
  assert.equal(tFr('settings.triage.unit.days', unitCount('1')), 'jour');
  assert.equal(tFr('settings.triage.unit.days', unitCount('3')), 'jours');
  assert.equal(tFr('settings.triage.unit.days', unitCount('')), 'jours');
  assert.equal(tAr('settings.triage.unit.days', unitCount('2')), 'يومان');
  assert.equal(tAr('settings.triage.unit.days', unitCount('3')), 'أيام');
  assert.equal(tAr('settings.triage.unit.days', unitCount('11')), 'يومًا');
  assert.equal(tAr('settings.triage.unit.days', unitCount('100')), 'يوم');
});
