/**
 * `npm run web -- --store DIR [--port N] [--host 127.0.0.1]`: starts the
 * browser host on a store (a fresh temporary one by default) and prints the
 * URL to open, token included.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeChromium } from '../main/browser/chromium.ts';
import { createCore } from '../main/core.ts';
import { prepareDossierPdf } from '../main/dossiers/document/render.ts';
import { packageVersion } from '../main/version.ts';
import { startWebHost } from './server.ts';

const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
    strict: true,
  });
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` first.');
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.port}`);
  const storeDir = values.store ? resolve(values.store) : mkdtempSync(join(tmpdir(), 'iblagh-store-'));
  // The dossier screen gets the system Chromium ready as the Electron shell readies its window (closed at stop).
  const core = createCore({ storeDir, host: 'web', version: packageVersion(), dossierPdfPrepare: prepareDossierPdf });
  const host = await startWebHost({ core, rendererDir: RENDERER_DIR, host: values.host, port });
  process.stdout.write(`Iblagh Workstation browser host (tests and development only)\nStore: ${storeDir}\nOpen:  ${host.url}\n`);
  const stop = (): void => {
    void host
      .close()
      .then(() => {
        core.close();
        return closeChromium();
      })
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

run().catch((error: unknown) => {
  process.stderr.write(`iblagh web host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
