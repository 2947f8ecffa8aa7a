/**
 * CLI of the reference intake service:
 *
 *   node src/intake/main.ts --count 5000 [--seed N] [--attachments N] [--start ISO] [--port N] [--db FILE] [--out DIR]
 *
 * Listens on loopback, writes the public key and a workstation token to files
 * and prints where they are, then serves until interrupted.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isLoopbackHost, startIntakeServer, type IntakeServerOptions } from './server.ts';

const USAGE = `Usage: node src/intake/main.ts --count N [options]

  --count N                 reports to generate (default 1000)
  --seed N                  seed of the generated feed (default 1)
  --attachments N           exact number of attachments over the feed
  --attachment-fraction F   share of reports with 1..3 attachments (default 0.1), without --attachments
  --start ISO               a fixed feed from this UTC time on (e.g. 2026-04-01T06:00:00Z); without it the
                            feed is dated relative to now (the last 120 days, most in the last weeks)
  --port N                  port (default 8787; 0 for any free port)
  --host H                  loopback address (default 127.0.0.1)
  --base-path P             path prefix (default /api/v1)
  --db FILE                 SQLite store; reused when it holds the same generated feed (default: in memory)
  --out DIR                 where to write the public key and the token (default: a new temp dir)
  --workstation ID          workstation the token is issued to (default ws-local-01)
  --token T                 use this token rather than a random one
  --help`;

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      attachments: { type: 'string' },
      'attachment-fraction': { type: 'string' },
      start: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      workstation: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: IntakeServerOptions = { count: integer('count', values.count, 0) ?? 1000, port: integer('port', values.port, 0) ?? 8787 };
  const seed = integer('seed', values.seed, 0);
  if (seed !== undefined) options.seed = seed;
  const attachments = integer('attachments', values.attachments, 0);
  if (attachments !== undefined) options.attachments = attachments;
  if (values['attachment-fraction'] !== undefined) {
    const fraction = Number(values['attachment-fraction']);
    if (!(fraction >= 0 && fraction <= 1)) throw new Error('--attachment-fraction must be within 0..1');
    options.attachmentFraction = fraction;
  }
  if (values.start !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(values.start) || !Number.isFinite(Date.parse(values.start))) {
      throw new Error('--start must be a UTC time such as 2026-04-01T06:00:00Z');
    }
    options.startAt = values.start;
  } else {
    options.endAt = new Date().toISOString();
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['base-path'] !== undefined) options.basePath = values['base-path'];
  if (values.db !== undefined) options.dbFile = values.db;
  if (values.workstation !== undefined) options.workstationId = values.workstation;
  if (values.token !== undefined) options.token = values.token;
  if (options.host !== undefined && !isLoopbackHost(options.host)) throw new Error(`Refusing to bind ${options.host}: the reference intake service listens on loopback only.`);
  options.outDir = values.out ?? mkdtempSync(join(tmpdir(), 'iblagh-intake-'));

  const server = await startIntakeServer(options);
  const { generation } = server;
  const feed = generation.reused
    ? `reused ${options.dbFile}, head_seq ${server.headSeq()}`
    : `${options.count} reports, ${generation.changes} changes, ${generation.attachments} attachments, head_seq ${server.headSeq()} (generated in ${generation.ms} ms)`;
  const dated = options.startAt !== undefined ? `from ${options.startAt} (fixed)` : `relative to ${server.store.getMeta('relative_to') ?? options.endAt ?? ''}`;
  console.log(`Iblagh reference intake service listening (loopback only).
  URL:          ${server.url}
  Workstation:  ${server.workstationId}
  Token:        ${server.token}
  Token file:   ${server.tokenPath}
  Public key:   ${server.publicKeyPath}
  Feed:         ${feed}
  Dated:        ${dated}
Press Ctrl+C to stop.`);

  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(USAGE);
  process.exit(2);
});
