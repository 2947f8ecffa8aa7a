import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

test('the renderer imports neither Node, Electron nor the core', async () => {
  const file = 'src/renderer/src/screens/example.ts';
  assert.equal((await restrictedImports(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
  assert.equal((await restrictedImports(file, "import fs from 'fs';\nexport const x = fs;\n")).length, 1);
  assert.equal((await restrictedImports(file, "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).length, 1);
  assert.equal((await restrictedImports(file, "import { createCore } from '../../../main/core.ts';\nexport const x = createCore;\n")).length, 1);
  assert.deepEqual(await restrictedImports(file, "import { channels } from '../../../shared/contract.ts';\nexport const x = channels;\n"), []);
});

test('the renderer never injects HTML', async () => {
  const found = await restrictedImports('src/renderer/src/screens/example.tsx', 'export function X(p: { t: string }) { return <div dangerouslySetInnerHTML={{ __html: p.t }} />; }\n');
  assert.equal(found.length, 1);
});

test('src/shared imports only pure packages', async () => {
  const file = 'src/shared/example.ts';
  assert.equal((await restrictedImports(file, "import { join } from 'node:path';\nexport const x = join;\n")).length, 1);
  assert.equal((await restrictedImports(file, "import { app } from 'electron';\nexport const x = app;\n")).length, 1);
  assert.equal((await restrictedImports(file, "import React from 'react';\nexport const x = React;\n")).length, 1);
  assert.deepEqual(await restrictedImports(file, "import { z } from 'zod';\nimport { UiLocale } from './schemas.ts';\nexport const x = [z, UiLocale];\n"), []);
});

test('core modules do not import Electron; the shell may', async () => {
  assert.equal((await restrictedImports('src/main/store/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).length, 1);
  assert.equal((await restrictedImports('src/cli/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).length, 1);
  assert.deepEqual(await restrictedImports('src/main/shell/example.ts', "import { app } from 'electron';\nexport const x = app;\n"), []);
});

test('the preload has no Node', async () => {
  assert.equal((await restrictedImports('src/preload/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
});

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'iblagh/layers').map((m) => m.message);
}

test('the core imports only downward: store → shared services → session → features → api → core', async () => {
  // Upward: the store knows no feature, no session; a shared service knows no feature.
  assert.equal((await layerProblems('src/main/store/example.ts', "import { projectReport } from '../reports/projection.ts';\nexport const x = projectReport;\n")).length, 1);
  assert.equal((await layerProblems('src/main/store/example.ts', "import { Session } from '../session/session.ts';\nexport const x = Session;\n")).length, 1);
  assert.equal((await layerProblems('src/main/settings/example.ts', "import { Session } from '../session/session.ts';\nexport const x = Session;\n")).length, 1);
  assert.equal((await layerProblems('src/main/audit/example.ts', "import { QueueService } from '../triage/queue-service.ts';\nexport const x = QueueService;\n")).length, 1);
  assert.equal((await layerProblems('src/main/urls/example.ts', "import { recordAudit } from '../audit/audit.ts';\nexport const x = recordAudit;\n")).length, 1);
  // Features never reach the dispatcher or the wiring.
  assert.equal((await layerProblems('src/main/reports/example.ts', "import { createHandlers } from '../api/handlers.ts';\nexport const x = createHandlers;\n")).length, 1);
  assert.equal((await layerProblems('src/main/sync/example.ts', "import { createCore } from '../core.ts';\nexport const x = createCore;\n")).length, 1);
  // The type-only form counts too: knowing a type is knowing the module.
  assert.equal((await layerProblems('src/main/store/example.ts', "import type { Session } from '../session/session.ts';\nexport type X = Session;\n")).length, 1);
  // Downward is fine.
  assert.deepEqual(await layerProblems('src/main/reports/example.ts', "import { recordAudit } from '../audit/audit.ts';\nimport type { Db } from '../store/database.ts';\nexport const x = recordAudit;\nexport type X = Db;\n"), []);
  assert.deepEqual(await layerProblems('src/main/api/example.ts', "import { reportsHandlers } from '../reports/handlers.ts';\nexport const x = reportsHandlers;\n"), []);
});

test('inside one layer, only the declared edges: sync and triage read reports, and never each other', async () => {
  assert.deepEqual(await layerProblems('src/main/sync/example.ts', "import { prepareReportIngest } from '../reports/ingest.ts';\nexport const x = prepareReportIngest;\n"), []);
  assert.deepEqual(await layerProblems('src/main/triage/example.ts', "import { clusterKeys } from '../reports/queue-reads.ts';\nexport const x = clusterKeys;\n"), []);
  assert.deepEqual(await layerProblems('src/main/profiles/example.ts', "import { Session } from '../session/session.ts';\nexport const x = Session;\n"), []);
  assert.equal((await layerProblems('src/main/sync/example.ts', "import { QueueService } from '../triage/queue-service.ts';\nexport const x = QueueService;\n")).length, 1);
  assert.equal((await layerProblems('src/main/triage/example.ts', "import { SyncService } from '../sync/sync-service.ts';\nexport const x = SyncService;\n")).length, 1);
  assert.equal((await layerProblems('src/main/reports/example.ts', "import { priorityOf } from '../triage/priority.ts';\nexport const x = priorityOf;\n")).length, 1);
  assert.equal((await layerProblems('src/main/session/example.ts', "import { ProfileService } from '../profiles/profiles.ts';\nexport const x = ProfileService;\n")).length, 1);
  assert.equal((await layerProblems('src/main/audit/example.ts', "import { readSettings } from '../settings/settings.ts';\nexport const x = readSettings;\n")).length, 1);
});

test('a new folder of the core must be given a layer', async () => {
  const found = await layerProblems('src/main/newthing/example.ts', "import { recordAudit } from '../audit/audit.ts';\nexport const x = recordAudit;\n");
  assert.equal(found.length, 1);
  assert.match(found[0]!, /in no layer/);
});
