/**
 * Electron main script for test/electron/dossier-pdf.test.ts (bundled by the
 * test with rolldown, 'electron' and packages left external): renders the
 * document fixture in French and Arabic through the shell's printToPDF twin,
 * with the app's hardening installed, and writes the PDFs where it is told.
 * Prints one JSON line per language, or one with `error`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { renderDossierHtml } from '../../src/main/dossiers/document/template.ts';
import { hardenAllWebContents } from '../../src/main/shell/hardening.ts';
import { electronDossierPdf } from '../../src/main/shell/dossier-pdf.ts';
import { dossierModel } from '../dossiers/document-fixture.ts';

const outDir = process.env['DOSSIER_OUT'] ?? '.';
const port = Number(process.env['DOSSIER_PORT'] ?? '9');

hardenAllWebContents();
app.on('window-all-closed', () => {});
void app.whenReady().then(async () => {
  try {
    for (const lang of ['fr', 'ar'] as const) {
      const started = performance.now();
      const out = await electronDossierPdf(renderDossierHtml(dossierModel(lang, { port })));
      writeFileSync(join(outDir, `${lang}.pdf`), out.pdf);
      console.log(JSON.stringify({ lang, pages: out.pages, ms: Math.round(performance.now() - started) }));
    }
  } catch (error) {
    console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  }
  app.quit();
});
