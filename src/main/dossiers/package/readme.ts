/**
 * LISEZMOI.txt: how to check the package, in Arabic (the courts' language)
 * then French, with the exact commands.
 *
 * One bilingual file under an ASCII name rather than `LISEZMOI.txt` and
 * `اقرأني.txt`: the zip marks a non-ASCII name as UTF-8 (general purpose flag
 * bit 11, as fflate does too) but carries no Info-ZIP Unicode path field, and tools that ignore the
 * flag (older Windows Explorer, some archivers) decode the name in a local code
 * page, so the one file that must be readable first would arrive with a
 * garbled name, and an extracted folder would then show a missing file and an
 * extra one. The text starts with a UTF-8 byte order mark so that older
 * Windows editors read the Arabic as UTF-8.
 *
 * The text does not depend on the case: it is a piece like the others, counted
 * in the pieces digest the PDF prints, known before the PDF is rendered. It
 * does not print the key's fingerprint either: the one to pin comes out of
 * band, never from the package being checked.
 */
export const README_NAME = 'LISEZMOI.txt';

const TMP = '"${TMPDIR:-/tmp}"';

/** The hand check, run in the package's folder (OpenSSL 3 or later for `-rawin`). */
export const HAND_CHECK_COMMANDS = [
  'find . -type f ! -name manifest.json ! -name manifest.sig -exec sha256sum {} +',
  `sed -n '/^-----BEGIN PUBLIC KEY-----$/,/^-----END PUBLIC KEY-----$/p' manifest.sig > ${TMP}/iblagh-key.pem`,
  `sed -n 's/^signature: //p' manifest.sig | base64 -d > ${TMP}/iblagh-sig.bin`,
  `openssl pkeyutl -verify -pubin -inkey ${TMP}/iblagh-key.pem -rawin -in manifest.json -sigfile ${TMP}/iblagh-sig.bin`,
  `openssl pkey -pubin -in ${TMP}/iblagh-key.pem -outform DER | openssl dgst -sha256 -c`,
] as const;

const commands = (indices: readonly number[]): string => indices.map((i) => `    $ ${HAND_CHECK_COMMANDS[i]}`).join('\n');

const ARABIC = `اقرأني — ملف الإحالة المختوم

يحتوي هذا المجلد (أو ملف zip) على ملف الإحالة بصيغة PDF، وعناصر الإثبات
(evidence/)، والأصول الموقعة للتبليغات كما وصلت من خدمة الاستقبال (originals/:
المحتوى والتوقيع والمفتاح العام لخدمة الاستقبال؛ وحين تكون هوية المبلِّغ غير
مُفصَح عنها أو المحتوى مما لا يُعرض، بصمة المحتوى وحدها في payload.sha256 ويبقى
الأصل في الخزنة المشفرة لمحطة العمل)، والملف manifest.json الذي
يذكر لكل ملف مساره وحجمه وبصمته SHA-256، والملف manifest.sig الذي يحمل توقيع
Ed25519 لمحطة العمل على manifest.json مع مفتاحها العام وبصمته.

التحقق بالأداة (دون شبكة ودون قاعدة بيانات):

    $ iblagh-ws dossier verify <المجلد أو ملف zip> --key-fingerprint <البصمة>

البصمة التي تثبَّت هي التي سلّمتها المصلحة المُصدِرة بطريق مستقل، وليست أي بصمة
مكتوبة داخل هذا الملف. تعيد الأداة الرمز 0 إذا كان كل شيء سليماً، و1 مع ذكر كل
ملف معدَّل أو ناقص أو زائد.

التحقق يدوياً، داخل المجلد:

1. احسب بصمة كل ملف وقارنها بما في manifest.json:
${commands([0])}
2. تحقق من توقيع manifest.json (OpenSSL 3) ومن بصمة المفتاح:
${commands([1, 2, 3, 4])}
   يجب أن يظهر "Signature Verified Successfully"، وأن تطابق البصمة الأخيرة
   البصمة المسلَّمة بطريق مستقل.

ملف PDF موقَّع بتوقيعه الخاص (PAdES) يعرضه أي قارئ PDF، وتطبع تذييلات صفحاته
البصمة pieces_sha256 المذكورة في manifest.json.
`;

const FRENCH = `LISEZMOI — Dossier de transmission scellé

Ce dossier (ou ce zip) contient le dossier de transmission en PDF, les
éléments de preuve (evidence/), les originaux signés des signalements tels que
reçus du service d'intake (originals/ : contenu, signature et clé publique du
service ; quand l'identité du signalant n'est pas communiquée ou que le contenu
n'est jamais affiché, seule l'empreinte du contenu, dans payload.sha256, l'original
restant dans le coffre chiffré du poste), manifest.json, qui donne pour chaque
fichier son chemin, sa taille et
son SHA-256, et manifest.sig, la signature Ed25519 du poste de travail sur
manifest.json avec sa clé publique et son empreinte.

Vérifier avec l'outil (sans réseau ni base de données) :

    $ iblagh-ws dossier verify <dossier ou zip> --key-fingerprint <empreinte>

L'empreinte à imposer est celle que le service émetteur a communiquée par un
autre canal, jamais une empreinte écrite dans ce paquet. L'outil sort avec le
code 0 quand tout est conforme, 1 sinon, en nommant chaque fichier modifié,
manquant ou en trop.

Vérifier à la main, dans le dossier :

1. Calculer le SHA-256 de chaque fichier et le comparer à manifest.json :
${commands([0])}
2. Vérifier la signature de manifest.json (OpenSSL 3) et l'empreinte de la clé :
${commands([1, 2, 3, 4])}
   La réponse doit être « Signature Verified Successfully », et la dernière
   empreinte celle communiquée par l'autre canal.

Le PDF porte sa propre signature (PAdES), affichée par tout lecteur PDF ; le
pied de chacune de ses pages imprime le pieces_sha256 de manifest.json.
`;

/** The text, with its byte order mark. */
export function readmeBytes(): Buffer {
  return Buffer.from(`\uFEFFLISEZMOI / اقرأني\n\n${ARABIC}\n----------------------------------------\n\n${FRENCH}`, 'utf8');
}

/** The files every package holds besides the given pieces, the PDF and the manifest pair. */
export function standardPieces(): Array<{ path: string; bytes: Buffer }> {
  return [{ path: README_NAME, bytes: readmeBytes() }];
}
