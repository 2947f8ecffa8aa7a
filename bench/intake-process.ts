/** The reference intake service in its own process, as the benchmarks run it (so it does not share the workstation's process). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** User + system CPU seconds in the text of a /proc/PID/stat or /proc/PID/task/TID/stat file (fields 14 and 15, in clock ticks of 1/100 s). */
export function statCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function processCpuSeconds(pid: number | undefined): number | null {
  try {
    return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export interface IntakeProcess {
  url: string;
  token: string;
  keyPem: string;
  /** The service's own report of its feed (the "Feed:" line). */
  feed: string;
  /** CPU seconds the service's process has used so far (Linux: /proc), or null where that cannot be read. */
  cpuSeconds: () => number | null;
  stop: () => void;
}

/** Starts `src/intake/main.ts` with these options (plus `--port 0 --out DIR`) and waits until it listens. */
export async function startIntakeProcess(options: string[], dir: string): Promise<IntakeProcess> {
  const child = spawn(process.execPath, ['src/intake/main.ts', ...options, '--port', '0', '--out', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`intake service exited with ${code}:\n${output}`)));
  });
  const url = /URL:\s+(\S+)/.exec(output)?.[1];
  const tokenFile = /Token file:\s+(\S+)/.exec(output)?.[1];
  const keyFile = /Public key:\s+(\S+)/.exec(output)?.[1];
  if (!url || !tokenFile || !keyFile) throw new Error(`unexpected intake output:\n${output}`);
  return {
    url,
    token: readFileSync(tokenFile, 'utf8').trim(),
    keyPem: readFileSync(keyFile, 'utf8'),
    feed: output.split('\n').filter((line) => line.includes('Feed:')).join('\n'),
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: () => child.kill('SIGTERM'),
  };
}
