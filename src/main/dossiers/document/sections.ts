/**
 * The dossier's parts, each a function of the model to HTML: cover, summary
 * of facts, proposed legal qualification, urgency, the reports, the technical
 * analysis (observables, online diagnostics, notes), the evidence inventory
 * and the signature block. Everything from the model goes through `html`
 * (escaped) and the untrusted-text helpers (marks, defanging, isolation).
 */
import type { DossierDiagnostic, DossierEvidence, DossierModel, DossierNote, DossierReport } from '../model.ts';
import { html, join, type Html } from './html.ts';
import type { DossierLabels } from './labels.ts';
import { markdownHtml } from './markdown-html.ts';
import { countInvisible } from '../../../shared/text/invisible.ts';
import { byteCount, dateTime, inlineText, invisibleNotice, ltr, pathText, urlText, userBlock } from './text.ts';

export interface Context {
  model: DossierModel;
  t: DossierLabels;
}

function bilingual(value: { fr: string; ar: string } | null, ctx: Context): Html {
  return value ? inlineText(value[ctx.model.lang]) : html`<span class="muted">${ctx.t.notDetermined}</span>`;
}

function kvRow(label: string, value: Html | string): Html {
  return html`<tr><td class="k">${label}</td><td>${value}</td></tr>`;
}

export function cover(ctx: Context): Html {
  const { model, t } = ctx;
  const a = model.addressee;
  const warnings = [!a.confirmed ? t.jurisdictionUnconfirmed : null, a.inferred ? t.jurisdictionInferred : null].filter((w): w is string => w !== null);
  return html`<section class="cover">
<div class="classification">${inlineText(model.classification)}</div>
<div class="issuer">${inlineText(model.issuingService)}</div>
<h1>${t.docTitle}</h1>
<p class="subtitle">${t.docSubtitle}</p>
<div class="ref">${t.reference} ${ltr(model.caseRef)} · ${t.version} ${ltr(model.version)}</div>
<table class="kv">
${kvRow(t.title, inlineText(model.title))}
${kvRow(t.date, dateTime(model.createdAt, t))}
${kvRow(t.issuingService, inlineText(model.issuingService))}
${kvRow(t.analyst, html`${inlineText(model.analyst.name)} <span class="muted">(${inlineText(model.analyst.role)})</span>`)}
${kvRow(t.supervisor, model.supervisor ? html`${inlineText(model.supervisor.name)} <span class="muted">(${inlineText(model.supervisor.role)})</span>` : html`<span class="muted">—</span>`)}
</table>
<div class="box">
<h3>${t.addressee}</h3>
<table class="kv">
${kvRow(t.policeService, bilingual(a.policeService, ctx))}
${kvRow(t.prosecutor, bilingual(a.prosecutor, ctx))}
${kvRow(t.court, bilingual(a.court, ctx))}
${kvRow(t.courtOfAppeal, bilingual(a.courtOfAppeal, ctx))}
</table>
${warnings.map((w) => html`<p class="notice">⚠ ${w}</p>`)}
</div>
<div class="box">
<h3>${t.contents}</h3>
<table class="kv">
${kvRow(t.reportsCount, ltr(model.reports.length))}
${kvRow(t.evidenceCount, ltr(model.evidence.length))}
</table>
</div>
<div class="grow"></div>
<div class="seal">
<div>${t.piecesSha256}</div>
<div>${ltr(model.piecesSha256, 'hash')}</div>
${model.auditHead ? html`<div>${t.auditHead}</div><div>${ltr(model.auditHead, 'hash')}</div>` : ''}
<div class="muted">${t.generator} ${ltr(`${model.generator.name} ${model.generator.version}`)}</div>
</div>
</section>`;
}

