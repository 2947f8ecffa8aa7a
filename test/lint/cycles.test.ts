/**
 * No import cycle in the core: every module of src/main is read, its relative
 * imports (static, dynamic, re-exports, type-only) followed, and the strongly
 * connected components of that graph computed (Tarjan). Any component of more
 * than one module, or a module importing itself, is a cycle.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(new URL('../..', import.meta.url).pathname);
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The module graph: each file → the files of the same tree it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const match of source.matchAll(IMPORT)) {
      const target = resolve(dirname(file), (match[1] ?? match[2])!);
      if (known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Tarjan's strongly connected components; returns those that are cycles. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

test('the cycle finder finds cycles (and only cycles)', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
    ['e', ['e']],
    ['f', ['d']],
  ]);
  assert.deepEqual(cycles(graph).sort(), [['a', 'b', 'c'], ['e']]);
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', []]])), []);
});

test('the import reader follows static, type-only, re-export and dynamic imports', () => {
  const here = join(root, 'src/main/core.ts');
  const graph = importGraph(modules(join(root, 'src/main')));
  const direct = (graph.get(here) ?? []).map((file) => relative(join(root, 'src/main'), file));
  assert.ok(direct.includes('api/dispatch.ts'), `core.ts imports: ${direct.join(', ')}`);
  assert.ok(direct.includes('session/session.ts'));
});

test('no import cycle in src/main, between modules or between feature folders', () => {
  const files = modules(join(root, 'src/main'));
  assert.ok(files.length > 50);
  const graph = importGraph(files);
  const fileCycles = cycles(graph).map((cycle) => cycle.map((file) => relative(root, file)));
  assert.deepEqual(fileCycles, [], `import cycles: ${JSON.stringify(fileCycles)}`);
  // The same at the folder level: src/main/<folder> (or a top-level file).
  const folderOf = (file: string): string => relative(join(root, 'src/main'), file).split('/')[0]!.replace(/\.ts$/, '');
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    const set = folders.get(from) ?? new Set<string>();
    for (const target of targets) if (folderOf(target) !== from) set.add(folderOf(target));
    folders.set(from, set);
  }
  const folderCycles = cycles(new Map([...folders].map(([folder, targets]) => [folder, [...targets]])));
  assert.deepEqual(folderCycles, [], `folder cycles: ${JSON.stringify(folderCycles)}`);
});
