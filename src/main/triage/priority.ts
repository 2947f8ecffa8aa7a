/**
 * Urgent first: each report's priority score, from its category's severity,
 * imminent danger, how many reports point at the same content and how long
 * it has waited, with the reason for every point; and its handling deadline.
 * The weights and deadlines are settings a supervisor changes.
 */
import type { Db } from '../store/database.ts';
import { TriageSettings, type Deadlines, type PriorityReason, type PriorityWeights } from '../../shared/triage.ts';

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_WEIGHTS: PriorityWeights = {
  category: {
    child_sexual_exploitation: 60,
    terrorism_incitement: 55,
    terrorism_apology: 45,
    sextortion: 45,
    threats_extortion: 40,
    crime_incitement: 35,
    violence: 30,
    hate_discrimination: 30,
    illegal_goods: 25,
    fraud: 20,
    privacy_defamation: 15,
    other: 10,
  },
  otherCategory: 10,
  imminentDanger: 40,
  clusterPerDoubling: 5,
  clusterMax: 30,
  agePerDay: 2,
  ageMax: 20,
};

export const DEFAULT_DEADLINES: Deadlines = {
  categoryMinutes: {
    child_sexual_exploitation: HOUR,
    terrorism_incitement: 4 * HOUR,
    terrorism_apology: DAY,
    sextortion: 4 * HOUR,
    threats_extortion: 8 * HOUR,
    crime_incitement: DAY,
    violence: DAY,
    hate_discrimination: 2 * DAY,
    illegal_goods: 3 * DAY,
    fraud: 3 * DAY,
    privacy_defamation: 7 * DAY,
    other: 7 * DAY,
  },
  otherMinutes: 7 * DAY,
  imminentDangerMinutes: HOUR,
};

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = { weights: DEFAULT_WEIGHTS, deadlines: DEFAULT_DEADLINES };

const KEY = 'triage';

export function readTriageSettings(db: Db): TriageSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_TRIAGE_SETTINGS;
  const parsed = TriageSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_TRIAGE_SETTINGS;
}

export function writeTriageSettings(db: Db, settings: TriageSettings, analystId: string, at = new Date()): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(KEY, JSON.stringify(TriageSettings.parse(settings)), at.toISOString(), analystId);
}

/** Points for a report with an attachment on a known-hash list (a fixed term: such a match is urgent whatever the weights). */
export const HASH_LIST_MATCH_POINTS = 50;

export function categoryPoints(weights: PriorityWeights, category: string): number {
  return Object.hasOwn(weights.category, category) ? (weights.category[category] as number) : weights.otherCategory;
}

export function clusterPoints(weights: PriorityWeights, clusterSize: number): number {
  if (clusterSize < 2) return 0;
  return Math.min(weights.clusterMax, Math.floor(Math.log2(clusterSize)) * weights.clusterPerDoubling);
}

/** Points for waiting: whole days since submission, for reports still open. */
export function agePoints(weights: PriorityWeights, ageMs: number, open: boolean): number {
  if (!open || ageMs <= 0) return 0;
  return Math.min(weights.ageMax, Math.floor(ageMs / 86_400_000) * weights.agePerDay);
}

export interface PriorityInput {
  category: string;
  imminentDanger: boolean;
  clusterSize: number;
  submittedAtMs: number;
  open: boolean;
  /** An attachment is on a known-hash list. */
  hashListMatch?: boolean;
}

/** The score and why: one reason per non-zero term, biggest first. */
export function priorityOf(weights: PriorityWeights, input: PriorityInput, nowMs: number): { score: number; reasons: PriorityReason[] } {
  const ageMs = nowMs - input.submittedAtMs;
  const reasons: PriorityReason[] = [
    { code: 'category', points: categoryPoints(weights, input.category), detail: input.category },
    { code: 'imminent_danger', points: input.imminentDanger ? weights.imminentDanger : 0, detail: 1 },
    { code: 'cluster', points: clusterPoints(weights, input.clusterSize), detail: input.clusterSize },
    { code: 'age', points: agePoints(weights, ageMs, input.open), detail: Math.max(0, Math.floor(ageMs / 3_600_000)) },
    { code: 'hash_list_match', points: input.hashListMatch ? HASH_LIST_MATCH_POINTS : 0, detail: 1 },
  ];
  const kept = reasons.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
  return { score: kept.reduce((sum, r) => sum + r.points, 0), reasons: kept };
}

/** Minutes allowed to handle a report of this category (imminent danger shortens it). */
export function deadlineMinutes(deadlines: Deadlines, category: string, imminentDanger: boolean): number {
  const byCategory = Object.hasOwn(deadlines.categoryMinutes, category) ? (deadlines.categoryMinutes[category] as number) : deadlines.otherMinutes;
  return imminentDanger ? Math.min(byCategory, deadlines.imminentDangerMinutes) : byCategory;
}

