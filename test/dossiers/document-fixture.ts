/**
 * A referral dossier model built by hand for the document tests: identified
 * reporters with canary names, e-mails and phones (one identity included with
 * a reason), an anonymous one, Arabic and French text, hostile text (markup,
 * scripts, remote resources, bidi controls, zero-width characters,
 * 5,000-character strings), a child sexual exploitation report whose content
 * is never shown, notes in Markdown, observables, a diagnostic and evidence.
 */
import { createHash } from 'node:crypto';
import type { DossierEvidence, DossierLang, DossierModel, DossierReport } from '../../src/main/dossiers/model.ts';
import { labelsAr } from '../../src/shared/labels/domain.ar.ts';
import { labelsFr } from '../../src/shared/labels/domain.fr.ts';

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Canaries of reporters whose identity is NOT included: must never appear. */
export const HIDDEN_CANARIES = ['Zoubida Canaryhidden', 'canary.hidden@example.org', '+212600111222', 'Karim Canarysecond', 'second.canary@example.net', '+212655443322'];
/** Canaries of the one identity included (report IBL-2026-0000002), with its reason. */
export const INCLUDED_CANARIES = ['Yassine Canaryshown', 'canary.shown@example.com', '+212611999888'];
export const INCLUDED_REASON = 'Témoin direct : audition nécessaire';

/** Arabic report text that must come back whole from pdftotext (spaces and bidi marks aside). */
export const ARABIC_TEXT = 'نشر هذا الحساب فيديو يحرض على العنف ضد سكان الحي ويهدد بتفجير مقهى في مدينة الدار البيضاء';
export const FRENCH_TEXT = "Ce compte publie des menaces de mort contre une journaliste de Rabat et appelle à l'attaquer.";
export const LONG_WORD = 'A'.repeat(2500) + 'ب'.repeat(2500);

export function hostileText(port: number): string {
  const base = `http://127.0.0.1:${port}`;
  return [
    `<script>document.title='pwned'</script><img src=${base}/img.png onerror=alert(1)>`,
    `<link rel="stylesheet" href="${base}/style.css"><iframe src="${base}/frame"></iframe>`,
    `<style>@import url(${base}/import.css); body{background:url(${base}/bg.png)}</style>`,
    `<div style="background-image:url('${base}/inline.png')">x</div><object data="${base}/obj"></object>`,
    'RLO here: \u202Egnp.exe\u202C and zero\u200Bwidth and \u2066isolate\u2069',
    `visit https://evil.example.com/login?x=1 or www.bad-site.ma now`,
  ].join('\n');
}

const categories: ReadonlyArray<DossierReport['category']> = ['terrorism_incitement', 'threats_extortion', 'hate_discrimination', 'fraud'];

function label(lang: DossierLang, key: string): string {
  const table = (lang === 'ar' ? labelsAr : labelsFr) as Record<string, string>;
  return table[key] ?? key;
}

function report(i: number, lang: DossierLang, port: number): DossierReport {
  const id = `IBL-2026-${String(i).padStart(7, '0')}`;
  const category = i === 4 ? 'child_sexual_exploitation' : (categories[i % categories.length] as string);
  const identified = i % 3 !== 0;
  const identityFields =
    i === 1
      ? [{ key: 'full_name', value: 'Zoubida Canaryhidden' }, { key: 'email', value: 'canary.hidden@example.org' }, { key: 'phone', value: '+212600111222' }]
      : i === 2
        ? [{ key: 'full_name', value: 'Yassine Canaryshown' }, { key: 'email', value: 'canary.shown@example.com' }, { key: 'phone', value: '+212611999888' }]
        : [];
  const content =
    i === 1 ? ARABIC_TEXT : i === 2 ? FRENCH_TEXT : i === 3 ? hostileText(port) : i === 4 ? 'CSE CONTENT MUST NOT APPEAR' : i === 5 ? LONG_WORD : `${ARABIC_TEXT} (${i})\n${FRENCH_TEXT}`;
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 0, 15, 13, 32) + i * 60_000).toISOString(),
    submittedAt: new Date(Date.UTC(2026, 0, 15, 13, 0) + i * 60_000).toISOString(),
    category,
    categoryLabel: label(lang, `report.category.${category}`),
    platform: i % 2 ? 'facebook' : 'tiktok',
    channel: 'web',
    region: 'MA-06',
    regionLabel: label(lang, 'region.MA-06'),
    status: 'in_analysis',
    imminentDanger: i === 1,
    deadline: i === 1 ? '2026-01-15T14:32:00.000Z' : null,
    content,
    urls: i === 3 ? [`http://127.0.0.1:${port}/url-in-report`, 'javascript:alert(1)', 'https://fаcebook.com/\u202Eevil'] : [`https://www.facebook.com/profile.php?id=${1000 + i}`],
    reporter: { mode: identified ? 'identified' : 'anonymous', identity: i === 2 ? { fields: identityFields, reason: INCLUDED_REASON } : null },
    neverShown: category === 'child_sexual_exploitation',
    intakeSignature: { evidenceId: `EV-2026-WSRABAT03-${String(i).padStart(6, '0')}`, verified: i !== 6, keyFingerprint: sha('intake key') },
  };
}

