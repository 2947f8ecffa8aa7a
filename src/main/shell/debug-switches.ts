/**
 * A packaged workstation refuses to start with a remote debugging endpoint:
 * it would hand the renderer, and so the unlocked store, to any local process.
 * (The Node inspector is already disabled by the electronFuses of the build.)
 */
import { app } from 'electron';

const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'js-flags'];

/** True when the process must exit. Unpackaged (development, tests) may debug. */
export function hasForbiddenDebugSwitch(): boolean {
  return app.isPackaged && DEBUG_SWITCHES.some((name) => app.commandLine.hasSwitch(name));
}
