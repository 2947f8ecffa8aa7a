/**
 * `npm run bench:dossier`: the referral dossier of a case of 300 reports, with
 * notes marked for the dossier, the observables of its reports and their
 * evidence (intake originals, attachments), rendered by the system Chromium,
 * signed (PAdES) and sealed (manifest, zip) by the core's export (what the
 * `dossiers.export` channel runs), with the time of each step. The first
 * export after start is "cold" (the browser is launched by it, the signing
 * key made); the next ones are "warm". Then `dossier verify` of each package
 * (folder and zip), as the prosecutor's office would run it.
 *
 * Targets (issue #12): warm < 2.5 s, cold < 4 s for a 50-page Arabic dossier; verify < 1 s.
 *
 * Between two exports the bench waits --pause-ms (3000), as an analyst
 * does between the preview (or the last export) and the next export; the
 * renderer prepares the next page meanwhile (document/render.ts). With
 * --pause-ms 0 the exports follow each other at once (the page prepared
 * after one export is still starting when the next one renders).
 *
 * Options: --reports N (300), --warm N (5), --lang ar|fr (ar), --pause-ms N (3000), --keep (the work folder,
 * with the exported packages, is kept and its path printed, to look at the PDFs).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enableCliCompileCache } from '../src/cli/compile-cache.ts';
import { startIntakeServer } from '../src/intake/server.ts';
import { closeChromium } from '../src/main/browser/chromium.ts';
import { createCore } from '../src/main/core.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import { verifyPackage } from '../src/main/dossiers/package/verify.ts';
import { prepareDossierPdf, renderDossierPdf } from '../src/main/dossiers/document/render.ts';
import { exportDossier, type ExportDeps } from '../src/main/dossiers/export.ts';
import type { ExportedDossier } from '../src/shared/dossiers.ts';
import { call, log, percentile, timed, yardstick } from './measure.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '300' },
    warm: { type: 'string', default: '5' },
    lang: { type: 'string', default: 'ar' },
    'pause-ms': { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
  },
});
// As the command line (bin/iblagh-ws.js): playwright-core, loaded by the cold export, comes from the compile cache.
enableCliCompileCache();
const reportCount = Number(values.reports);
const warmRuns = Number(values.warm);
const lang = values.lang === 'fr' ? 'fr' : 'ar';
const pauseMs = Number(values['pause-ms']);

log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);

const work = mkdtempSync(join(tmpdir(), 'iblagh-bench-dossier-'));
const server = await startIntakeServer({ seed: 21, count: reportCount + 40, attachments: 60 });
const core = createCore({ storeDir: join(work, 'store'), host: 'cli', version: 'bench', scrypt: TEST_SCRYPT, syncEngine: { pageLimit: 500 } });
try {
  await call(core, 'session.setup', { name: 'Karima Benali', service: 'BNPJ Rabat', passphrase: 'orange tapis falaise 42 nuage', locale: 'fr' });
  await call(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await call(core, 'sync.start');
  await core.syncIdle();
  // The attachments are analysed after a sync run, in the decoder process: done before measuring, as it would be
  // long done when an analyst exports (it would otherwise share the two cores with the first exports).
  await call(core, 'images.analysePending');
  const db = core.unlockedStore().db;
  // Reports whose content is shown (a child-exploitation report would be left out of the text anyway).
  const ids = db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' ORDER BY rowid LIMIT ?").pluck().all(reportCount) as string[];
  const { ref } = await call<{ ref: string }>(core, 'cases.create', { title: 'Réseau de comptes — شبكة حسابات', reportIds: ids, qualifications: ['FRAUD'] });
  await call(core, 'notes.add', { target: { caseRef: ref }, text: 'Les signalements décrivent **le même réseau**. الحسابات مرتبطة بنفس الشبكة وتنشر نفس المحتوى.', summary: true });
  for (let i = 0; i < 12; i += 1) {
    await call(core, 'notes.add', {
      target: { caseRef: ref },
      text: `## Constat ${i + 1}\n\n- Le compte \`@compte_${i}\` republie les contenus signalés.\n- الحساب يعيد نشر المحتوى.\n\n| champ | valeur |\n| --- | --- |\n| URL | https://exemple-${i}.ma/page |\n`,
      forDossier: true,
    });
  }
  const advice = await call<{ suggestion: { courtId: string | null } | null; courts: { courtId: string }[] }>(core, 'cases.suggestJurisdiction', { ref });
  const courtId = advice.suggestion?.courtId ?? advice.courts[0]?.courtId;
  if (courtId) await call(core, 'cases.confirmJurisdiction', { ref, courtId });
  await call(core, 'cases.setStatus', { ref, status: 'in_analysis' });
  await call(core, 'cases.setStatus', { ref, status: 'ready' });
  await call(core, 'dossiers.updateSettings', {
    issuingService: { fr: 'Brigade numérique de Rabat', ar: 'الفرقة الرقمية بالرباط' },
    classification: { fr: 'DIFFUSION RESTREINTE', ar: 'نشر محدود' },
    answerDays: 30,
    exportDir: join(work, 'exports'),
  });
  // Creating the case and moving it to "ready" queued statuses for the intake service, and each change started a
  // sync run that sends them: let it finish, or its worker (and its signature checks) shares the two cores with
  // the cold export.
  await core.syncIdle();
  const evidence = await call<{ total: number }>(core, 'evidence.list', { target: { caseRef: ref }, limit: 1 });
  log(`case ${ref}: ${ids.length} reports, 12 notes for the dossier, ${evidence.total} evidence items`);

  log(`yardstick before: ${yardstick().toFixed(0)} ms (SHA-256 of 512 MiB; lower is a faster moment of the VM)`);
  /** One export of the case, as `dossiers.export` runs it, timed, with each step's time in `phases`. */
  const exportOnce = (phases: string[]): Promise<[number, { result: ExportedDossier }]> => {
    const deps: ExportDeps = {
      renderPdf: (rendered, hooks) => renderDossierPdf(rendered, hooks),
      // As the CLI's core: the export readies the renderer first, and assembles the dossier meanwhile.
      preparePdf: prepareDossierPdf,
      generator: { name: 'Iblagh Workstation', version: 'bench' },
      onPhase: (name, ms) => phases.push(`${name} ${ms.toFixed(0)}`),
    };
    return timed(() => exportDossier(core.unlockedStore(), { options: { ref, lang }, outDir: join(work, 'exports'), zip: true }, deps, new Date()));
  };
  const runs: { ms: number; out: ExportedDossier }[] = [];
  for (let i = 0; i <= warmRuns; i += 1) {
    if (i > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const phases: string[] = [];
    const [ms, { result: out }] = await exportOnce(phases);
    runs.push({ ms, out });
    log(`${i === 0 ? 'cold' : 'warm'} export v${out.version}: ${ms.toFixed(0)} ms (${phases.join(', ')} ms), ${out.pages} pages, ${(statSync(out.pdf).size / 1024).toFixed(0)} KiB PDF, ${out.files} files`);
  }
  // The app's first export: the browser closed, then the dossier screen opened (dossiers.choices prepares the
  // renderer, as the Electron shell does), the analyst's pause, the export.
  await closeChromium();
  prepareDossierPdf();
  await new Promise((resolve) => setTimeout(resolve, Math.max(pauseMs, 1)));
  const [firstMs, { result: first }] = await exportOnce([]);
  log(`first export after the dossier screen opened (browser closed before): ${firstMs.toFixed(0)} ms, v${first.version}`);
  const cold = runs[0]!.ms;
  const warm = runs.slice(1).map((r) => r.ms);
  const verifies: number[] = [];
  for (const { out } of runs) {
    for (const path of [out.package, out.zip]) {
      if (path === null) continue;
      const [ms, result] = await timed(async () => verifyPackage(path));
      if (!result.ok) throw new Error(`verify failed for ${path}: ${JSON.stringify(result.problems)}`);
      verifies.push(ms);
    }
  }
  log(`yardstick after: ${yardstick().toFixed(0)} ms`);
  log('');
  log(`pages: ${runs[0]!.out.pages} (${lang}); ${pauseMs} ms between exports`);
  log(`cold export (browser launch included): ${cold.toFixed(0)} ms  (target 4000 ms: ${cold < 4000 ? 'met' : 'MISSED'})`);
  log(`first export once the dossier screen prepared the renderer: ${firstMs.toFixed(0)} ms  (target 4000 ms: ${firstMs < 4000 ? 'met' : 'MISSED'})`);
  log(`warm export: p50 ${percentile(warm, 50).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms  (target 2500 ms: ${Math.max(...warm) < 2500 ? 'met' : 'MISSED'})`);
  log(`verify (folder and zip): p50 ${percentile(verifies, 50).toFixed(0)} ms, max ${Math.max(...verifies).toFixed(0)} ms  (target 1000 ms: ${Math.max(...verifies) < 1000 ? 'met' : 'MISSED'})`);
} finally {
  core.close();
  await closeChromium();
  await server.close();
  if (values.keep) log(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