export function summaryAndQualification(ctx: Context): Html {
  const { model, t } = ctx;
  const summary = model.summary ? markdownHtml(model.summary, model.lang).html : html`<p class="muted">${t.noSummary}</p>`;
  const quals = model.qualifications.length
    ? html`<table><thead><tr><th style="width:16%">${t.qualificationCode}</th><th style="width:26%">${t.qualificationArticles}</th><th>${t.qualificationLabel}</th></tr></thead><tbody>${model.qualifications.map(
        (q) => html`<tr><td>${ltr(q.code)}</td><td>${join(q.articles.map((article) => inlineText(article)), ', ')}</td><td>${inlineText(q.label)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${t.noQualification}</p>`;
  const u = model.urgency;
  return html`<section class="chapter">
<h2>${t.summary}</h2>
${summary}
<h2 style="margin-block-start:14pt">${t.qualification}</h2>
${quals}
<p class="notice">${inlineText(model.qualificationNote)}</p>
<h2 style="margin-block-start:14pt">${t.urgency}</h2>
<table class="kv">
${kvRow(t.imminentDanger, u.imminentDanger ? html`<strong>${t.imminentYes}</strong>` : t.imminentNo)}
${kvRow(t.earliestDeadline, u.earliestDeadline ? html`${dateTime(u.earliestDeadline, t)}${u.overdue ? html` <strong class="notice">${t.overdue}</strong>` : ''}` : t.none)}
</table>
</section>`;
}

/** How the reporter appears: a word in the report's line, and the identity's block when it was included with a reason. */
function reporter(report: DossierReport, t: DossierLabels): { word: Html; block: Html | '' } {
  if (report.reporter.mode === 'anonymous') return { word: html`<span>${t.anonymous}</span>`, block: '' };
  const identity = report.reporter.identity;
  if (!identity) return { word: html`<span class="protected">${t.identityProtected}</span>`, block: '' };
  return {
    word: html`<strong class="alert">${t.identityIncluded}</strong>`,
    block: html`<div class="identity"><table class="kv">${identity.fields.map((f) => kvRow(t.identityField[f.key] ?? f.key, inlineText(f.value, { defang: false })))}
${kvRow(t.identityReason, inlineText(identity.reason))}</table></div>`,
  };
}

function thumbnails(evidence: readonly DossierEvidence[], t: DossierLabels): Html {
  const shown = evidence.filter((item) => item.thumbnailPng !== null);
  if (shown.length === 0) return html``;
  return html`<div class="thumbs">${shown.map(
    (item) => html`<figure><img alt="" src="${`data:image/png;base64,${Buffer.from(item.thumbnailPng as Uint8Array).toString('base64')}`}"><figcaption>${t.thumbnail} ${ltr(item.id)}</figcaption></figure>`,
  )}</div>`;
}

function report(r: DossierReport, evidence: readonly DossierEvidence[], ctx: Context): Html {
  const { t } = ctx;
  const region = r.regionLabel ?? r.region;
  const meta: Html[] = [
    html`<span class="f"><span class="fl">${t.submittedAt}</span> ${r.submittedAt ? dateTime(r.submittedAt, t) : '—'}</span>`,
    html`<span class="f"><span class="fl">${t.platform}</span> ${r.platform ? inlineText(r.platform) : '—'}</span>`,
    html`<span class="f"><span class="fl">${t.channel}</span> ${r.channel ? inlineText(r.channel) : '—'}</span>`,
    html`<span class="f"><span class="fl">${t.region}</span> ${region ? inlineText(region) : '—'}</span>`,
  ];
  if (r.deadline) meta.push(html`<span class="f"><span class="fl">${t.deadline}</span> ${dateTime(r.deadline, t)}</span>`);
  if (r.imminentDanger) meta.push(html`<strong class="f alert">${t.imminentDanger}</strong>`);
  let body: Html;
  if (r.neverShown) {
    body = html`<div class="withheld">${t.neverShown}</div>`;
  } else {
    const content = r.content ? userBlock(r.content) : null;
    const count = { total: content?.count.total ?? 0, bidi: content?.count.bidi ?? 0 };
    for (const url of r.urls) {
      const own = countInvisible(url);
      count.total += own.total;
      count.bidi += own.bidi;
    }
    // The label and the URLs flow on as few lines as they need, each URL whole and apart (a 300-report case: 20 % fewer pages than one per line).
    const urls = r.urls.length ? html`<div class="urls"><span class="fl">${t.urls}</span> ${join(r.urls.map((url) => html`<span class="u">${urlText(url)}</span>`), html`<span class="sep"> · </span>`)}</div>` : '';
    body = html`<div class="content">${content ? content.html : html`<span class="muted">${t.noContent}</span>`}</div>
${invisibleNotice(count, t)}
${urls}
${thumbnails(evidence.filter((item) => item.reportId === r.id), t)}`;
  }
  const who = reporter(r, t);
  return html`<div class="report">
<div class="report-head"><span>${ltr(r.id)}</span><span>${inlineText(r.categoryLabel)}</span><span class="rh-date"><span class="fl">${t.receivedAt}</span> ${dateTime(r.receivedAt, t)}</span></div>
<div class="report-body">
<div class="meta">${join(meta)}<span class="f"><span class="fl">${t.reporter}</span> ${who.word}</span></div>
${who.block}
${body}
</div>
</div>`;
}

export function reports(ctx: Context): Html {
  const { model, t } = ctx;
  return html`<section class="chapter">
<h2>${t.reports} (${ltr(model.reports.length)})</h2>
${model.reports.map((r) => report(r, r.neverShown ? [] : model.evidence, ctx))}
</section>`;
}

function diagnostic(d: DossierDiagnostic, ctx: Context): Html {
  const { t } = ctx;
  const full = (label: string, value: Html): Html => html`<tr><td class="k">${label}</td><td>${value}</td></tr>`;
  return html`<table class="kv diag">
${full(t.requestedUrl, urlText(d.requestedUrl))}
${d.finalUrl ? full(t.finalUrl, urlText(d.finalUrl)) : ''}
${full(t.outcome, html`${inlineText(d.outcome)}${d.status !== null ? html` · ${t.httpStatus} ${ltr(d.status)}` : ''}`)}
${full(t.startedAt, html`${dateTime(d.startedAt, t)} · ${t.proxy} ${d.proxy ? urlText(d.proxy) : t.direct}`)}
${d.redirects.length ? full(t.redirects, join(d.redirects.map((r) => html`<div>${r.status !== null ? ltr(r.status) : '—'} ${urlText(r.url)}${r.location ? html` ${t.arrow} ${urlText(r.location)}` : ''}</div>`))) : ''}
${d.addresses.length ? full(t.addresses, join(d.addresses.map((a) => ltr(a)), ', ')) : ''}
${d.tls ? full(t.tls, html`${inlineText(d.tls.subject)} · ${inlineText(d.tls.issuer)} · ${d.tls.valid ? t.tlsValid : t.tlsInvalid} · ${t.tlsNotAfter} ${dateTime(d.tls.notAfter, t)}<div>${ltr(d.tls.fingerprintSha256, 'hash')}</div>`) : ''}
${d.bodySha256 ? full(t.bodySha256, ltr(d.bodySha256, 'hash')) : ''}
${d.history.length ? full(t.history, join(d.history.map((h) => html`<span>${dateTime(h.at, t)} ${t.state[h.state] ?? h.state}</span>`), html`<br>`)) : ''}
${d.evidenceIds.length ? full(t.evidenceId, join(d.evidenceIds.map((id) => ltr(id)), ', ')) : ''}
</table>`;
}

function note(n: DossierNote, ctx: Context): Html {
  const { t, model } = ctx;
  const rendered = markdownHtml(n.markdown, model.lang);
  return html`<div class="note">
<div class="note-head">${t.noteBy} ${inlineText(n.author)} · ${dateTime(n.updatedAt, t)}${n.reportId ? html` · ${t.noteAbout} ${ltr(n.reportId)}` : ''}</div>
${rendered.html}
${rendered.document.truncated ? html`<p class="notice">${t.noteTruncated}</p>` : ''}
${invisibleNotice(rendered.document.invisible, t)}
</div>`;
}

export function analysis(ctx: Context): Html {
  const { model, t } = ctx;
  const observables = model.observables.length
    ? html`<table><thead><tr><th style="width:22%">${t.observableType}</th><th style="width:18%">${t.observableReports}</th><th>${t.observableVerdict}</th></tr></thead><tbody>${model.observables.map(
        (o) => html`<tr class="main"><td>${inlineText(o.type)}</td><td>${ltr(o.reports)}</td><td>${o.verdict ? inlineText(o.verdict) : '—'}</td></tr><tr class="sub"><td colspan="3">${urlText(o.value)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${t.noObservables}</p>`;
  const diagnostics = model.diagnostics.length ? join(model.diagnostics.map((d) => diagnostic(d, ctx))) : html`<p class="muted">${t.noDiagnostics}</p>`;
  const notes = model.notes.length ? join(model.notes.map((n) => note(n, ctx))) : html`<p class="muted">${t.noNotes}</p>`;
  return html`<section class="chapter">
<h2>${t.analysis}</h2>
<h3>${t.observables}</h3>
${observables}
<h3>${t.diagnostics}</h3>
${diagnostics}
<h3>${t.notes}</h3>
${notes}
</section>`;
}

export function inventory(ctx: Context): Html {
  const { model, t } = ctx;
  // The intake keys, each printed whole once; rows name them K1, K2...
  const keys = [...new Set([...model.reports.map((r) => r.intakeSignature.keyFingerprint), ...model.evidence.map((e) => e.signature?.keyFingerprint ?? null)].filter((fp): fp is string => fp !== null))];
  const keyName = (fp: string | null): string => (fp === null ? '' : `K${keys.indexOf(fp) + 1}`);
  const originals = new Map(model.reports.filter((r) => r.intakeSignature.evidenceId !== null).map((r) => [r.intakeSignature.evidenceId as string, r.intakeSignature]));
  const check = (id: string): Html | '' => {
    const s = originals.get(id);
    if (!s) return '';
    return s.verified
      ? html` · <span class="ok">✔ ${t.signatureValid}</span> ${s.keyFingerprint ? html`(${t.keyFingerprint} ${ltr(keyName(s.keyFingerprint))})` : ''}`
      : html` · <strong class="alert">✘ ${t.signatureInvalid}</strong> ${s.keyFingerprint ? html`(${t.keyFingerprint} ${ltr(keyName(s.keyFingerprint))})` : ''}`;
  };
  // The intake originals, one line each (their path follows from the report, their acquisition is the report's
  // reception): a 300-report case's inventory holds in a few pages instead of thirty.
  const originalItems = model.evidence.filter((e) => e.kind === 'intake_original');
  const otherItems = model.evidence.filter((e) => e.kind !== 'intake_original');
  const verdict = (e: (typeof originalItems)[number]): Html => {
    const s = e.signature ?? originals.get(e.id) ?? null;
    if (!s) return html`—`;
    return s.verified ? html`<span class="ok">✔</span> ${ltr(keyName(s.keyFingerprint))}` : html`<strong class="alert">✘ ${t.signatureInvalid}</strong>`;
  };
  const originalsTable = originalItems.length
    ? html`<h3>${t.originalsTitle} (${ltr(originalItems.length)})</h3>
<p class="muted small">${inlineText(t.originalsNote)}</p>
<table class="inv orig"><thead><tr><th>${t.evidenceId}</th><th>${t.report}</th><th>${t.sha256}</th><th>${t.signature}</th></tr></thead><tbody>${originalItems.map(
        (e) => html`<tr><td>${ltr(e.id)}</td><td>${e.reportId ? ltr(e.reportId) : ''}</td><td>${ltr(e.sha256, 'hash')}</td><td class="nw">${verdict(e)}</td></tr>`,
      )}</tbody></table>`
    : '';
  const items = otherItems.length
    ? html`${originalItems.length ? html`<h3>${t.otherEvidence} (${ltr(otherItems.length)})</h3>` : ''}<table class="inv"><thead><tr><th style="width:26%">${t.evidenceId}</th><th style="width:17%">${t.kind}</th><th style="width:31%">${t.acquiredAt}</th><th>${t.acquiredBy}</th><th style="width:12%">${t.size}</th></tr></thead><tbody>${otherItems.map(
        (e) => html`<tr class="main"><td>${ltr(e.id)}${e.reportId ? html`<br>${ltr(e.reportId, 'muted')}` : ''}</td><td>${t.kinds[e.kind] ?? e.kind} <span class="muted">${ltr(e.mediaType)}</span></td><td>${dateTime(e.acquiredAt, t)}</td><td>${e.acquiredBy ? inlineText(e.acquiredBy) : t.bySync}</td><td>${byteCount(e.size, t)}</td></tr>
<tr class="sub"><td colspan="5"><span class="fl">${t.sha256}</span> ${ltr(e.sha256, 'hash')}<br><span class="fl">${t.packagePath}</span> ${e.packagePath ? pathText(e.packagePath) : html`<span class="muted">${t.inStore}</span>`}${check(e.id)}</td></tr>`,
      )}</tbody></table>`
    : originalItems.length ? '' : html`<p class="muted">${t.noEvidence}</p>`;
  const withoutOriginal = model.reports.filter((r) => r.intakeSignature.evidenceId === null);
  return html`<section class="chapter">
<h2>${t.inventory} (${ltr(model.evidence.length)})</h2>
${originalsTable}
${items}
<h3>${t.intakeChecks}</h3>
<table class="kv">${keys.map((fp) => html`<tr><td class="k">${t.keyFingerprint} ${ltr(keyName(fp))}</td><td>${ltr(fp, 'hash')}</td></tr>`)}</table>
${withoutOriginal.length ? html`<p class="notice">${t.noOriginal} : ${join(withoutOriginal.map((r) => ltr(r.id)), ', ')}</p>` : ''}
</section>`;
}

export function signatureBlock(ctx: Context): Html {
  const { model, t } = ctx;
  return html`<div class="signature">
<h3>${t.signature}</h3>
<p>${t.signatureText}</p>
<table class="kv">
${kvRow(t.name, inlineText(model.analyst.name))}
${kvRow(t.role, inlineText(model.analyst.role))}
${kvRow(t.service, inlineText(model.issuingService))}
${kvRow(t.date, dateTime(model.createdAt, t))}
</table>
<div class="line">${t.signedElectronically}</div>
</div>`;
}
