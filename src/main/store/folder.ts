/**
 * Creating a folder the user named (a store, a restore target, an export
 * folder) without Node's recursive mkdir. That one treats every ENOENT as "a
 * parent is missing": where the file system answers ENOENT for a folder whose
 * parent exists (procfs: `mkdir /proc/xyz`), it makes the parent (EEXIST, fine)
 * and tries the child again, forever, at 100% CPU (`iblagh-ws init --store
 * /proc/xyz` spun for ten minutes). Here each missing folder is made once, from
 * the top down, and the first refusal is final and said plainly.
 */
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why a folder cannot be used or made: a sentence naming the path, for a person. */
export class FolderError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'FolderError';
    this.code = code;
  }
}

const REASONS: ReadonlyMap<string, string> = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'the disk is full'],
  ['EDQUOT', 'the disk quota is exhausted'],
  ['ENAMETOOLONG', 'the name is too long'],
  ['ELOOP', 'too many symbolic links'],
  ['ENOENT', 'the file system does not allow a folder there'],
  ['ENOTDIR', 'a part of the path is not a folder'],
  ['EEXIST', 'something else was created there meanwhile'],
]);

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS.get(code)) ?? (code ? `error ${code}` : String((error as Error).message ?? error));
}

type Kind = 'folder' | 'other' | 'missing';

function kindOf(path: string): Kind {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'other';
    throw new FolderError(`Cannot use ${path}: ${reason(error)}.`, code);
  }
}

/**
 * The folders from the nearest existing ancestor down to `dir` (that ancestor
 * first), or a FolderError when something on the way is a file (`/dev/null`,
 * `/etc/passwd/sub`).
 */
function walk(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    const kind = kindOf(current);
    if (kind === 'folder') return { existing: current, missing: missing.reverse() };
    if (kind === 'other') {
      // The deepest thing that exists is not a folder: name it (a file, a device, a socket).
      let blocker = current;
      while (kindOf(dirname(blocker)) !== 'folder' && dirname(blocker) !== blocker) blocker = dirname(blocker);
      throw new FolderError(blocker === resolve(dir) ? `${blocker} is not a folder.` : `${resolve(dir)} cannot be a folder: ${blocker} is a file, not a folder.`, 'ENOTDIR');
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) throw new FolderError(`Cannot use ${resolve(dir)}: its root does not exist.`, 'ENOENT');
    current = parent;
  }
}

/** Null when `dir` is a folder or could be made one; else why not (without trying to create anything). */
export function folderProblem(dir: string): string | null {
  try {
    walk(dir);
    return null;
  } catch (error) {
    if (error instanceof FolderError) return error.message;
    throw error;
  }
}

/**
 * Makes `dir` and its missing parents (new folders get `mode`), one mkdir per
 * folder, never retried. Returns the folders it created, top first (to undo
 * with removeCreatedFolders). An existing folder is fine.
 */
export function makeFolders(dir: string, mode = 0o700): string[] {
  const { missing } = walk(dir);
  const created: string[] = [];
  for (const path of missing) {
    try {
      mkdirSync(path, { mode });
    } catch (error) {
      removeCreatedFolders(created);
      throw new FolderError(`Cannot create the folder ${path}: ${reason(error)}.`, (error as NodeJS.ErrnoException).code);
    }
    created.push(path);
  }
  return created;
}

/** Removes folders makeFolders created, deepest first, while they are still empty (anything else is left alone). */
export function removeCreatedFolders(created: readonly string[]): void {
  for (const path of [...created].reverse()) {
    try {
      rmdirSync(path);
    } catch {
      return;
    }
  }
}
