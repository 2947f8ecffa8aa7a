// The layers of the core (src/main), enforced like the process edges are.
//
// A folder may import from any folder of a lower layer, from itself, and from
// the folders of its own layer listed in SAME_LAYER. Nothing imports upward.
// (VS Code orders `base` → `platform` → features the same way, with its
// `code-layering` rule.) See docs/architecture.md.
import path from 'node:path';

/** Lowest first. A name is a folder of src/main, or a file of src/main without `.ts`. */
export const LAYERS = [
  { name: 'base', folders: ['errors', 'version'] },
  { name: 'store', folders: ['store'] },
  { name: 'shared services', folders: ['crypto', 'audit', 'settings', 'urls', 'text', 'browser'] },
  { name: 'session', folders: ['session', 'profiles'] },
  {
    name: 'features',
    folders: ['reports', 'observables', 'jurisdiction', 'sync', 'triage', 'cases', 'evidence', 'diagnostics', 'dossiers', 'backup', 'retention'],
  },
  { name: 'api', folders: ['api'] },
  { name: 'core', folders: ['core'] },
  { name: 'electron shell', folders: ['shell'] },
  { name: 'electron entry', folders: ['index'] },
];

/** Allowed imports between folders of one layer: importer → what it may import. */
export const SAME_LAYER = {
  profiles: ['session'],
  sync: ['reports', 'observables'],
  triage: ['reports'],
  reports: ['observables'],
  cases: ['reports', 'observables', 'jurisdiction', 'triage'],
  evidence: ['reports', 'cases'],
  diagnostics: ['reports', 'cases', 'evidence'],
  dossiers: ['reports', 'cases', 'evidence', 'diagnostics', 'observables', 'jurisdiction', 'triage'],
  retention: ['reports', 'cases', 'evidence'],
};

const layerOf = new Map(LAYERS.flatMap((layer, rank) => layer.folders.map((folder) => [folder, { rank, name: layer.name }])));

/** The folder (or top-level file) of src/main a path is in, or null outside src/main. */
function mainFolder(file, root) {
  const relative = path.relative(path.join(root, 'src', 'main'), file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? first.replace(/\.tsx?$/, '') : first;
}

/** Whether `from` may import `to`; with the reason when not. */
export function layerVerdict(from, to) {
  if (from === to) return null;
  const a = layerOf.get(from);
  const b = layerOf.get(to);
  if (!a) return `src/main/${from} is in no layer: add it to LAYERS in eslint/layers.js`;
  if (!b) return `src/main/${to} is in no layer: add it to LAYERS in eslint/layers.js`;
  if (b.rank < a.rank) return null;
  if (b.rank === a.rank && (SAME_LAYER[from] ?? []).includes(to)) return null;
  if (b.rank === a.rank) return `src/main/${from} may not import src/main/${to}: both are ${a.name}, and SAME_LAYER in eslint/layers.js does not allow it`;
  return `src/main/${from} (${a.name}) may not import src/main/${to} (${b.name}): the core's layers only import downward`;
}

export const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'The layers of the core only import downward (eslint/layers.js).' } },
  create(context) {
    const root = context.cwd;
    const from = mainFolder(context.filename, root);
    if (from === null) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = mainFolder(path.resolve(path.dirname(context.filename), source), root);
      if (to === null) return;
      const problem = layerVerdict(from, to);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { layers: layersRule } };
