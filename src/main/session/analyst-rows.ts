/** Analyst profiles as stored in the encrypted database. */
import type { Profile, Role, UiLocale } from '../../shared/schemas.ts';
import type { Db } from '../store/database.ts';

interface AnalystRow {
  id: string;
  name: string;
  service: string;
  role: Role;
  locale: UiLocale;
  created_at: string;
  disabled_at: string | null;
}

function toProfile(row: AnalystRow): Profile {
  return {
    id: row.id,
    name: row.name,
    service: row.service,
    role: row.role,
    locale: row.locale,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

const COLUMNS = 'id, name, service, role, locale, created_at, disabled_at';

export function findProfile(db: Db, id: string): Profile | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM analysts WHERE id = ?`).get(id) as AnalystRow | undefined;
  return row ? toProfile(row) : null;
}

export function listProfiles(db: Db): Profile[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM analysts ORDER BY name COLLATE NOCASE`).all() as AnalystRow[]).map(toProfile);
}

export function nameTaken(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM analysts WHERE name = ?').get(name) !== undefined;
}

export function insertProfile(
  db: Db,
  profile: { id: string; name: string; service: string; role: Role; locale: UiLocale },
  createdBy: string | null,
  at = new Date(),
): Profile {
  db.prepare(
    'INSERT INTO analysts (id, name, service, role, locale, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(profile.id, profile.name, profile.service, profile.role, profile.locale, at.toISOString(), createdBy);
  return findProfile(db, profile.id) as Profile;
}

export function setDisabled(db: Db, id: string, disabled: boolean, at = new Date()): void {
  db.prepare('UPDATE analysts SET disabled_at = ? WHERE id = ?').run(disabled ? at.toISOString() : null, id);
}

export function setLocale(db: Db, id: string, locale: UiLocale): void {
  db.prepare('UPDATE analysts SET locale = ? WHERE id = ?').run(locale, id);
}

export function activeSupervisorCount(db: Db): number {
  return (
    db.prepare("SELECT count(*) AS n FROM analysts WHERE role = 'supervisor' AND disabled_at IS NULL").get() as { n: number }
  ).n;
}

/** Whether the profile still has to replace the passphrase a supervisor gave it (migration 13). */
export function mustChangePassphrase(db: Db, id: string): boolean {
  const row = db.prepare('SELECT must_change_passphrase AS flag FROM analysts WHERE id = ?').get(id) as { flag: number } | undefined;
  return row?.flag === 1;
}

export function setMustChangePassphrase(db: Db, id: string, flag: boolean): void {
  db.prepare('UPDATE analysts SET must_change_passphrase = ? WHERE id = ?').run(flag ? 1 : 0, id);
}
