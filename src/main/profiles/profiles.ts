/**
 * Managing analyst profiles: supervisors add and disable them; every analyst
 * changes their own passphrase and language.
 *
 * A profile's passphrase wraps only its own X25519 private key
 * (session/keyring-keys.ts): changing it rewraps that key and re-encrypts
 * nothing. A profile a supervisor creates or enables again gets its
 * passphrase from the supervisor and must replace it at its first unlock.
 * Disabling a profile removes its entry and rotates the database key, so that
 * its passphrase opens nothing, even with a keyring copied before.
 */
import { randomUUID } from 'node:crypto';
import type { NewProfileInput, Profile, SessionState, UiLocale } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { requireStrongPassphrase } from '../session/passphrase-policy.ts';
import type { Session } from '../session/session.ts';
import { normaliseLoginName } from '../session/keyring-keys.ts';
import {
  activeSupervisorCount,
  findProfile,
  insertProfile,
  listProfiles,
  nameTaken,
  setDisabled,
  setLocale,
  setMustChangePassphrase,
} from '../session/analyst-rows.ts';

export class ProfileService {
  private readonly session: Session;

  constructor(session: Session) {
    this.session = session;
  }

  list(): Profile[] {
    return listProfiles(this.session.unlocked().db);
  }

  create(input: NewProfileInput): Promise<Profile> {
    return this.session.exclusive(async () => {
      const { db, analyst } = this.session.requireSupervisor();
      // Login names are compared as the keyring's lookups see them: case and spacing aside.
      if (nameTaken(db, input.name) || listProfiles(db).some((p) => normaliseLoginName(p.name) === normaliseLoginName(input.name))) {
        throw new AppError('CONFLICT', `A profile named "${input.name}" already exists.`);
      }
      requireStrongPassphrase(input.passphrase, [input.name, input.service]);
      const id = randomUUID();
      const profile = db.transaction(() => {
        const created = insertProfile(db, { id, name: input.name, service: input.service, role: input.role, locale: input.locale }, analyst.id);
        setMustChangePassphrase(db, id, true);
        recordAudit(db, analyst.id, 'profile.created', { profileId: id, role: input.role });
        return created;
      })();
      // The database row commits first: a crash before the keyring write leaves a profile
      // without a key, which a supervisor can enable again; never a key without a profile.
      await this.session.addEntry({ id, name: input.name }, input.passphrase);
      return profile;
    });
  }

  /**
   * Disables a profile: its keyring entry goes and the database key is
   * rotated (the sync stops first). Profiles not unlocked since the keyring
   * upgrade cannot receive the new key: they are disabled too, and a
   * supervisor gives them a new passphrase (profiles.enable).
   */
  disable(profileId: string): Promise<Profile> {
    return this.session.exclusive(async () => {
      const { db, analyst } = this.session.requireSupervisor();
      const target = findProfile(db, profileId);
      if (!target) throw new AppError('NOT_FOUND', 'No such profile.');
      if (target.id === analyst.id) throw new AppError('CONFLICT', 'You cannot disable your own profile.');
      if (target.disabled) return target;
      if (target.role === 'supervisor' && activeSupervisorCount(db) <= 1) {
        throw new AppError('CONFLICT', 'The last active supervisor cannot be disabled.');
      }
      // Key first: once the entry is gone and the key rotated, that passphrase opens nothing, whatever happens next.
      const dropped = (await this.session.rotateKeyExcluding([profileId])).filter((id) => id !== analyst.id);
      const { db: openDb } = this.session.unlocked();
      openDb.transaction(() => {
        setDisabled(openDb, profileId, true);
        recordAudit(openDb, analyst.id, 'profile.disabled', { profileId, keyRotated: true });
        for (const id of dropped) {
          setDisabled(openDb, id, true);
          recordAudit(openDb, analyst.id, 'profile.disabled', { profileId: id, reason: 'not_unlocked_since_keyring_upgrade' });
        }
      })();
      return findProfile(openDb, profileId) as Profile;
    });
  }

  enable(profileId: string, passphrase: string): Promise<Profile> {
    return this.session.exclusive(async () => {
      const { db, analyst } = this.session.requireSupervisor();
      const target = findProfile(db, profileId);
      if (!target) throw new AppError('NOT_FOUND', 'No such profile.');
      requireStrongPassphrase(passphrase, [target.name, target.service]);
      await this.session.addEntry({ id: profileId, name: target.name }, passphrase);
      db.transaction(() => {
        setDisabled(db, profileId, false);
        setMustChangePassphrase(db, profileId, true);
        recordAudit(db, analyst.id, 'profile.enabled', { profileId });
      })();
      return findProfile(db, profileId) as Profile;
    });
  }

  /** Rewraps the analyst's private key under a new passphrase; the database itself is not re-encrypted. */
  changePassphrase(current: string, next: string): Promise<null> {
    return this.session.exclusive(async () => {
      await this.session.changePassphrase(current, next);
      return null;
    });
  }

  setLocale(locale: UiLocale): Promise<SessionState> {
    const { db, analyst } = this.session.unlocked();
    if (analyst.locale !== locale) {
      db.transaction(() => {
        setLocale(db, analyst.id, locale);
        recordAudit(db, analyst.id, 'preferences.updated', { locale });
      })();
      this.session.refreshAnalyst();
    }
    return this.session.setLockScreenLocale(locale);
  }
}
