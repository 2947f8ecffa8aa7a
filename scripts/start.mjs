#!/usr/bin/env node
/**
 * `npm start`: builds, then runs the workstation in Electron, or, where the
 * Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, offline
 * machines), in the browser test host. Extra arguments go to whichever runs.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { installedElectron } from './electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a command with inherited stdio and resolves with its exit code. On POSIX the
 * child gets its own process group, so a Ctrl+C reaches it once, forwarded from here,
 * and not twice (terminal + forward), which would cut its orderly store close short.
 */
function run(command, commandArgs, options = {}) {
  return new Promise((resolveExit) => {
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      stdio: 'inherit',
      detached: process.platform !== 'win32',
      ...options,
    });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (code) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolveExit(code);
    };
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// npx.cmd cannot be spawned without a shell on Windows (Node >= 20.12).
const buildCode = await run(npx, ['electron-vite', 'build'], { shell: process.platform === 'win32' });
if (buildCode !== 0) process.exit(buildCode);

const electron = installedElectron();
let code;
if (electron) {
  const env = { ...process.env };
  // Set in some shells and CI images; it would make Electron run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  code = await run(electron, ['.', ...args], { env });
} else {
  console.log('Electron binary is not installed on this machine: starting the browser test host instead.');
  code = await run(process.execPath, ['src/web/main.ts', ...args]);
}
process.exit(code);