/** A case of `count` reports (at least 6 for every kind of report above). */
export function dossierModel(lang: DossierLang, options: { port?: number; count?: number; thumbnail?: Uint8Array } = {}): DossierModel {
  const port = options.port ?? 9;
  const count = options.count ?? 8;
  const reports = Array.from({ length: count }, (_, index) => report(index + 1, lang, port));
  const evidence: DossierEvidence[] = reports.flatMap((r, index) => {
    const items: DossierEvidence[] = [
      {
        id: r.intakeSignature.evidenceId as string,
        kind: 'intake_original',
        reportId: r.id,
        label: null,
        mediaType: 'application/json',
        size: 2048 + index,
        sha256: sha(`original ${r.id}`),
        acquiredAt: r.receivedAt,
        acquiredBy: null,
        packagePath: `originals/${r.id}/payload.json`,
        thumbnailPng: null,
      },
    ];
    // The child sexual exploitation report's attachment carries a thumbnail too: the template must refuse to show it.
    if (index % 2 === 0 || r.neverShown) {
      items.push({
        id: `EV-2026-WSRABAT03-${String(100_000 + index).padStart(6, '0')}`,
        kind: 'attachment',
        reportId: r.id,
        label: `capture <b>${index}</b>.png`,
        mediaType: 'image/png',
        size: 123_456 + index,
        sha256: sha(`attachment ${r.id}`),
        acquiredAt: r.receivedAt,
        acquiredBy: 'Sara Analyste',
        packagePath: r.neverShown ? null : `evidence/attachment-${index}.png`,
        thumbnailPng: options.thumbnail && index <= 4 ? options.thumbnail : null,
      });
    }
    return items;
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    lang,
    caseRef: 'DOS-2026-WSRABAT03-00042',
    version: 2,
    title: lang === 'ar' ? 'حملة تهديدات ضد صحفية' : 'Campagne de menaces contre une journaliste',
    createdAt: '2026-01-20T09:05:00.000Z',
    classification: lang === 'ar' ? 'سري - خاص بالعدالة' : 'CONFIDENTIEL JUSTICE',
    issuingService: lang === 'ar' ? 'المديرية العامة للأمن الوطني - فرقة مكافحة الجريمة المعلوماتية' : 'DGSN - Brigade de lutte contre la cybercriminalité',
    addressee: {
      policeService: { fr: 'Brigade nationale de police judiciaire', ar: 'الفرقة الوطنية للشرطة القضائية' },
      prosecutor: { fr: 'Procureur général du Roi près la cour d’appel de Rabat', ar: 'الوكيل العام للملك لدى محكمة الاستئناف بالرباط' },
      court: null,
      courtOfAppeal: { fr: "Cour d'appel de Rabat", ar: 'محكمة الاستئناف بالرباط' },
      inferred: false,
      confirmed: true,
    },
    analyst: { name: 'Sara Analyste', role: lang === 'ar' ? 'محللة' : 'Analyste' },
    supervisor: { name: 'Omar Superviseur', role: lang === 'ar' ? 'مشرف' : 'Superviseur' },
    summary: `## Faits\n\nLe compte **@menaces_rabat** publie depuis le 10 janvier des menaces. Voir #IBL-2026-0000001.\n\n- ${ARABIC_TEXT}\n- <img src="${base}/summary.png">\n\n[lien](${base}/summary-link) ![img](${base}/summary-image.png)`,
    qualifications: [
      { code: 'PEN-218-2', articles: ['218-2', '218-5'], label: lang === 'ar' ? 'الإشادة بأفعال إرهابية' : "Apologie d'actes de terrorisme" },
      { code: 'PEN-429', articles: ['429'], label: lang === 'ar' ? 'التهديد بارتكاب جناية' : 'Menace de commettre un crime' },
    ],
    qualificationNote:
      lang === 'ar' ? 'تكييف مقترح من الفريق، يبقى تقديره للنيابة العامة.' : "Qualification proposée par l'équipe, laissée à l'appréciation du ministère public.",
    urgency: { imminentDanger: true, earliestDeadline: '2026-01-15T14:32:00.000Z', overdue: true },
    reports,
    observables: [
      { type: 'url', value: 'https://www.facebook.com/menaces.rabat', reports: 3, verdict: 'malicious' },
      { type: 'domain', value: `evil.example.com`, reports: 1, verdict: null },
      { type: 'url', value: `${base}/observable<script>`, reports: 1, verdict: '<b>bold</b>' },
    ],
    diagnostics: [
      {
        requestedUrl: 'https://evil.example.com/login',
        finalUrl: 'https://evil.example.com/final',
        outcome: 'ok',
        status: 200,
        redirects: [{ url: 'https://evil.example.com/login', status: 302, location: '/final' }],
        addresses: ['203.0.113.7', '2001:db8::7'],
        tls: { subject: 'CN=evil.example.com', issuer: "CN=Let's Encrypt R3", notAfter: '2026-04-01T00:00:00.000Z', valid: true, fingerprintSha256: sha('tls') },
        bodySha256: sha('body'),
        startedAt: '2026-01-16T10:00:00.000Z',
        proxy: 'socks5://127.0.0.1:1080',
        history: [
          { at: '2026-01-16T10:00:00.000Z', state: 'online' },
          { at: '2026-01-18T10:00:00.000Z', state: 'removed' },
        ],
        evidenceIds: ['EV-2026-WSRABAT03-000900'],
      },
    ],
    notes: [
      {
        author: 'Sara Analyste',
        createdAt: '2026-01-16T08:00:00.000Z',
        updatedAt: '2026-01-16T09:00:00.000Z',
        markdown: `# Analyse\n\n${hostileText(port)}\n\n| a | b |\n|---|---|\n| <script>x</script> | ${ARABIC_TEXT} |\n\n\`\`\`html\n<iframe src="${base}/code-frame"></iframe>\n\`\`\`\n\n${LONG_WORD}`,
        reportId: 'IBL-2026-0000003',
      },
    ],
    evidence,
    piecesSha256: sha('pieces'),
    auditHead: sha('audit head'),
    generator: { name: 'Iblagh Workstation', version: '0.1.0' },
  };
}
