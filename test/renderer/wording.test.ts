/**
 * One word per meaning in both catalogues: "referred" (a report or case sent
 * on to the prosecution) is never the word for "sent to the intake service"
 * (a status change leaving the outbox), nor for a prosecutor's forwarding of a
 * dossier elsewhere; and the same meaning has the same word wherever it shows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ar } from '../../src/renderer/src/i18n/ar.ts';
import { fr } from '../../src/renderer/src/i18n/fr.ts';
import { isPlural, type Message } from '../../src/renderer/src/i18n/translate.ts';

function texts(message: Message): string[] {
  return isPlural(message) ? Object.values(message) : [message];
}

const catalogues = [
  // The referred word's stem, and how the intake service is named.
  { name: 'fr', messages: fr as Record<string, Message>, referred: /transmi/i, intake: /service d[’']intake/i },
  { name: 'ar', messages: ar as Record<string, Message>, referred: /محال|إحال|أحيل|أُحيل/, intake: /خدمة الاستقبال|منصة الاستقبال/ },
] as const;

test('"referred" has one word: report status, case status, a report\'s cases', () => {
  for (const { name, messages } of catalogues) {
    const words = ['report.status.referred', 'cases.status.referred', 'reportView.caseStatus.referred'].map((key) => {
      const message = messages[key];
      assert.ok(message !== undefined, `${name} ${key}`);
      return texts(message)[0]?.replace(/ة$/, '');
    });
    assert.equal(new Set(words).size, 1, `${name}: ${words.join(' / ')}`);
  }
});

test('what is sent to the intake service is never called "referred", nor is a dossier forwarded elsewhere', () => {
  for (const { name, messages, referred, intake } of catalogues) {
    const referredWord = texts(messages['report.status.referred'] as Message)[0] ?? '';
    for (const key of ['sync.outbox.sent', 'sync.outbox.state.sent', 'sync.outbox.intro', 'sync.outbox.empty', 'reportView.outbox.sent', 'dossier.decision.forwarded', 'cases.timeline.decision.forwarded']) {
      const message = messages[key];
      assert.ok(message !== undefined, `${name} ${key}`);
      for (const text of texts(message)) assert.doesNotMatch(text, referred, `${name} ${key}: ${text}`);
    }
    // A sentence about the intake service uses the referred word only when it is about a referral
    // (quoted as the status), never as the verb of sending to the service.
    for (const [key, message] of Object.entries(messages)) {
      for (const text of texts(message)) {
        if (!intake.test(text)) continue;
        const unquoted = text.replace(/«[^»]*»/g, '');
        if (name === 'fr') assert.doesNotMatch(unquoted, /transmis(es?)? (au|à) (ce )?service/i, `${name} ${key}: ${text}`);
        else assert.ok(!unquoted.includes(`${referredWord} إلى خدمة`), `${name} ${key}: ${text}`);
      }
    }
  }
});
