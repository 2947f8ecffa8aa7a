/** The signing fragment's channels (shared/contract/signing.ts): the PDF signing certificate and its PKCS#12 replacement. */
import type { HandlersOf } from '../../../shared/contract.ts';
import type { signingChannels } from '../../../shared/contract/signing.ts';
import type { Session } from '../../session/session.ts';
import { importPdfSigningIdentity, signingCertificateView } from './keys.ts';
import { Pkcs12Error, readPkcs12 } from './pkcs12.ts';

export interface SigningHandlerDeps {
  session: Session;
  now: () => number;
}

export function signingHandlers({ session, now }: SigningHandlerDeps): HandlersOf<typeof signingChannels> {
  return {
    'signing.certificate': async () => {
      const { db, analyst } = session.unlocked();
      return signingCertificateView(db, analyst.id, new Date(now()));
    },
    'signing.importPkcs12': async ({ pkcs12Base64, password }) => {
      const at = new Date(now());
      const file = Buffer.from(pkcs12Base64, 'base64');
      let contents;
      try {
        contents = await readPkcs12(file, password, at);
      } catch (error) {
        if (error instanceof Pkcs12Error) return { imported: false as const, problem: error.problem, detail: error.message };
        throw error;
      }
      const { db, analyst } = session.requireSupervisor();
      importPdfSigningIdentity(db, analyst.id, contents, at);
      return { imported: true as const, view: await signingCertificateView(db, analyst.id, at) };
    },
  };
}
