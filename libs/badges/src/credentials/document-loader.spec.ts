import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSafely } from './json-ld';
import { BUNDLED_CONTEXTS, staticDocumentLoader, UnknownContextError } from './document-loader';

// The packages' exports maps hide their context files from require.resolve; read them from node_modules.
const REPO_ROOT = join(__dirname, '../../../..');

describe('static document loader', () => {
  it('serves exactly the four bundled contexts and refuses anything else, naming it', async () => {
    expect(Object.keys(BUNDLED_CONTEXTS).sort()).toEqual([
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/did/v1',
    ]);
    await expect(staticDocumentLoader('https://www.w3.org/ns/did/v1')).resolves.toMatchObject({
      documentUrl: 'https://www.w3.org/ns/did/v1',
      document: { '@context': expect.any(Object) },
    });
    const refused = staticDocumentLoader('https://w3id.org/security/data-integrity/v2');
    await expect(refused).rejects.toBeInstanceOf(UnknownContextError);
    await expect(refused).rejects.toThrow('https://w3id.org/security/data-integrity/v2');
    // An inherited property name must not count as a bundled URL.
    await expect(staticDocumentLoader('constructor')).rejects.toThrow('constructor');
  });

  it('bundles the same JSON as the npm packages publish (dev dependencies), so an upgrade shows any drift', () => {
    const packaged: Array<[string, string]> = [
      ['https://www.w3.org/ns/credentials/v2', '@digitalbazaar/credentials-context/contexts/v2.jsonld'],
      ['https://www.w3.org/ns/did/v1', 'did-context/contexts/did-v1.jsonld'],
      ['https://w3id.org/security/multikey/v1', '@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld'],
    ];
    for (const [url, file] of packaged) {
      expect(BUNDLED_CONTEXTS[url]).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', file), 'utf8')));
    }
  });

  it('expands the signed vector credential in JSON-LD safe mode, proof included', async () => {
    const vector = JSON.parse(
      readFileSync(join(REPO_ROOT, 'test/fixtures/openbadges-3.0/eddsa-rdfc-2022-vector.json'), 'utf8'),
    ) as { signedCredential: object };
    const [expanded] = (await expandSafely(vector.signedCredential)) as Array<Record<string, unknown>>;
    expect(expanded?.['@type']).toEqual([
      'https://www.w3.org/2018/credentials#VerifiableCredential',
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential',
    ]);
    expect(expanded).toHaveProperty(['https://w3id.org/security#proof']);
  });

  it('a controller document with the DID and Multikey contexts expands in safe mode', async () => {
    const controller = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'https://badges.example.org/issuers/platform',
      assertionMethod: [
        {
          id: 'https://badges.example.org/issuers/platform#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
          type: 'Multikey',
          controller: 'https://badges.example.org/issuers/platform',
          publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
        },
      ],
    };
    await expect(expandSafely(controller)).resolves.toHaveLength(1);
    await expect(expandSafely({ ...controller, nickname: 'x' })).rejects.toThrow(/safe mode/i);
  });
});
