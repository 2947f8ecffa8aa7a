#!/usr/bin/env node
// The headless command line. It runs the TypeScript sources directly with
// Node's built-in type stripping (Node 22.18 and later, on by default).
if (!process.features.typescript) {
  console.error(
    `iblagh-ws: Node.js ${process.versions.node} cannot run TypeScript directly; use Node.js 24 LTS (at least 22.18).`,
  );
  process.exit(2);
}
// First, so that the modules loaded next (the core, playwright-core) use the compile cache.
const { enableCliCompileCache } = await import('../src/cli/compile-cache.ts');
enableCliCompileCache();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
