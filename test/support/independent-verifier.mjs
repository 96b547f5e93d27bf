// Verifies a credential with Digital Bazaar's libraries, as a third-party verifier would. They are ESM-only and
// jest (CommonJS, Node 20) cannot load them, so tests run this script in a child process:
//   stdin:  {"credential": {...}, "documents"?: {"<url>": {...}}, "publicUrl"?: "...", "baseUrl"?: "..."}
//   stdout: {"verified": bool, "errors": [...], "revoked": bool | null, "statusErrors": [...]}
// Only the four bundled contexts are local. Other documents come from `documents`, or are GET from the running
// API: a URL under `publicUrl` is fetched from `baseUrl` instead (the test API listens on a random port).
// With a credentialStatus, the status list is checked with @digitalbazaar/vc-bitstring-status-list; a revoked
// credential still comes back verified: true, so `revoked` reports the status bit separately.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';

const contextsDir = new URL('../../libs/badges/src/credentials/contexts/', import.meta.url);
const readContext = (file) => JSON.parse(readFileSync(fileURLToPath(new URL(file, contextsDir)), 'utf8'));
const contexts = {
  'https://www.w3.org/ns/credentials/v2': readContext('credentials-v2.json'),
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': readContext('ob-v3p0-3.0.3.json'),
  'https://www.w3.org/ns/did/v1': readContext('did-v1.json'),
  'https://w3id.org/security/multikey/v1': readContext('multikey-v1.json'),
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { credential, documents = {}, publicUrl, baseUrl } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

async function fetchPublished(url) {
  const response = await fetch(baseUrl + url.slice(publicUrl.length), {
    headers: { Accept: 'application/ld+json' },
  });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}

async function documentLoader(url) {
  if (contexts[url]) return { contextUrl: null, documentUrl: url, document: contexts[url] };
  const [base, fragment] = url.split('#');
  if (publicUrl && baseUrl && url.startsWith(publicUrl)) {
    return { contextUrl: null, documentUrl: url, document: await fetchPublished(url) };
  }
  const document = documents[url] ?? documents[base];
  if (!document) throw new Error(`not served: ${url}`);
  if (fragment && !documents[url]) {
    // A verification method is a fragment of its controller document; give it that document's context.
    const method = (document.assertionMethod ?? []).find((entry) => typeof entry === 'object' && entry.id === url);
    if (!method) throw new Error(`no verification method ${url}`);
    return { contextUrl: null, documentUrl: url, document: { '@context': document['@context'], ...method } };
  }
  return { contextUrl: null, documentUrl: url, document };
}

const messages = (error) => (error ? (error.errors ?? [error]).map((e) => e.message ?? String(e)) : []);

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
const withStatus = credential.credentialStatus !== undefined;
const result = await vc.verifyCredential({
  credential,
  suite,
  documentLoader,
  ...(withStatus ? { checkStatus: (options) => checkStatus({ ...options, suite, documentLoader }) } : {}),
});
const errors = [result.error, ...(result.results ?? []).map((r) => r.error)].filter(Boolean).flatMap(messages);
const statusResult = result.statusResult;
const revoked =
  withStatus && statusResult?.verified ? statusResult.results.some((entry) => entry.status === true) : null;
process.stdout.write(
  JSON.stringify({
    verified: result.verified === true,
    errors,
    revoked,
    statusErrors: messages(statusResult?.error),
  }),
);
