/**
 * Managing analyst profiles: supervisors add and disable them; every analyst
 * changes their own passphrase and language.
 *
 * A profile's passphrase only ever wraps the database key: changing it
 * rewraps the key and re-encrypts nothing. Disabling a profile deletes its
 * wrapped key, so that passphrase opens nothing any more; enabling it again
 * needs a new passphrase from a supervisor.
 */
import { randomUUID } from 'node:crypto';
import type { NewProfileInput, Profile, SessionState, UiLocale } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { requireStrongPassphrase } from '../session/passphrase-policy.ts';
import { keyringAssociatedData, type Session } from '../session/session.ts';
import { unwrapKey } from '../crypto/key-wrap.ts';
import { retryAfterMs } from '../store/keyring.ts';
import { activeSupervisorCount, findProfile, insertProfile, listProfiles, nameTaken, setDisabled, setLocale } from '../session/analyst-rows.ts';

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
      if (nameTaken(db, input.name)) throw new AppError('CONFLICT', `A profile named "${input.name}" already exists.`);
      requireStrongPassphrase(input.passphrase, [input.name, input.service]);
      const id = randomUUID();
      const keyring = this.session.keyring();
      const wrapped = await this.session.wrapForProfile(keyring, id, input.passphrase);
      const profile = db.transaction(() => {
        const created = insertProfile(db, { id, name: input.name, service: input.service, role: input.role, locale: input.locale }, analyst.id);
        recordAudit(db, analyst.id, 'profile.created', { profileId: id, role: input.role });
        return created;
      })();
      // The database row commits first: a crash before the keyring write leaves a profile
      // without a key, which a supervisor can enable again; never a key without a profile.
      this.session.saveKeyring({
        ...keyring,
        profiles: [...keyring.profiles, { id, name: input.name, wrapped, failures: 0, lastFailureAt: null }],
      });
      return profile;
    });
  }

  disable(profileId: string): Promise<Profile> {
    return this.session.exclusive(() => {
      const { db, analyst } = this.session.requireSupervisor();
      const target = findProfile(db, profileId);
      if (!target) throw new AppError('NOT_FOUND', 'No such profile.');
      if (target.id === analyst.id) throw new AppError('CONFLICT', 'You cannot disable your own profile.');
      if (target.disabled) return target;
      if (target.role === 'supervisor' && activeSupervisorCount(db) <= 1) {
        throw new AppError('CONFLICT', 'The last active supervisor cannot be disabled.');
      }
      // Key first: once the wrapped key is gone, that passphrase opens nothing, whatever happens next.
      const keyring = this.session.keyring();
      this.session.saveKeyring({
        ...keyring,
        profiles: keyring.profiles.map((p) => (p.id === profileId ? { ...p, wrapped: null, failures: 0, lastFailureAt: null } : p)),
      });
      db.transaction(() => {
        setDisabled(db, profileId, true);
        recordAudit(db, analyst.id, 'profile.disabled', { profileId });
      })();
      return findProfile(db, profileId) as Profile;
    });
  }

  enable(profileId: string, passphrase: string): Promise<Profile> {
    return this.session.exclusive(async () => {
      const { db, analyst } = this.session.requireSupervisor();
      const target = findProfile(db, profileId);
      if (!target) throw new AppError('NOT_FOUND', 'No such profile.');
      requireStrongPassphrase(passphrase, [target.name, target.service]);
      const keyring = this.session.keyring();
      const wrapped = await this.session.wrapForProfile(keyring, profileId, passphrase);
      const entry = { id: profileId, name: target.name, wrapped, failures: 0, lastFailureAt: null };
      const known = keyring.profiles.some((p) => p.id === profileId);
      this.session.saveKeyring({
        ...keyring,
        profiles: known ? keyring.profiles.map((p) => (p.id === profileId ? entry : p)) : [...keyring.profiles, entry],
      });
      db.transaction(() => {
        setDisabled(db, profileId, false);
        recordAudit(db, analyst.id, 'profile.enabled', { profileId });
      })();
      return findProfile(db, profileId) as Profile;
    });
  }

  /** Rewraps the database key under a new passphrase; the database itself is not re-encrypted. */
  changePassphrase(current: string, next: string): Promise<null> {
    return this.session.exclusive(async () => {
      const { db, analyst } = this.session.unlocked();
      const keyring = this.session.keyring();
      const entry = keyring.profiles.find((p) => p.id === analyst.id);
      if (!entry?.wrapped) throw new AppError('PROFILE_DISABLED', 'This profile has no key.');
      const wait = retryAfterMs(entry, Date.now());
      if (wait > 0) throw new AppError('THROTTLED', 'Too many failed attempts; wait before trying again.', { retryAfterMs: wait });
      const key = await unwrapKey(entry.wrapped, current, keyringAssociatedData(keyring.storeId, entry.id));
      if (!key) {
        this.session.recordFailure(entry.id);
        throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is wrong.');
      }
      key.fill(0);
      requireStrongPassphrase(next, [analyst.name, analyst.service]);
      const wrapped = await this.session.wrapForProfile(keyring, analyst.id, next);
      const fresh = this.session.keyring();
      this.session.saveKeyring({
        ...fresh,
        profiles: fresh.profiles.map((p) => (p.id === analyst.id ? { ...p, wrapped, failures: 0, lastFailureAt: null } : p)),
      });
      recordAudit(db, analyst.id, 'profile.passphrase_changed', { profileId: analyst.id });
      return null;
    });
  }

  setLocale(locale: UiLocale): SessionState {
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
