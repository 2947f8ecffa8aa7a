/**
 * The operating system's screen lock, on Linux. Electron's `lock-screen`
 * event fires on macOS and Windows only, so on Linux two watchers stand in:
 *
 * - logind's signals over D-Bus, read from `gdbus monitor --system --dest
 *   org.freedesktop.login1` (a child process: no D-Bus library needed):
 *   `Session.Lock` (sent by `loginctl lock-session`, which screen lockers
 *   obey) and `LockedHint` becoming true (set by GNOME, KDE and others once
 *   the screen is locked) lock the store at once;
 * - `powerMonitor.getSystemIdleState()` polled every few seconds: 'locked'
 *   where Chromium can tell (it asks the desktop's screensaver service).
 *
 * Either one is enough; a desktop without both (no logind, no D-Bus, no
 * screensaver service) is left to the idle lock. No Electron import here:
 * the shell passes its powerMonitor, and tests run this under plain Node.
 */
import { spawn as spawnProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** What a line of `gdbus monitor` says about the screen lock. */
export type LogindSignal = 'lock' | 'unlock' | null;

/** logind's object path of a session id (sd_bus_path_encode: a leading digit and non-alphanumerics as _xx). */
export function sessionObjectPath(sessionId: string): string {
  let label = '';
  for (const [index, char] of [...sessionId].entries()) {
    const alnum = /^[A-Za-z0-9]$/.test(char);
    label += alnum && !(index === 0 && /[0-9]/.test(char)) ? char : [...Buffer.from(char, 'utf8')].map((byte) => `_${byte.toString(16).padStart(2, '0')}`).join('');
  }
  return `/org/freedesktop/login1/session/${label || '_'}`;
}

const SIGNAL_LINE = /^(\/org\/freedesktop\/login1\/session\/[A-Za-z0-9_]+): (org\.freedesktop\.login1\.Session\.(?:Lock|Unlock)|org\.freedesktop\.DBus\.Properties\.PropertiesChanged) (.*)$/;
const LOCKED_HINT = /'LockedHint': <(true|false)>/;

/**
 * Reads one line of `gdbus monitor` output (`PATH: INTERFACE.MEMBER (ARGS)`).
 * With `sessionPath`, only that session's signals count; without (the
 * session is unknown), any session's do, since locking once too often is
 * harmless.
 */
export function parseLogindLine(line: string, sessionPath: string | null): LogindSignal {
  const match = SIGNAL_LINE.exec(line.trim());
  if (!match) return null;
  const [, path, member, args] = match;
  if (sessionPath !== null && path !== sessionPath) return null;
  if (member === 'org.freedesktop.login1.Session.Lock') return 'lock';
  if (member === 'org.freedesktop.login1.Session.Unlock') return 'unlock';
  // PropertiesChanged of the Session interface carrying LockedHint.
  if (!args!.startsWith("('org.freedesktop.login1.Session',")) return null;
  const hint = LOCKED_HINT.exec(args!);
  if (!hint) return null;
  return hint[1] === 'true' ? 'lock' : 'unlock';
}

/** The part of Electron's powerMonitor used here. */
export interface IdleStateSource {
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown';
}

/** The part of a child process used here. */
export interface MonitorProcess {
  readonly stdout: Readable | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: () => void): unknown;
  kill(): unknown;
  unref(): void;
}

export interface OsLockOptions {
  idleState: IdleStateSource;
  /** Called when the OS screen lock is seen (the shell locks the store with reason 'os-lock'). */
  onLock: () => void;
  /** How often the idle state is read. */
  pollMs?: number;
  /** logind's session id of this desktop session (XDG_SESSION_ID); null to accept any session's lock. */
  sessionId?: string | null;
  /** Starts the D-Bus monitor; tests give a fake. */
  spawn?: (command: string, args: string[]) => MonitorProcess;
  log?: (message: string) => void;
}

export const OS_LOCK_POLL_MS = 5_000;
/** The idle threshold asked with the state: only 'locked' matters here, not idleness. */
const IDLE_THRESHOLD_SECONDS = 60;

/** Starts both watchers; returns what stops them. */
export function watchLinuxScreenLock(options: OsLockOptions): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));
  const sessionId = options.sessionId === undefined ? (process.env['XDG_SESSION_ID'] ?? null) : options.sessionId;
  const sessionPath = sessionId ? sessionObjectPath(sessionId) : null;
  let stopped = false;

  // Polling: acts on the change to 'locked' only, so that a state stuck at 'locked' cannot
  // lock the store again each time the analyst unlocks it.
  let wasLocked = false;
  const poll = setInterval(() => {
    let state: string;
    try {
      state = options.idleState.getSystemIdleState(IDLE_THRESHOLD_SECONDS);
    } catch (error) {
      log(`os-lock: idle state unavailable (${(error as Error).message})`);
      clearInterval(poll);
      return;
    }
    const locked = state === 'locked';
    if (locked && !wasLocked) options.onLock();
    wasLocked = locked;
  }, options.pollMs ?? OS_LOCK_POLL_MS);
  poll.unref();

  let monitor: MonitorProcess | null = null;
  try {
    const start = options.spawn ?? ((command, args) => spawnProcess(command, args, { stdio: ['ignore', 'pipe', 'ignore'] }));
    monitor = start('gdbus', ['monitor', '--system', '--dest', 'org.freedesktop.login1']);
  } catch (error) {
    log(`os-lock: cannot watch logind (${(error as Error).message}); polling only`);
  }
  if (monitor) {
    const child = monitor;
    child.on('error', (error) => {
      // No gdbus (ENOENT) or no system bus: the polling remains.
      if (!stopped) log(`os-lock: cannot watch logind (${error.message}); polling only`);
    });
    child.on('exit', () => {
      if (!stopped) log('os-lock: the logind watcher ended; polling only');
    });
    child.unref();
    if (child.stdout) {
      (child.stdout as Readable & { unref?: () => void }).unref?.();
      const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (!stopped && parseLogindLine(line, sessionPath) === 'lock') options.onLock();
      });
    }
  }

  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(poll);
    monitor?.kill();
  };
}
