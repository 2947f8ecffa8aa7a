// Builds resources/diagnostics/confusables.json from Unicode's confusables.txt
// (UTS #39 security data), for the offline URL diagnostics' skeletons
// (src/main/diagnostics/confusables.ts).
//
//   node scripts/confusables.mjs path/to/confusables.txt
//
// Source used (resources/diagnostics/README.md): unicode-org/unicodetools,
// unicodetools/data/security/16.0.0/confusables.txt. Every mapping of the file
// is kept (none is dropped), grouped by prototype so that the table stays
// compact and readable: { "<prototype hex, space separated>": "<source hex> <source hex> ..." }.
import { readFileSync, writeFileSync } from 'node:fs';

export function buildTable(text) {
  const version = /^#\s*Version:\s*(\S+)/m.exec(text)?.[1];
  const date = /^#\s*Date:\s*(.+)$/m.exec(text)?.[1]?.trim();
  if (!version) throw new Error('Not a confusables.txt: no "# Version:" line.');
  const byTarget = new Map();
  let count = 0;
  for (const line of text.split('\n')) {
    const data = line.replace(/^\uFEFF/, '').split('#')[0].trim();
    if (data === '') continue;
    const fields = data.split(';').map((field) => field.trim());
    if (fields.length < 3) throw new Error(`Unexpected line: ${line}`);
    const [source, target, type] = fields;
    if (type !== 'MA') throw new Error(`Unexpected mapping type ${type}: ${line}`);
    if (!/^[0-9A-F]{4,6}$/.test(source) || !/^[0-9A-F]{4,6}( [0-9A-F]{4,6})*$/.test(target)) throw new Error(`Unexpected line: ${line}`);
    const sources = byTarget.get(target) ?? [];
    sources.push(source);
    byTarget.set(target, sources);
    count++;
  }
  return {
    source: {
      file: 'confusables.txt (Unicode Security Mechanisms, UTS #39)',
      version,
      date,
      license: 'Unicode License v3 (https://www.unicode.org/license.txt)',
      regenerate: 'node scripts/confusables.mjs path/to/confusables.txt',
    },
    mappings: count,
    prototypes: Object.fromEntries([...byTarget].map(([target, sources]) => [target, sources.join(' ')])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/confusables.mjs path/to/confusables.txt');
    process.exit(2);
  }
  const table = buildTable(readFileSync(file, 'utf8'));
  writeFileSync(new URL('../resources/diagnostics/confusables.json', import.meta.url), `${JSON.stringify(table, null, 1)}\n`);
  console.log(`resources/diagnostics/confusables.json written: Unicode ${table.source.version}, ${table.mappings} mappings, ${Object.keys(table.prototypes).length} prototypes`);
}
