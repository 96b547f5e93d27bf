import credentialsV2 from './contexts/credentials-v2.json';
import didV1 from './contexts/did-v1.json';
import multikeyV1 from './contexts/multikey-v1.json';
import openBadgesV3 from './contexts/ob-v3p0-3.0.3.json';

export const CREDENTIALS_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_V3_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT_URL = 'https://w3id.org/security/multikey/v1';

export const BUNDLED_CONTEXTS: Readonly<Record<string, unknown>> = Object.freeze({
  [CREDENTIALS_V2_CONTEXT_URL]: credentialsV2,
  [OPEN_BADGES_V3_CONTEXT_URL]: openBadgesV3,
  [DID_V1_CONTEXT_URL]: didV1,
  [MULTIKEY_V1_CONTEXT_URL]: multikeyV1,
});

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export class UnknownContextError extends Error {
  constructor(readonly url: string) {
    super(`JSON-LD document not bundled, refusing to load: ${url}`);
    this.name = 'UnknownContextError';
  }
}

/** Serves the bundled contexts only; nothing is ever fetched, so signing works offline and cannot be steered. */
export function staticDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = Object.prototype.hasOwnProperty.call(BUNDLED_CONTEXTS, url) ? BUNDLED_CONTEXTS[url] : undefined;
  if (document === undefined) {
    return Promise.reject(new UnknownContextError(url));
  }
  return Promise.resolve({ contextUrl: null, documentUrl: url, document });
}
