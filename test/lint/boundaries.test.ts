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
