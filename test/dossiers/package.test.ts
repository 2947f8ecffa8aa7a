/**
 * The sealed package (issue #12): safe names, the manifest and its Ed25519
 * signature, the deterministic zip, and `iblagh-ws dossier verify` through the
 * real command line: every tampering caught with its kind, hostile zips
 * refused without exhausting memory or writing anything, the LISEZMOI's hand
 * check run with the real openssl, and a 50 MB package verified under 1 s.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { crc32, createDeflateRaw } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { keyFingerprint } from '../../src/main/crypto/intake-key.ts';
import { MANIFEST_NAME, parseSignatureFile, signatureFile, type ManifestSigner } from '../../src/main/dossiers/package/manifest.ts';
import { HAND_CHECK_COMMANDS, README_NAME } from '../../src/main/dossiers/package/readme.ts';
import { isSafePackagePath, safeFileName, UniqueNames } from '../../src/main/dossiers/package/safe-name.ts';
import { verifyPackage } from '../../src/main/dossiers/package/verify.ts';
import { abandonPackage, completePackage, PackageError, PARTIAL_MAX_AGE_MS, piecesDigest, stagePackage, sweepCrashLeftovers, writePackage, type PackageFields, type PackagePiece } from '../../src/main/dossiers/package/write.ts';
import { cliAsync as cli } from '../helpers/cli.ts';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-package-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function makeSigner(): ManifestSigner & { privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    sign: (bytes) => sign(null, bytes, privateKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    fingerprint: keyFingerprint(publicKey),
  };
}

const FIELDS: PackageFields = {
  case_ref: 'DOS-2026-WSRABAT03-00017',
  version: 1,
  created_at: '2026-03-14T09:26:53.000Z',
  analyst: 'كريمة بنعلي',
  workstation: 'WSRABAT03',
  generator: 'iblagh-workstation test',
  audit_head: { index: 1234, hash: 'a'.repeat(64) },
  lang: 'ar',
};

/** A package's pieces: evidence under hostile names made safe, and two reports' signed originals. */
function pieces(): PackagePiece[] {
  const names = new UniqueNames();
  const evidence = (id: string, name: string, bytes: Buffer): PackagePiece => ({ path: `evidence/${id}-${names.take(name)}`, bytes });
  return [
    evidence('EV-2026-WSRABAT03-000001', 'صورة الشاشة.png', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n'), randomBytes(2000)])),
    evidence('EV-2026-WSRABAT03-000002', '../../etc/passwd', Buffer.from('root:x:0:0\n')),
    evidence('EV-2026-WSRABAT03-000003', 'facture\u202Egpj.exe', Buffer.from('MZ not really')),
    evidence('EV-2026-WSRABAT03-000004', 'CON.txt', Buffer.from('device name')),
    evidence('EV-2026-WSRABAT03-000005', 'page.html', Buffer.from('<script>alert(1)</script>\n'.repeat(200))),
    { path: 'originals/IBL-2026-000101/payload.json', bytes: Buffer.from('{"id":"IBL-2026-000101","description":"نص البلاغ"}') },
    { path: 'originals/IBL-2026-000101/signature.b64', bytes: Buffer.from(randomBytes(64).toString('base64')) },
    { path: 'originals/IBL-2026-000101/intake-key.pem', bytes: Buffer.from('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n') },
    { path: 'originals/IBL-2026-000102/payload.json', bytes: Buffer.from('{"id":"IBL-2026-000102"}') },
    { path: 'originals/IBL-2026-000102/signature.b64', bytes: Buffer.from(randomBytes(64).toString('base64')) },
    { path: 'originals/IBL-2026-000102/intake-key.pem', bytes: Buffer.from('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n') },
  ];
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(30_000), Buffer.from('\n%%EOF\n')]);

interface Verdict {
  ok: boolean;
  signer: string | null;
  problems: Array<{ path: string; kind: string; detail?: string }>;
}

async function verifyCli(path: string, ...extra: string[]): Promise<{ status: number | null; verdict: Verdict; stderr: string }> {
  const run = await cli(['dossier', 'verify', path, '--json', ...extra]);
  return { status: run.status, verdict: JSON.parse(run.stdout) as Verdict, stderr: run.stderr };
}

/** verifyPackage in this process, for the many cases the CLI tests below do not need to repeat (each CLI start loads the core). */
function verifyHere(path: string, keyFingerprint?: string): Verdict {
  const result = verifyPackage(path, { keyFingerprint });
  return { ok: result.ok, signer: result.signer, problems: result.problems };
}

const kinds = (v: Verdict) => v.problems.map((p) => `${p.kind} ${p.path}`).sort();

