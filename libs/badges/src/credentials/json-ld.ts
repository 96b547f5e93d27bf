import jsonldLibrary from 'jsonld';
import { staticDocumentLoader } from './document-loader';

/**
 * The slice of jsonld@9 we use. @types/jsonld describes the 1.x API (no 'RDFC-1.0', no safe mode), so the
 * options are typed here against jsonld@9's documented ones.
 */
interface JsonLdApi {
  canonize(
    input: object,
    options: { algorithm: 'RDFC-1.0'; safe: boolean; documentLoader: typeof staticDocumentLoader },
  ): Promise<string>;
  expand(input: object, options: { safe: boolean; documentLoader: typeof staticDocumentLoader }): Promise<unknown[]>;
}

const jsonld = jsonldLibrary as unknown as JsonLdApi;

/**
 * RDFC-1.0 canonical N-Quads. Safe mode makes any term the contexts do not define an error instead of silently
 * dropping it (a dropped term would be unsigned yet still shown to people).
 */
export function canonize(document: object): Promise<string> {
  return jsonld.canonize(document, { algorithm: 'RDFC-1.0', safe: true, documentLoader: staticDocumentLoader });
}

export function expandSafely(document: object): Promise<unknown[]> {
  return jsonld.expand(document, { safe: true, documentLoader: staticDocumentLoader });
}
