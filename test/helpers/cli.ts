/** Runs `iblagh-ws` in a child process, as a user would. */
import { spawn } from 'node:child_process';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;
/** The passphrase the CLI tests' stores are made with (given through IBLAGH_PASSPHRASE). */
export const CLI_PASSPHRASE = 'orange tapis falaise 42 nuage';

/** Asynchronous, so that an intake service in the test's process keeps answering. */
export function cliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, IBLAGH_PASSPHRASE: CLI_PASSPHRASE } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