/** A zip of a folder's files, as any tool would make one (fflate, deflated). */
function zipFolder(dir: string, skip: (path: string) => boolean = () => false): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (sub: string) => {
    for (const d of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${d.name}` : d.name;
      if (d.isDirectory()) walk(rel);
      else if (!skip(rel)) files[rel] = readFileSync(join(dir, rel));
    }
  };
  walk('');
  return zipSync(files);
}

interface RawEntry {
  name: string | Buffer;
  /** The bytes as stored (already deflated for method 8). */
  data: Buffer;
  method: 0 | 8;
  size: number;
  crc: number;
  /** Point this central entry at another entry's local header (overlapping entries). */
  sameDataAs?: number;
}

/** A zip written byte by byte, to say what fflate never would. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    if (e.sameDataAs === undefined) {
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(0x800, 6);
      h.writeUInt16LE(e.method, 8);
      h.writeUInt32LE(e.crc, 14);
      h.writeUInt32LE(e.data.length, 18);
      h.writeUInt32LE(e.size, 22);
      h.writeUInt16LE(name.length, 26);
      locals.push(h, name, e.data);
      offsets[i] = offset;
      offset += 30 + name.length + e.data.length;
    } else {
      offsets[i] = offsets[e.sameDataAs]!;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offsets[i]!, 42);
    central.push(c, name);
  });
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function stored(name: string, bytes: Buffer): RawEntry {
  return { name, data: bytes, method: 0, size: bytes.length, crc: crc32(bytes) >>> 0 };
}

/** The entries of a package folder, stored, for rawZip. */
function folderEntries(dir: string): RawEntry[] {
  return Object.entries(unzipSync(zipFolder(dir))).map(([name, bytes]) => stored(name, Buffer.from(bytes)));
}

/** `size` bytes of zeros, deflated without ever holding them. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

function writeSample(t: TestContext, signer = makeSigner()): { root: string; dir: string; zip: string; signer: ReturnType<typeof makeSigner>; written: ReturnType<typeof writePackage> } {
  const root = tempDir(t);
  const written = writePackage({ dir: join(root, 'DOS-2026-WSRABAT03-00017-v1'), zip: true, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: pieces(), fields: FIELDS, signer });
  return { root, dir: written.dir, zip: written.zipPath!, signer, written };
}

test('safeFileName: hostile names made safe for every OS, idempotent, extension kept; UniqueNames numbers repeats', () => {
  const hostile = [
    '../../etc/passwd',
    '..\\..\\Windows\\win.ini',
    '/absolute/path.txt',
    'C:\\evil.bat',
    'facture\u202Egpj.exe',
    'a\u200Bb\u2066c\u2069\uFEFFd.txt',
    'line\nbreak\r\tand\u0000nul.png',
    'CON',
    'con.txt',
    'Lpt1.tar.gz',
    'COM¹.log',
    'name. . .',
    '   leading spaces and dots...   ',
    '.hidden',
    '..',
    '.',
    '',
    '\u202E\u200B',
    'what?<>:"|*.doc',
    'division\u2215slash\uFF0Ffullwidth.jpg',
    'e\u0301te\u0301.jpg',
    `${'و'.repeat(300)}.jpeg`,
    `${'x'.repeat(500)}.verylongextensionthatisnotone`,
    'تقرير الحالة.pdf',
  ];
  for (const name of hostile) {
    const safe = safeFileName(name);
    assert.ok(safe.length > 0, JSON.stringify(name));
    assert.doesNotMatch(safe, /[/\\\u2215\uFF0F<>:"|?*]/, safe);
    assert.doesNotMatch(safe, /[\p{Cc}\p{Cf}]/u, safe);
    assert.doesNotMatch(safe, /\.\./, safe);
    assert.doesNotMatch(safe, /^[.\s]|[.\s]$/, safe);
    assert.doesNotMatch(safe.split('.')[0]!, /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i, safe);
    assert.ok(Buffer.byteLength(safe) <= 120, `${safe}: ${Buffer.byteLength(safe)} bytes`);
    assert.equal(safe, safe.normalize('NFC'));
    assert.equal(safeFileName(safe), safe, `idempotent: ${safe}`);
    assert.ok(isSafePackagePath(`evidence/${safe}`));
  }
  assert.equal(safeFileName('../../etc/passwd'), 'etc_passwd');
  assert.equal(safeFileName('facture\u202Egpj.exe'), 'facturegpj.exe');
  assert.equal(safeFileName('CON.txt'), '_CON.txt');
  assert.equal(safeFileName('e\u0301te\u0301.jpg'), 'été.jpg');
  assert.equal(safeFileName('تقرير الحالة.pdf'), 'تقرير الحالة.pdf');
  assert.equal(safeFileName(''), 'fichier');
  assert.match(safeFileName(`${'و'.repeat(300)}.jpeg`), /^و+\.jpeg$/, 'the extension survives truncation');
  assert.equal(isSafePackagePath('../x'), false);
  assert.equal(isSafePackagePath('/etc/x'), false);
  assert.equal(isSafePackagePath('a\\b'), false);
  assert.equal(isSafePackagePath('a//b'), false);

  const unique = new UniqueNames();
  assert.deepEqual(['photo.jpg', 'photo.jpg', 'Photo.JPG', 'photo', 'photo'].map((n) => unique.take(n)), ['photo.jpg', 'photo-2.jpg', 'Photo-3.JPG', 'photo', 'photo-2']);
});

test('writePackage: manifest, signature, LISEZMOI and deterministic zip; verify ok for the folder and the zip through the CLI', async (t) => {
  const signer = makeSigner();
  const root = tempDir(t);
  const given = pieces();
  const digestBefore = piecesDigest(given);
  const write = (name: string) => writePackage({ dir: join(root, name), zip: true, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: given, fields: FIELDS, signer });
  const written = write('a');
  assert.equal(written.piecesSha256, digestBefore, 'the digest the PDF prints is the one the manifest records');
  assert.equal(written.zipPath, `${written.dir}.zip`);

  const manifestBytes = readFileSync(join(written.dir, MANIFEST_NAME));
  assert.equal(createHash('sha256').update(manifestBytes).digest('hex'), written.manifestSha256);
  assert.ok(manifestBytes.toString().endsWith('}\n'));
  const manifest = JSON.parse(manifestBytes.toString()) as Record<string, unknown> & { files: Array<{ path: string; size: number; sha256: string }> };
  assert.deepEqual(Object.keys(manifest), [...Object.keys(manifest)].sort(), 'keys sorted');
  assert.equal(manifest['format'], 'iblagh-dossier/1');
  assert.equal(manifest['pieces_sha256'], digestBefore);
  assert.equal(manifest['analyst'], 'كريمة بنعلي');
  for (const key of ['case_ref', 'version', 'created_at', 'workstation', 'generator', 'audit_head', 'lang', 'pdf']) assert.ok(key in manifest, key);
  assert.deepEqual(
    manifest.files.map((f) => f.path),
    [...given.map((p) => p.path), 'dossier.pdf', README_NAME].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
  );
  assert.ok(manifest.files.some((f) => f.path === 'evidence/EV-2026-WSRABAT03-000001-صورة الشاشة.png'));
  assert.ok(manifest.files.some((f) => f.path === 'evidence/EV-2026-WSRABAT03-000004-_CON.txt'));
  const sig = parseSignatureFile(readFileSync(join(written.dir, 'manifest.sig')));
  assert.equal(sig.fingerprint, signer.fingerprint);
  const readme = readFileSync(join(written.dir, README_NAME), 'utf8');
  assert.ok(readme.startsWith('\uFEFFLISEZMOI / اقرأني'));
  assert.match(readme, /iblagh-ws dossier verify/);

  // The zip: same files, sorted, fixed timestamps, non-ASCII names flagged UTF-8; the same input gives the same bytes.
  const zipBytes = readFileSync(written.zipPath!);
  const unzipped = unzipSync(zipBytes);
  assert.deepEqual(Object.keys(unzipped), [...manifest.files.map((f) => f.path), 'manifest.json', 'manifest.sig'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  for (const [name, bytes] of Object.entries(unzipped)) assert.deepEqual(Buffer.from(bytes), readFileSync(join(written.dir, name)), name);
  assert.deepEqual(readFileSync(write('b').zipPath!), zipBytes, 'deterministic');
  // Another time zone on the machine changes nothing (Ed25519 signatures are deterministic too).
  const input = join(root, 'input.json');
  writeFileSync(input, JSON.stringify({ pdf: PDF.toString('base64'), pieces: given.map((p) => ({ path: p.path, bytes: Buffer.from(p.bytes).toString('base64') })), key: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) }));
  const child = join(root, 'child.mjs');
  writeFileSync(
    child,
    `import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { writePackage } from ${JSON.stringify(new URL('../../src/main/dossiers/package/write.ts', import.meta.url).pathname)};
import { keyFingerprint } from ${JSON.stringify(new URL('../../src/main/crypto/intake-key.ts', import.meta.url).pathname)};
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const key = createPrivateKey(input.key);
const pub = createPublicKey(key);
const signer = { sign: (b) => sign(null, b, key), publicKeyPem: pub.export({ type: 'spki', format: 'pem' }), fingerprint: keyFingerprint(pub) };
const b64 = (s) => Buffer.from(s, 'base64');
writePackage({ dir: process.argv[3], zip: true, pdf: { name: 'dossier.pdf', bytes: b64(input.pdf) }, pieces: input.pieces.map((p) => ({ path: p.path, bytes: b64(p.bytes) })), fields: ${JSON.stringify(FIELDS)}, signer });
`,
  );
  for (const tz of ['Asia/Tokyo', 'America/Los_Angeles', 'Africa/Casablanca']) {
    const out = join(root, `tz-${tz.replace('/', '-')}`);
    execFileSync(process.execPath, [child, input, out], { env: { ...process.env, TZ: tz } });
    assert.deepEqual(readFileSync(`${out}.zip`), zipBytes, `same zip under TZ=${tz}`);
  }
  // DOS date and time fields: created_at as UTC wall time (2-second steps); unzip prefers the exact extended timestamp.
  assert.equal(Buffer.from(zipBytes).readUInt16LE(10), (9 << 11) | (26 << 5) | (52 >> 1));
  assert.equal(Buffer.from(zipBytes).readUInt16LE(12), ((2026 - 1980) << 9) | (3 << 5) | 14);
  const unzipList = execFileSync('unzip', ['-Z', '-T', written.zipPath!], { encoding: 'utf8' });
  assert.equal(unzipList.match(/ 20260314\.092653 /g)?.length, manifest.files.length + 2);

  for (const path of [written.dir, written.zipPath!]) {
    const { status, verdict, stderr } = await verifyCli(path);
    assert.equal(status, 0, stderr);
    assert.deepEqual(verdict, { ok: true, signer: signer.fingerprint, problems: [] });
    const pinned = await verifyCli(path, '--key-fingerprint', signer.fingerprint.replaceAll(':', '').toLowerCase());
    assert.equal(pinned.status, 0, pinned.stderr);
  }
  // Info-ZIP's unzip tests the archive and extracts it to a folder that verifies as the original.
  execFileSync('unzip', ['-tq', written.zipPath!]);
  const extracted = join(root, 'extracted');
  execFileSync('unzip', ['-q', written.zipPath!, '-d', extracted]);
  assert.deepEqual(verifyHere(extracted), { ok: true, signer: signer.fingerprint, problems: [] });
  const human = await cli(['dossier', 'verify', written.dir]);
  assert.equal(human.status, 0);
  assert.match(human.stdout, /conforme/);
  assert.match(human.stdout, new RegExp(`${written.files.length} fichier\\(s\\) vérifié\\(s\\)`));
});

test('writePackage never overwrites, and refuses unsafe paths and a signer that does not match its key', (t) => {
  const { root, dir, zip, signer } = writeSample(t);
  const before = readFileSync(join(dir, MANIFEST_NAME));
  const again = () => writePackage({ dir, zip: true, pdf: { name: 'dossier.pdf', bytes: Buffer.from('%PDF other') }, pieces: [], fields: FIELDS, signer });
  assert.throws(again, PackageError);
  assert.deepEqual(readFileSync(join(dir, MANIFEST_NAME)), before);
  // The zip's name taken, the folder's free: nothing is written at all.
  const other = join(root, 'other');
  writeFileSync(`${other}.zip`, 'someone else');
  assert.throws(() => writePackage({ dir: other, zip: true, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [], fields: FIELDS, signer }), /already exists/);
  assert.equal(existsSync(other), false);
  assert.equal(readFileSync(`${other}.zip`, 'utf8'), 'someone else');
  assert.ok(existsSync(zip));
  const fresh = join(root, 'fresh');
  assert.throws(() => writePackage({ dir: fresh, zip: false, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [{ path: '../escape.txt', bytes: Buffer.from('x') }], fields: FIELDS, signer }), /Unsafe path/);
  assert.throws(() => writePackage({ dir: fresh, zip: false, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [{ path: 'evidence/a.txt', bytes: Buffer.from('x') }, { path: 'evidence/A.TXT', bytes: Buffer.from('y') }], fields: FIELDS, signer }), /Two files/);
  assert.throws(() => writePackage({ dir: fresh, zip: false, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [{ path: 'manifest.json', bytes: Buffer.from('{}') }], fields: FIELDS, signer }), /Two files/);
  const liar = { ...makeSigner(), fingerprint: signer.fingerprint };
  assert.throws(() => writePackage({ dir: fresh, zip: false, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [], fields: FIELDS, signer: liar }), /fingerprint/);
  const wrongKey = { ...makeSigner(), publicKeyPem: signer.publicKeyPem };
  assert.throws(() => writePackage({ dir: fresh, zip: false, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: [], fields: FIELDS, signer: wrongKey }), /does not verify/);
  assert.equal(existsSync(fresh), false);
  assert.deepEqual(readdirSync(root).sort(), ['DOS-2026-WSRABAT03-00017-v1', 'DOS-2026-WSRABAT03-00017-v1.zip', 'other.zip'], 'nothing partial left behind');
});

/** Every file under `dir`, by its path relative to it, with its bytes. */
function filesUnder(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name));
  }
  return out;
}

test('stagePackage + completePackage (the export: pieces written while the PDF prints) make the same package as writePackage; a package given up leaves nothing', async (t) => {
  const signer = makeSigner();
  const root = tempDir(t);
  const given = pieces();
  const whole = writePackage({ dir: join(root, 'whole'), zip: true, pdf: { name: 'dossier.pdf', bytes: PDF }, pieces: given, fields: FIELDS, signer });
  const stage = stagePackage({ dir: join(root, 'staged'), zip: true, pdfName: 'dossier.pdf', pieces: given });
  assert.ok(existsSync(join(root, 'staged')), 'the final name is reserved at once');
  const staged = completePackage(stage, { pdf: PDF, fields: FIELDS, signer });
  assert.deepEqual({ ...staged, dir: '', zipPath: '' }, { ...whole, dir: '', zipPath: '' });
  assert.deepEqual(filesUnder(staged.dir), filesUnder(whole.dir), 'the same files, byte for byte');
  assert.deepEqual(readFileSync(staged.zipPath!), readFileSync(whole.zipPath!), 'the same zip, byte for byte');
  assert.equal((await verifyPackage(staged.zipPath!)).ok, true);

  // Given up (the render failed): the staging folder, the partial zip and the reservation go.
  const dropped = stagePackage({ dir: join(root, 'dropped'), zip: true, pdfName: 'dossier.pdf', pieces: given });
  abandonPackage(dropped);
  // Completed with a signer that does not match its key: refused, and nothing left either.
  const refused = stagePackage({ dir: join(root, 'refused'), zip: true, pdfName: 'dossier.pdf', pieces: given });
  assert.throws(() => completePackage(refused, { pdf: PDF, fields: FIELDS, signer: { ...makeSigner(), fingerprint: signer.fingerprint } }), /fingerprint/);
  // A name taken is refused before anything is written; a staged name is taken until completed or given up.
  assert.throws(() => stagePackage({ dir: whole.dir, zip: false, pdfName: 'dossier.pdf', pieces: given }), /already exists/);
  const held = stagePackage({ dir: join(root, 'held'), zip: false, pdfName: 'dossier.pdf', pieces: given });
  assert.throws(() => stagePackage({ dir: join(root, 'held'), zip: false, pdfName: 'dossier.pdf', pieces: given }), /already exists/);
  assert.throws(() => stagePackage({ dir: join(root, 'bad'), zip: false, pdfName: 'dossier.pdf', pieces: [{ path: '../escape.txt', bytes: Buffer.from('x') }] }), /Unsafe path/);
  abandonPackage(held);
  assert.deepEqual(readdirSync(root).sort(), ['staged', 'staged.zip', 'whole', 'whole.zip'], 'nothing partial left behind');
});

test('sweepCrashLeftovers: a crashed write\'s staging files and empty reservation go once old; young ones, full folders and others\' files stay', (t) => {
  const root = tempDir(t);
  const dir = join(root, 'DOS-2026-X-00001-v1');
  // What a crash between writePackage's reservation and its rename leaves: the empty reservation, the staging folder, the partial zip.
  mkdirSync(dir);
  mkdirSync(join(root, 'DOS-2026-X-00001-v1.partial-0123456789ab'));
  writeFileSync(join(root, 'DOS-2026-X-00001-v1.partial-0123456789ab', 'dossier.pdf'), '%PDF half');
  writeFileSync(join(root, 'DOS-2026-X-00001-v1.zip.partial-0123456789ab'), 'PK half');
  // Not leftovers of this package: another version's, a look-alike name, a file of the analyst's.
  mkdirSync(join(root, 'DOS-2026-X-00001-v10.partial-0123456789ab'));
  writeFileSync(join(root, 'DOS-2026-X-00001-v1.partial-notours'), 'keep');
  writeFileSync(join(root, 'notes.txt'), 'keep');
  const now = Date.now();
  assert.deepEqual(sweepCrashLeftovers(dir, true, now), [], 'young partials may belong to an export in progress');
  assert.ok(existsSync(dir));
  const removed = sweepCrashLeftovers(dir, true, now + PARTIAL_MAX_AGE_MS + 1000);
  assert.equal(removed.length, 3);
  assert.deepEqual(readdirSync(root).sort(), ['DOS-2026-X-00001-v1.partial-notours', 'DOS-2026-X-00001-v10.partial-0123456789ab', 'notes.txt']);
  // A folder under the final name that holds anything stays, even beside an old partial.
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), '{}');
  const stale = join(root, 'DOS-2026-X-00001-v1.partial-ba9876543210');
  mkdirSync(stale);
  const old = new Date(now - PARTIAL_MAX_AGE_MS - 60_000);
  utimesSync(stale, old, old);
  assert.deepEqual(sweepCrashLeftovers(dir, false), [stale]);
  assert.equal(readFileSync(join(dir, 'manifest.json'), 'utf8'), '{}');
});

test('dossier verify: each tampering of a folder caught with its kind', async (t) => {
  const { root, dir, signer } = writeSample(t);
  let n = 0;
  const copy = (): string => {
    const target = join(root, `copy-${(n += 1)}`);
    cpSync(dir, target, { recursive: true });
    return target;
  };
  const flipByte = (file: string, at: number) => {
    const bytes = readFileSync(file);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
  };
  const evidence = 'evidence/EV-2026-WSRABAT03-000001-صورة الشاشة.png';
  const cases: Array<{ what: string; tamper: (d: string) => void; expect: string[] }> = [
    { what: 'a changed byte in the PDF', tamper: (d) => flipByte(join(d, 'dossier.pdf'), 5000), expect: ['changed dossier.pdf'] },
    { what: 'a changed byte in an evidence file', tamper: (d) => flipByte(join(d, evidence), 100), expect: [`changed ${evidence}`] },
    { what: 'an evidence file one byte longer', tamper: (d) => appendFileSync(join(d, evidence), 'x'), expect: [`changed ${evidence}`] },
    { what: 'a changed byte in manifest.json (the analyst)', tamper: (d) => writeFileSync(join(d, MANIFEST_NAME), readFileSync(join(d, MANIFEST_NAME), 'utf8').replace('WSRABAT03"', 'WSRABAT04"')), expect: ['signature manifest.sig'] },
    {
      what: 'manifest.json edited to match a changed file',
      tamper: (d) => {
        const m = readFileSync(join(d, MANIFEST_NAME), 'utf8');
        const old = createHash('sha256').update(readFileSync(join(d, evidence))).digest('hex');
        writeFileSync(join(d, evidence), 'forged');
        writeFileSync(join(d, MANIFEST_NAME), m.replace(old, createHash('sha256').update('forged').digest('hex')));
      },
      expect: ['changed ' + evidence, 'manifest manifest.json', 'signature manifest.sig'],
    },
    { what: 'manifest.json no longer JSON', tamper: (d) => flipByte(join(d, MANIFEST_NAME), 0), expect: ['manifest manifest.json', 'signature manifest.sig'] },
    { what: 'a removed file', tamper: (d) => unlinkSync(join(d, 'originals/IBL-2026-000102/payload.json')), expect: ['missing originals/IBL-2026-000102/payload.json'] },
    { what: 'an added file', tamper: (d) => writeFileSync(join(d, 'evidence/ajout.txt'), 'added'), expect: ['extra evidence/ajout.txt'] },
    { what: 'an added folder and file', tamper: (d) => cpSync(join(d, 'originals'), join(d, 'autres'), { recursive: true }), expect: readdirSync(join(dir, 'originals'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `extra autres/${join(e.parentPath, e.name).slice(join(dir, 'originals').length + 1)}`) },
    { what: 'a link in place of a file', tamper: (d) => { unlinkSync(join(d, 'dossier.pdf')); symlinkSync(join(dir, 'dossier.pdf'), join(d, 'dossier.pdf')); }, expect: ['changed dossier.pdf'] },
    { what: 'manifest.sig removed', tamper: (d) => unlinkSync(join(d, 'manifest.sig')), expect: ['missing manifest.sig'] },
    {
      what: 'a swapped signature (the same key over other bytes)',
      tamper: (d) => {
        const parsed = parseSignatureFile(readFileSync(join(d, 'manifest.sig')));
        writeFileSync(join(d, 'manifest.sig'), signatureFile(signer.sign(Buffer.from('another manifest')), parsed.publicKeyPem, parsed.fingerprint));
      },
      expect: ['signature manifest.sig'],
    },
    {
      what: 'a swapped key (another key, the original signature)',
      tamper: (d) => {
        const parsed = parseSignatureFile(readFileSync(join(d, 'manifest.sig')));
        const other = makeSigner();
        writeFileSync(join(d, 'manifest.sig'), signatureFile(parsed.signature, other.publicKeyPem, other.fingerprint));
      },
      expect: ['signature manifest.sig'],
    },
    {
      what: 'a fingerprint line that does not belong to the key',
      tamper: (d) => {
        const parsed = parseSignatureFile(readFileSync(join(d, 'manifest.sig')));
        writeFileSync(join(d, 'manifest.sig'), signatureFile(parsed.signature, parsed.publicKeyPem, makeSigner().fingerprint));
      },
      expect: ['signature manifest.sig'],
    },
  ];
  for (const [i, c] of cases.entries()) {
    const d = copy();
    c.tamper(d);
    // Through the real command line for the tamperings the issue names; in this process for the others.
    const real = i < 8 || i === 11 || i === 12;
    const { status, verdict } = real ? await verifyCli(d) : { status: 1, verdict: verifyHere(d) };
    assert.equal(status, 1, c.what);
    assert.equal(verdict.ok, false, c.what);
    assert.deepEqual(kinds(verdict), [...c.expect].sort(), c.what);
  }

  // Another valid key re-signing the manifest: fine unless the original key is pinned.
  const resigned = copy();
  const other = makeSigner();
  writeFileSync(join(resigned, 'manifest.sig'), signatureFile(other.sign(readFileSync(join(resigned, MANIFEST_NAME))), other.publicKeyPem, other.fingerprint));
  const unpinned = await verifyCli(resigned);
  assert.equal(unpinned.status, 0);
  assert.equal(unpinned.verdict.signer, other.fingerprint);
  const pinned = await verifyCli(resigned, '--key-fingerprint', signer.fingerprint);
  assert.equal(pinned.status, 1);
  assert.equal(pinned.verdict.signer, other.fingerprint);
  assert.deepEqual(kinds(pinned.verdict), ['signature manifest.sig']);

  // The human report names each problem in French and exits 1.
  const d = copy();
  flipByte(join(d, 'dossier.pdf'), 10);
  writeFileSync(join(d, 'evidence/ajout.txt'), 'added');
  const human = await cli(['dossier', 'verify', d]);
  assert.equal(human.status, 1);
  assert.match(human.stdout, /NON CONFORME, 2 problème\(s\)/);
  assert.match(human.stdout, /modifié\s+"dossier\.pdf" : SHA-256 différent/);
  assert.match(human.stdout, /en trop\s+"evidence\/ajout\.txt"/);
  assert.match(human.stderr, /vérification échouée \(modifié : 1, en trop : 1\)/);
  assert.doesNotMatch(human.stderr, /at .*\.ts:\d+/, 'no stack trace');

  const bad = await cli(['dossier', 'verify', join(root, 'nowhere')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /n'existe pas/);
  const badPin = await cli(['dossier', 'verify', dir, '--key-fingerprint', 'AB:CD']);
  assert.equal(badPin.status, 1);
  assert.match(badPin.stderr, /Empreinte de clé illisible/);
  const noPath = await cli(['dossier', 'verify']);
  assert.equal(noPath.status, 2);
});

test('dossier verify: each tampering of a zip caught with its kind', async (t) => {
  const { root, dir, zip } = writeSample(t);
  const write = (name: string, bytes: Uint8Array) => {
    const path = join(root, name);
    writeFileSync(path, bytes);
    return path;
  };
  // A flipped byte inside the stored PDF: the CRC and the hash both say so.
  const raw = readFileSync(zip);
  const at = raw.indexOf(PDF.subarray(1000, 1032));
  assert.ok(at > 0);
  raw[at] = raw[at]! ^ 0xff;
  let run = await verifyCli(write('flipped.zip', raw));
  assert.equal(run.status, 1);
  assert.deepEqual(kinds(run.verdict), ['changed dossier.pdf']);

  // Re-zipped by another tool with a file removed, added, or changed.
  const rezip = (name: string, change: (files: Record<string, Uint8Array>) => void) => {
    const files = unzipSync(readFileSync(zip));
    change(files);
    return write(name, zipSync(files));
  };
  run = await verifyCli(rezip('same.zip', () => {}));
  assert.equal(run.status, 0, 'another tool\'s zip of the same files verifies');

  // A local entry slipped in before the central directory (which does not list it): a streaming extractor would
  // write it; verify refuses the archive instead of passing it unseen.
  const original = readFileSync(zip);
  const eocd = original.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const centralAt = original.readUInt32LE(eocd + 16);
  const name = Buffer.from('evidence/hidden.txt');
  const data = Buffer.from('not in the manifest\n');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data) >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const smuggled = Buffer.concat([original.subarray(0, centralAt), local, name, data, original.subarray(centralAt)]);
  smuggled.writeUInt32LE(centralAt + 30 + name.length + data.length, eocd + 30 + name.length + data.length + 16);
  const hidden = verifyHere(write('hidden.zip', smuggled));
  assert.equal(hidden.ok, false, 'a hidden local entry is not accepted');
  assert.deepEqual(
    hidden.problems.map((p) => p.kind),
    ['manifest'],
  );
  // The same with a local header that says other sizes than the directory: refused too.
  const lying = Buffer.from(original);
  lying.writeUInt32LE(lying.readUInt32LE(22) + 1, 22);
  assert.equal(verifyHere(write('lying.zip', lying)).ok, false, 'a local header that disagrees with the directory');
  assert.deepEqual(kinds(verifyHere(rezip('removed.zip', (f) => delete f['originals/IBL-2026-000101/signature.b64']))), ['missing originals/IBL-2026-000101/signature.b64']);
  assert.deepEqual(kinds(verifyHere(rezip('added.zip', (f) => (f['evidence/ajout.txt'] = Buffer.from('x'))))), ['extra evidence/ajout.txt']);
  assert.deepEqual(kinds(verifyHere(rezip('evidence.zip', (f) => (f['evidence/EV-2026-WSRABAT03-000005-page.html'] = Buffer.from('<p>other</p>'))))), ['changed evidence/EV-2026-WSRABAT03-000005-page.html']);
  assert.deepEqual(kinds(verifyHere(rezip('manifest.zip', (f) => (f['manifest.json'] = Buffer.from(Buffer.from(f['manifest.json']!).toString().replace('"ar"', '"fr"')))))), ['signature manifest.sig']);

  // A zip of an extracted folder: the same verdict as the folder.
  run = await verifyCli(write('of-folder.zip', zipFolder(dir)));
  assert.equal(run.status, 0);
});

test('dossier verify: hostile zips refused, never inflated past their size, nothing written', async (t) => {
  const { root, dir } = writeSample(t);
  const entries = folderEntries(dir);
  const write = (name: string, bytes: Buffer) => {
    const path = join(root, name);
    writeFileSync(path, bytes);
    return path;
  };

  // Entries named to escape: listed as extra, never read, never written anywhere.
  const marker = `pwned-${randomBytes(4).toString('hex')}`;
  const terminal = 'evil\u001b[31m\u009b2J\u202Etxt.exe';
  const escaping = write('escape.zip', rawZip([...entries, stored(`../../${marker}.txt`, Buffer.from('x')), stored(`/tmp/${marker}.txt`, Buffer.from('x')), stored(`..\\${marker}.txt`, Buffer.from('x')), stored(`evidence/../../${marker}`, Buffer.from('x')), stored(terminal, Buffer.from('x'))]));
  let run = await verifyCli(escaping);
  assert.equal(run.status, 1);
  assert.deepEqual(kinds(run.verdict), [`extra ../../${marker}.txt`, `extra ..\\${marker}.txt`, `extra /tmp/${marker}.txt`, `extra evidence/../../${marker}`, `extra ${terminal}`].sort());
  for (const p of run.verdict.problems) assert.match(p.detail ?? '', /jamais lue ni écrite/);
  // A name that would drive the terminal or reorder the line is printed escaped, in JSON (same value) and in French.
  const human = await cli(['dossier', 'verify', escaping]);
  for (const out of [human.stdout, (await cli(['dossier', 'verify', escaping, '--json'])).stdout]) {
    assert.doesNotMatch(out.replaceAll('\n', ''), /[\p{Cc}\p{Cf}]/u, 'no raw control or format character');
    assert.match(out, /evil\\u001b\[31m\\u009b2J\\u202etxt\.exe/i);
  }
  for (const where of [join(root, '..', `${marker}.txt`), join(dirname(root), '..', `${marker}.txt`), `/tmp/${marker}.txt`, join(process.cwd(), '..', `${marker}.txt`)]) assert.equal(existsSync(where), false, where);

  // Duplicate entries: a second manifest.json, a second PDF.
  const pdfEntry = entries.find((e) => e.name === 'dossier.pdf')!;
  const manifestEntry = entries.find((e) => e.name === 'manifest.json')!;
  const duplicates = verifyHere(write('duplicates.zip', rawZip([...entries, stored('dossier.pdf', Buffer.from('%PDF forged')), { ...manifestEntry }])));
  assert.equal(duplicates.ok, false);
  assert.deepEqual(kinds(duplicates), ['extra dossier.pdf', 'manifest manifest.json']);
  assert.ok(duplicates.problems.every((p) => /en double/.test(p.detail ?? '')));
  assert.ok(pdfEntry.size > 0);

  // A bomb in place of the PDF: it declares the PDF's size and inflates to 1 GiB of zeros. Inflating stops at the declared size.
  const bomb = await deflatedZeros(1024 * 1024 * 1024);
  const lying = entries.map((e) => (e.name === 'dossier.pdf' ? { ...e, data: bomb, method: 8 as const } : e));
  const rss = process.memoryUsage().rss;
  let started = performance.now();
  const direct = verifyPackage(write('bomb-lying.zip', rawZip(lying)));
  const lyingMs = performance.now() - started;
  assert.deepEqual(direct.problems.map((p) => `${p.kind} ${p.path}`), ['changed dossier.pdf']);
  assert.match(direct.problems[0]!.detail!, /au-delà de sa taille déclarée/);
  assert.ok(process.memoryUsage().rss - rss < 200 * 1024 * 1024, `memory grew by ${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB`);
  // The same bomb declared honestly (1 GiB, over the entry limit): refused from its header, nothing inflated.
  const honest = entries.map((e) => (e.name === 'dossier.pdf' ? { ...e, data: bomb, method: 8 as const, size: 1024 * 1024 * 1024, crc: 0 } : e));
  started = performance.now();
  const honestResult = verifyPackage(write('bomb-honest.zip', rawZip(honest)));
  const honestMs = performance.now() - started;
  assert.deepEqual(honestResult.problems.map((p) => `${p.kind} ${p.path}`), ['changed dossier.pdf']);
  // Unlisted, it is only extra: never inflated at all.
  started = performance.now();
  assert.deepEqual(kinds(verifyHere(write('bomb-extra.zip', rawZip([...entries, { name: 'evidence/bomb.bin', data: bomb, method: 8, size: 1024 * 1024 * 1024, crc: 0 }])))), ['extra evidence/bomb.bin']);
  const extraMs = performance.now() - started;
  // Overlapping entries (one compressed body, 40 names each claiming 500 MB): refused from the directory, before any inflating.
  const overlapping: RawEntry[] = [...entries, { name: 'o-0', data: bomb.subarray(0, 1000), method: 8, size: 500 * 1024 * 1024, crc: 0 }];
  for (let i = 1; i < 40; i += 1) overlapping.push({ name: `o-${i}`, data: bomb.subarray(0, 1000), method: 8, size: 500 * 1024 * 1024, crc: 0, sameDataAs: entries.length });
  run = await verifyCli(write('overlap.zip', rawZip(overlapping)));
  assert.equal(run.status, 1);
  assert.deepEqual(kinds(run.verdict), ['manifest overlap.zip']);
  assert.match(run.verdict.problems[0]!.detail!, /bombe/);
  t.diagnostic(`zip bomb (1 GiB of zeros as ${(bomb.length / 1024).toFixed(0)} KiB): lying size refused in ${lyingMs.toFixed(0)} ms, honest size in ${honestMs.toFixed(0)} ms, unlisted in ${extraMs.toFixed(0)} ms`);

  // Not a zip at all; a truncated one; too many entries.
  run = await verifyCli(write('not-a-zip.zip', randomBytes(5000)));
  assert.deepEqual(kinds(run.verdict), ['manifest not-a-zip.zip']);
  const whole = readFileSync(join(root, 'DOS-2026-WSRABAT03-00017-v1.zip'));
  assert.deepEqual(kinds(verifyHere(write('truncated.zip', whole.subarray(0, whole.length - 30)))), ['manifest truncated.zip']);
  const many = verifyPackage(write('many.zip', rawZip(entries)), { zipLimits: { maxEntries: 5, maxEntryBytes: 1e6, maxTotalBytes: 1e9, maxCentralDirectoryBytes: 1e6 } });
  assert.match(many.problems[0]!.detail!, /entrées, au-delà de la limite/);

  // A local header whose name differs from the directory's (what streaming extractors would see).
  const renamed = rawZip(entries);
  const local = renamed.indexOf(Buffer.from('dossier.pdf'));
  renamed.write('dossier.PDF', local, 'latin1');
  const localName = verifyHere(write('local-name.zip', renamed));
  assert.deepEqual(kinds(localName), ['changed dossier.pdf']);
  assert.match(localName.problems[0]!.detail!, /en-tête local/);
});

test('LISEZMOI: the hand check runs as written with sha256sum and the real openssl', (t) => {
  const { root, dir, signer } = writeSample(t);
  const work = join(root, 'tmp');
  cpSync(dir, join(root, 'check'), { recursive: true });
  const readme = readFileSync(join(dir, README_NAME), 'utf8');
  const commands = [...readme.matchAll(/^ {4}\$ (.+)$/gm)].map((m) => m[1]!).filter((c) => !c.startsWith('iblagh-ws'));
  // Each command appears in both languages, exactly as HAND_CHECK_COMMANDS.
  assert.deepEqual(commands, [...HAND_CHECK_COMMANDS, ...HAND_CHECK_COMMANDS]);
  mkdirSync(work);
  const sh = (command: string, cwd: string) => spawnSync('sh', ['-c', command], { cwd, env: { ...process.env, TMPDIR: work }, encoding: 'utf8' });

  const sums = sh(HAND_CHECK_COMMANDS[0], dir);
  assert.equal(sums.status, 0, sums.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const lines = sums.stdout.trim().split('\n');
  assert.equal(lines.length, manifest.files.length);
  for (const line of lines) {
    const [hash, path] = [line.slice(0, 64), line.slice(66).replace(/^\.\//, '')];
    assert.equal(listed.get(path), hash, path);
  }
  for (const command of HAND_CHECK_COMMANDS.slice(1, 3)) assert.equal(sh(command, dir).status, 0, command);
  assert.deepEqual(readdirSync(dir).sort(), readdirSync(join(root, 'check')).sort(), 'the hand check writes nothing in the package');
  const verified = sh(HAND_CHECK_COMMANDS[3], dir);
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /Signature Verified Successfully/);
  const fingerprint = sh(HAND_CHECK_COMMANDS[4], dir);
  assert.equal(fingerprint.status, 0, fingerprint.stderr);
  assert.equal(fingerprint.stdout.trim().split('= ')[1]!.toUpperCase(), signer.fingerprint);

  // A changed manifest fails the same hand check.
  const tampered = join(root, 'check');
  writeFileSync(join(tampered, MANIFEST_NAME), readFileSync(join(tampered, MANIFEST_NAME), 'utf8').replace('"ar"', '"fr"'));
  for (const command of HAND_CHECK_COMMANDS.slice(1, 3)) assert.equal(sh(command, tampered).status, 0);
  const refused = sh(HAND_CHECK_COMMANDS[3], tampered);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stdout + refused.stderr, /Signature Verification Failure/);
});

test('dossier verify of a 50 MB package under 1 s (folder and zip)', async (t) => {
  const root = tempDir(t);
  const signer = makeSigner();
  const big: PackagePiece[] = [];
  for (let i = 1; i <= 8; i += 1) big.push({ path: `evidence/EV-2026-WSRABAT03-${String(i).padStart(6, '0')}-capture-${i}.jpg`, bytes: randomBytes(5 * 1024 * 1024) });
  // Compressible text (deflated in the zip): WARC-like captures and JSON originals.
  const text = Buffer.from(Array.from({ length: 120_000 }, (_, i) => `WARC-Record-ID: <urn:uuid:${i}> ${'abcdefghij'.repeat(4)}\n`).join(''));
  big.push({ path: 'evidence/EV-2026-WSRABAT03-000009-capture.warc', bytes: text });
  for (let r = 0; r < 300; r += 1) big.push({ path: `originals/IBL-2026-${String(r).padStart(6, '0')}/payload.json`, bytes: Buffer.from(JSON.stringify({ id: r, description: 'نص '.repeat(200) })) });
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);
  let started = performance.now();
  const written = writePackage({ dir: join(root, 'big'), zip: true, pdf: { name: 'dossier.pdf', bytes: pdf }, pieces: big, fields: FIELDS, signer });
  const writeMs = performance.now() - started;
  const total = written.files.reduce((sum, f) => sum + f.size, 0);
  assert.ok(total >= 50 * 1024 * 1024, `${total} bytes`);
  const measure = (path: string): number => {
    let best = Infinity;
    for (let i = 0; i < 3; i += 1) {
      const s = performance.now();
      const result = verifyPackage(path);
      best = Math.min(best, performance.now() - s);
      assert.equal(result.ok, true);
    }
    return best;
  };
  const folderMs = measure(written.dir);
  const zipMs = measure(written.zipPath!);
  started = performance.now();
  const run = await verifyCli(written.zipPath!);
  const cliMs = performance.now() - started;
  assert.equal(run.status, 0);
  const line = `verify of a ${(total / 1024 / 1024).toFixed(1)} MiB package (${written.files.length} files): folder ${folderMs.toFixed(0)} ms, zip ${zipMs.toFixed(0)} ms (best of 3); CLI on the zip ${cliMs.toFixed(0)} ms including Node's start; writePackage (folder and zip) ${writeMs.toFixed(0)} ms`;
  t.diagnostic(line);
  console.log(line);
  assert.ok(folderMs < 1000, line);
  assert.ok(zipMs < 1000, line);
});
