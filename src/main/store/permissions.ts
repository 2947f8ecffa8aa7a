/**
 * The store folder is the owner's alone: 0700, and the files in it 0600.
 * SQLite and the keyring create their files owner-only, but a folder that
 * already existed (made by hand, restored from a copy, loosened by a careless
 * `chmod -R`) keeps whatever mode it had: it is closed again each time the
 * store is set up, opened or unlocked.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

function tighten(path: string, wanted: number, uid: number): void {
  const stat = statSync(path);
  // Only what this user owns can (and should) be changed; a foreign folder is refused elsewhere by its keyring.
  if (stat.uid !== uid) return;
  if ((stat.mode & 0o077) !== 0) chmodSync(path, wanted);
}

/**
 * Makes an existing store folder owner-only (0700) and its entries too (files
 * 0600, folders 0700; symbolic links are left alone). Does nothing when the
 * folder does not exist yet. On Windows, where access is by ACL inherited from
 * the user's profile and Node's modes mean nothing, it does nothing either.
 */
export function secureStoreFolder(dir: string): void {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  const uid = process.getuid();
  try {
    if (!statSync(dir).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  tighten(dir, FOLDER_MODE, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    try {
      if (entry.isFile()) tighten(path, FILE_MODE, uid);
      else if (entry.isDirectory()) tighten(path, FOLDER_MODE, uid);
    } catch (error) {
      // Gone between the listing and the change (a WAL file checkpointed away): nothing to protect.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
