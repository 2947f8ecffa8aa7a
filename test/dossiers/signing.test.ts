/**
 * The dossier's signature (issue #12): the workstation's PDF signing identity
 * and manifest key in a real encrypted store, PAdES signatures of PDFs printed
 * by the system Chromium checked by poppler's pdfsig (valid, whole document;
 * a changed byte caught), the CMS read back with pkijs, PKCS#12 files made by
 * the openssl command (RSA with a CA chain, ECDSA; wrong password, legacy
 * encryption, garbage refused with their reason), and the signing time of a
 * 50-page PDF.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, after } from 'node:test';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { closeChromium, withChromium } from '../../src/main/browser/chromium.ts';
import { manifestSigningKey, pdfSigningIdentity, signPdf } from '../../src/main/dossiers/signing/index.ts';
import { OID } from '../../src/main/dossiers/signing/cms.ts';
import { prepareSignature, PdfSignatureError } from '../../src/main/dossiers/signing/pdf-signature-field.ts';
import { failure, setUpStore, SUPERVISOR, ANALYST, tempDir, testCore, value, createProfile } from '../helpers/store.ts';
import type { Core } from '../../src/main/core.ts';

after(() => closeChromium());

/** A PDF printed by the system Chromium: `rows` table rows (2,400 make about 50 A4 pages), Arabic and Latin mixed, a link. */
async function chromiumPdf(rows: number): Promise<Uint8Array> {
  const body = Array.from({ length: rows }, (_, i) => `<tr><td>IBL-2026-${String(i).padStart(6, '0')}</td><td>بلاغ عن محتوى غير قانوني ${i}</td><td>e3b0c44298fc1c149afbf4c8996fb924</td></tr>`).join('');
  return withChromium(async (browser) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html><body><h1>DOS-2026-WSRABAT03-00017</h1><p><a href="https://example.invalid/">lien</a></p><table>${body}</table></body></html>`);
      return new Uint8Array(await page.pdf({ format: 'A4' }));
    } finally {
      await context.close();
    }
  });
}

interface PdfSig {
  valid: boolean;
  whole: boolean;
  lines: string[];
}

/** pdfsig's verdict, read from its lines (it exits 0 whether the signature holds or not). */
function pdfsig(dir: string, pdf: Uint8Array): PdfSig {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
  const lines = out.split('\n').map((line) => line.trim());
  return { valid: lines.includes('- Signature Validation: Signature is Valid.'), whole: lines.includes('- Total document signed'), lines };
}

function signatureCms(pdf: Uint8Array): pkijs.SignedData {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text);
  assert.ok(match, 'a /ByteRange');
  const padded = Buffer.from(text.slice(Number(match[1]) + 1, Number(match[2]) - 1), 'hex');
  // The CMS is followed by the placeholder's zero padding; its own last bytes may be zeros too (an ECDSA
  // signature's), so its end comes from its DER length, not from stripping zeros.
  const bytes = padded.subarray(0, derLength(padded));
  const info = pkijs.ContentInfo.fromBER(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  assert.equal(info.contentType, OID.signedData);
  return new pkijs.SignedData({ schema: info.content });
}

/** The length of the DER element at the start of `der` (its tag, length and content). */
function derLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  return 2 + octets + der.subarray(2, 2 + octets).reduce((length, byte) => length * 256 + byte, 0);
}

async function store(t: Parameters<typeof tempDir>[0]): Promise<{ core: Core; dir: string }> {
  const dir = tempDir(t, 'iblagh-signing-');
  const core = testCore(t, dir);
  await setUpStore(core);
  return { core, dir };
}

test('the workstation identity signs a Chromium PDF: pdfsig says valid and whole; one changed byte is a digest mismatch; the CMS has exactly the B-B attributes', async (t) => {
  const { core, dir } = await store(t);
  const { db, analyst } = core.unlockedStore();
  const now = new Date();
  const identity = await pdfSigningIdentity(db, analyst.id, now);
  assert.equal(identity.algorithm, 'ECDSA P-256');
  assert.deepEqual(identity.chainDer, []);
  // Created once: a second call returns the same certificate, and the creation is in the journal once.
  assert.equal((await pdfSigningIdentity(db, analyst.id, now)).fingerprint, identity.fingerprint);
  assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'signing.key_created' AND detail LIKE '%\"pdf\"%'").pluck().get(), 1);

  const pdf = await chromiumPdf(600);
  // An Arabic name, and a reason with PDF syntax in it: both end up as text.
  const signed = await signPdf(pdf, identity, { name: 'كريمة بنعلي', reason: 'Dossier DOS-2026 <</Evil true>> (v1)', location: 'Rabat', contactInfo: 'bnpj@example.invalid', signingTime: now });
  assert.deepEqual(Buffer.from(signed.subarray(0, pdf.length)), Buffer.from(pdf), 'the original bytes are kept in front (incremental update)');
  const verdict = pdfsig(dir, signed);
  assert.ok(verdict.valid, verdict.lines.join('\n'));
  assert.ok(verdict.whole, verdict.lines.join('\n'));
  assert.ok(verdict.lines.includes('- Signature Type: ETSI.CAdES.detached'), verdict.lines.join('\n'));
  assert.ok(verdict.lines.includes('- Signing Hash Algorithm: SHA-256'), verdict.lines.join('\n'));
  assert.ok(verdict.lines.some((line) => line.startsWith('- Signer Certificate Common Name: Iblagh Workstation ')));
  // Self-signed: not trusted, which is a separate line from the signature's validity.
  assert.ok(verdict.lines.some((line) => line.startsWith('- Certificate Validation:') && !line.includes('Trusted')), verdict.lines.join('\n'));
  // Skia's page tree has intermediate /Pages nodes past 8 pages: the widget is on the first page, and every page is still read.
  const pagesOf = (bytes: Uint8Array) => /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: bytes, encoding: 'utf8' }))![1];
  assert.equal(pagesOf(signed), pagesOf(pdf));
  assert.ok(Number(pagesOf(pdf)) > 8);
  const text = Buffer.from(signed.subarray(pdf.length)).toString('latin1');
  assert.ok(text.includes('/Reason (Dossier DOS-2026 <</Evil true>> \\(v1\\))\n'), 'the reason is one PDF string, not syntax');
  assert.match(text, /\/Name <FEFF0643/, 'the Arabic name is UTF-16BE');
  // The first page keeps its link annotation and gains the signature widget.
  assert.match(text, /\/Annots \[\d+ 0 R \d+ 0 R\]/);

  const tampered = Buffer.from(signed);
  const at = Math.floor(pdf.length / 2);
  tampered[at] = tampered[at]! ^ 0x01;
  const broken = pdfsig(dir, tampered);
  assert.ok(!broken.valid, broken.lines.join('\n'));
  assert.ok(broken.lines.some((line) => line === '- Signature Validation: Digest Mismatch.' || line.includes('Signature is Invalid')), broken.lines.join('\n'));

  const cms = signatureCms(signed);
  assert.equal(cms.encapContentInfo.eContent, undefined, 'detached');
  assert.equal(cms.certificates?.length, 1);
  const signer = cms.signerInfos[0]!;
  assert.equal(signer.digestAlgorithm.algorithmId, OID.sha256);
  assert.equal(signer.signatureAlgorithm.algorithmId, '1.2.840.10045.4.3.2', 'ecdsa-with-SHA256');
  const types: string[] = signer.signedAttrs!.attributes.map((a) => a.type).sort();
  assert.ok(!types.includes(OID.signingTime), 'no signing-time: PAdES puts the time in /M');
  assert.deepEqual(types, [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
  const essHash = signer.signedAttrs!.attributes.find((a) => a.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence;
  const certHash = ((essHash.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.OctetString;
  assert.equal(Buffer.from(certHash.valueBlock.valueHexView).toString('hex'), createHash('sha256').update(identity.certificateDer).digest('hex'));
  // message-digest is the SHA-256 of the byte range.
  const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)!.slice(1).map(Number) as [number, number, number];
  const digest = signer.signedAttrs!.attributes.find((a) => a.type === OID.messageDigest)!.values[0] as asn1js.OctetString;
  const expected = createHash('sha256').update(signed.subarray(0, range[0])).update(signed.subarray(range[1], range[1] + range[2])).digest('hex');
  assert.equal(Buffer.from(digest.valueBlock.valueHexView).toString('hex'), expected);
});

test('a PDF the signer cannot update safely is refused with the reason', () => {
  assert.throws(() => prepareSignature(Buffer.from('hello'), { name: 'a', reason: 'b', location: 'c', signingTime: new Date() }, 4096), PdfSignatureError);
  const streamXref = Buffer.from('%PDF-1.7\n1 0 obj\n<</Type /Catalog>>\nendobj\n2 0 obj\n<</Type /XRef /Size 3 /Root 1 0 R>>\nstream\nendstream\nendobj\nstartxref\n43\n%%EOF\n');
  assert.throws(() => prepareSignature(streamXref, { name: 'a', reason: 'b', location: 'c', signingTime: new Date() }, 4096), /cross-reference stream/);
});

/** A CA and a leaf signed by it (RSA), and an ECDSA self-signed leaf, exported as PKCS#12 by the openssl command with today's defaults. */
function makePkcs12Files(dir: string): { rsa: string; ec: string; legacy: string; caDer: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  run('req', '-x509', '-newkey', 'rsa:3072', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=PKI DGSN Test Root/O=DGSN', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=BNPJ Rabat Signature/O=DGSN');
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.crt', '-days', '20', '-extfile', 'leaf.ext');
  run('pkcs12', '-export', '-inkey', 'leaf.key', '-in', 'leaf.crt', '-certfile', 'ca.crt', '-out', 'rsa.p12', '-passout', 'pass:mot de passe PKI');
  run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ec.key');
  run('req', '-x509', '-key', 'ec.key', '-out', 'ec.crt', '-subj', '/CN=Poste Iblagh EC', '-days', '30');
  run('pkcs12', '-export', '-inkey', 'ec.key', '-in', 'ec.crt', '-out', 'ec.p12', '-passout', 'pass:secret-ec');
  run('pkcs12', '-export', '-legacy', '-inkey', 'ec.key', '-in', 'ec.crt', '-out', 'legacy.p12', '-passout', 'pass:secret-ec');
  const caDer = run('x509', '-in', 'ca.crt', '-outform', 'DER');
  return { rsa: join(dir, 'rsa.p12'), ec: join(dir, 'ec.p12'), legacy: join(dir, 'legacy.p12'), caDer };
}

test('PKCS#12 import (supervisors): RSA with its CA chain and ECDSA sign valid; wrong password, legacy encryption and garbage refused with their reason; the replaced key is retired, never deleted', async (t) => {
  const { core, dir } = await store(t);
  const files = makePkcs12Files(dir);
  const before = await value(core, 'signing.certificate');
  assert.equal(before.source, 'generated');
  assert.equal(before.certificate.selfSigned, true);
  assert.match(before.certificate.subject, /^CN=Iblagh Workstation /);
  assert.match(before.manifestKeyFingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const b64 = (file: string) => readFileSync(file).toString('base64');

  const wrong = await value(core, 'signing.importPkcs12', { pkcs12Base64: b64(files.rsa), password: 'not this one' });
  assert.deepEqual(wrong.imported ? null : wrong.problem, 'wrong_password');
  const garbage = await value(core, 'signing.importPkcs12', { pkcs12Base64: Buffer.from('%PDF-1.4 not a key store').toString('base64'), password: 'x' });
  assert.deepEqual(garbage.imported ? null : garbage.problem, 'not_pkcs12');
  const legacy = await value(core, 'signing.importPkcs12', { pkcs12Base64: b64(files.legacy), password: 'secret-ec' });
  assert.deepEqual(legacy.imported ? null : legacy.problem, 'unsupported_encryption');
  assert.match(legacy.imported ? '' : legacy.detail, /without -legacy/);
  assert.equal((await value(core, 'signing.certificate')).certificate.fingerprint, before.certificate.fingerprint, 'nothing changed');

  const rsa = await value(core, 'signing.importPkcs12', { pkcs12Base64: b64(files.rsa), password: 'mot de passe PKI' });
  assert.ok(rsa.imported);
  assert.equal(rsa.view.source, 'imported');
  assert.equal(rsa.view.algorithm, 'RSA 2048');
  assert.equal(rsa.view.certificate.subject, 'O=DGSN, CN=BNPJ Rabat Signature');
  assert.deepEqual(rsa.view.chain.map((c) => c.subject), ['O=DGSN, CN=PKI DGSN Test Root']);
  assert.deepEqual(rsa.view.retired.map((c) => c.fingerprint), [before.certificate.fingerprint]);
  const { db, analyst } = core.unlockedStore();
  const identity = await pdfSigningIdentity(db, analyst.id, new Date());
  assert.equal(identity.fingerprint, rsa.view.certificate.fingerprint);
  const pdf = await chromiumPdf(40);
  const signed = await signPdf(pdf, identity, { name: SUPERVISOR.name, reason: 'Transmission', location: 'Rabat', signingTime: new Date() });
  const verdict = pdfsig(dir, signed);
  assert.ok(verdict.valid && verdict.whole, verdict.lines.join('\n'));
  const cms = signatureCms(signed);
  assert.equal(cms.certificates?.length, 2, 'the chain is embedded');
  assert.equal(cms.signerInfos[0]!.signatureAlgorithm.algorithmId, '1.2.840.113549.1.1.11', 'sha256WithRSAEncryption');

  const ec = await value(core, 'signing.importPkcs12', { pkcs12Base64: b64(files.ec), password: 'secret-ec' });
  assert.ok(ec.imported);
  assert.equal(ec.view.algorithm, 'ECDSA P-256');
  const ecSigned = await signPdf(pdf, await pdfSigningIdentity(db, analyst.id, new Date()), { name: SUPERVISOR.name, reason: 'Transmission', location: 'Rabat', signingTime: new Date() });
  assert.ok(pdfsig(dir, ecSigned).valid);
  assert.equal(ec.view.retired.length, 2);
  assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'signing.identity_imported'").pluck().get(), 2);
  assert.equal(db.prepare("SELECT count(*) FROM signing_keys WHERE purpose = 'pdf' AND retired_at IS NOT NULL AND private_key IS NULL").pluck().get(), 2, 'retired keys keep their certificate, not their private key');
  assert.throws(() => db.prepare('DELETE FROM signing_keys').run(), /retired, never deleted/);
  assert.throws(() => db.prepare("UPDATE signing_keys SET fingerprint = 'x'").run(), /can only be retired/);

  // Analysts see the certificate but may not replace it.
  await createProfile(core, { ...ANALYST, passphrase: ANALYST.passphrase });
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  assert.equal((await value(core, 'signing.certificate')).certificate.fingerprint, ec.view.certificate.fingerprint);
  assert.equal((await failure(core, 'signing.importPkcs12', { pkcs12Base64: b64(files.ec), password: 'secret-ec' })).code, 'FORBIDDEN');
});

test('the keys survive lock and unlock (real encrypted store); the manifest key signs and node:crypto verifies', async (t) => {
  const dir = tempDir(t, 'iblagh-signing-');
  let core = testCore(t, dir);
  await setUpStore(core);
  const first = await value(core, 'signing.certificate');
  const { db, analyst } = core.unlockedStore();
  const manifest = manifestSigningKey(db, analyst.id, new Date());
  assert.equal(manifest.fingerprint, first.manifestKeyFingerprint);
  const message = Buffer.from('{"files":[]}');
  const signature = manifest.sign(message);
  assert.equal(signature.length, 64);
  assert.ok(edVerify(null, message, createPublicKey(manifest.publicKeyPem), signature));
  assert.ok(!edVerify(null, Buffer.from('{"files":[1]}'), createPublicKey(manifest.publicKeyPem), signature));
  await value(core, 'session.lock');
  core.close();

  core = testCore(t, dir);
  await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const again = await value(core, 'signing.certificate');
  assert.equal(again.certificate.fingerprint, first.certificate.fingerprint);
  assert.equal(again.manifestKeyFingerprint, first.manifestKeyFingerprint);
  const reopened = core.unlockedStore();
  const same = manifestSigningKey(reopened.db, reopened.analyst.id, new Date());
  assert.ok(edVerify(null, message, createPublicKey(same.publicKeyPem), signature));
  assert.equal(reopened.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'signing.key_created'").pluck().get(), 2);
});

test('signing time of a ~50-page Chromium PDF (docs/benchmarks.md)', async (t) => {
  const { core, dir } = await store(t);
  const { db, analyst } = core.unlockedStore();
  const identity = await pdfSigningIdentity(db, analyst.id, new Date());
  const pdf = await chromiumPdf(2400);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))![1]);
  assert.ok(pages >= 45, `${pages} pages`);
  const times: number[] = [];
  let signed: Uint8Array = pdf;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    signed = await signPdf(pdf, identity, { name: SUPERVISOR.name, reason: 'Transmission', location: 'Rabat', signingTime: new Date() });
    times.push(performance.now() - start);
  }
  assert.ok(pdfsig(dir, signed).valid);
  t.diagnostic(`signPdf, ${pages}-page Chromium PDF of ${Math.round(pdf.length / 1024)} KB, ECDSA P-256: first ${times[0]!.toFixed(1)} ms, then ${times.slice(1).map((ms) => ms.toFixed(1)).join(', ')} ms`);
  console.log(`signing benchmark: ${pages} pages, ${Math.round(pdf.length / 1024)} KB, first ${times[0]!.toFixed(1)} ms, then ${times.slice(1).map((ms) => ms.toFixed(1)).join(' / ')} ms`);
});
