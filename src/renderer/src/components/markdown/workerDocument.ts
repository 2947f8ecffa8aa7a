/**
 * The one piece of DOM the parser needs, for the worker. micromark decodes
 * `&name;` references with decode-named-character-reference, whose browser
 * build (the one Vite bundles, for workers too) sets a detached element's
 * innerHTML and reads its textContent; a worker has no `document`. This
 * stand-in decodes from the table the package's other build uses
 * (character-entities): same results, no HTML parsed. markdown.worker.ts
 * imports it before markdown.ts, so it is in place when that build loads.
 */
import { characterEntities } from 'character-entities';

const REFERENCE = /^&([A-Za-z0-9]+);$/;

/** What `document.createElement('i')` gives the decoder: `innerHTML = '&name;'`, then `textContent`. */
export class DecodingElement {
  #text = '';

  set innerHTML(html: string) {
    const name = REFERENCE.exec(html)?.[1];
    this.#text = name !== undefined && Object.hasOwn(characterEntities, name) ? (characterEntities[name] as string) : html;
  }

  get innerHTML(): string {
    return this.#text;
  }

  get textContent(): string {
    return this.#text;
  }
}

export const workerDocument = { createElement: (): DecodingElement => new DecodingElement() };

const scope = globalThis as { document?: unknown };
if (scope.document === undefined) scope.document = workerDocument;
