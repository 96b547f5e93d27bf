import Handlebars from 'handlebars';

/**
 * The HTML pages people see at the badges' public URLs (verifiers' machines get JSON-LD at the same URLs). Every
 * value goes through Handlebars' `{{ }}`, which escapes HTML: names and narratives are written by facilitators and
 * issuers, never trusted as markup. No scripts, no remote assets.
 */
const handlebars = Handlebars.create();

const layout = handlebars.compile(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
img { max-width: 10rem; height: auto; }
.state { font-weight: bold; } .valid { color: #047857; } .revoked, .expired { color: #b91c1c; }
dt { font-weight: bold; margin-top: .5rem; } code { word-break: break-all; }
</style>
</head>
<body>
{{{body}}}
</body>
</html>
`);

export interface IssuerPage {
  name: string;
  description: string;
  url: string;
  email: string | null;
  profileUrl: string;
  keyCount: number;
}

const issuerBody = handlebars.compile(`<main>
<h1>{{name}}</h1>
<p>A badge issuer on Commonplace.</p>
{{#if description}}<p>{{description}}</p>{{/if}}
<dl>
<dt>Web site</dt><dd>{{#if linkable}}<a href="{{url}}" rel="nofollow noopener">{{url}}</a>{{else}}{{url}}{{/if}}</dd>
{{#if email}}<dt>Contact</dt><dd>{{email}}</dd>{{/if}}
<dt>Signing keys published</dt><dd>{{keyCount}}</dd>
</dl>
<p>Machines read this issuer's profile and keys as JSON-LD at <code>{{profileUrl}}</code>
(ask for <code>application/ld+json</code>).</p>
</main>`);

export interface AchievementPage {
  name: string;
  description: string;
  criteria: string;
  tags: string[];
  imageUrl: string;
  issuerName: string;
  issuerUrl: string;
  validityDays: number | null;
}

const achievementBody = handlebars.compile(`<main>
<img src="{{imageUrl}}" alt="">
<h1>{{name}}</h1>
<p>{{description}}</p>
<dl>
<dt>How it is earned</dt><dd>{{criteria}}</dd>
<dt>Issued by</dt><dd><a href="{{issuerUrl}}">{{issuerName}}</a></dd>
{{#if tags.length}}<dt>Tags</dt><dd>{{#each tags}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</dd>{{/if}}
{{#if validityDays}}<dt>Valid for</dt><dd>{{validityDays}} days after it is awarded</dd>{{/if}}
</dl>
</main>`);

export interface CredentialPage {
  achievementName: string;
  achievementDescription: string;
  achievementUrl: string;
  imageUrl: string;
  issuerName: string;
  issuerUrl: string;
  validFrom: string;
  validUntil: string | null;
  state: 'valid' | 'revoked' | 'expired' | 'not-yet-valid';
  revocationReason: string | null;
  credentialUrl: string;
  pngUrl: string;
  svgUrl: string;
  verifyUrl: string;
  /** The web app's page where a person uploads the badge to check it. */
  verifyPageUrl: string;
}

const STATE_LABEL: Record<CredentialPage['state'], string> = {
  valid: 'Valid',
  revoked: 'Revoked by the issuer',
  expired: 'Expired',
  'not-yet-valid': 'Not valid yet',
};

const credentialBody = handlebars.compile(`<main>
<img src="{{imageUrl}}" alt="">
<h1>{{achievementName}}</h1>
<p>{{achievementDescription}}</p>
<p class="state {{state}}">{{stateLabel}}{{#if revocationReason}}: {{revocationReason}}{{/if}}</p>
<dl>
<dt>Badge</dt><dd><a href="{{achievementUrl}}">{{achievementName}}</a></dd>
<dt>Issued by</dt><dd><a href="{{issuerUrl}}">{{issuerName}}</a></dd>
<dt>Issued to</dt><dd>A hashed email address: the credential names its holder only by a salted hash, which whoever
knows the address can check.</dd>
<dt>Valid from</dt><dd>{{validFrom}}</dd>
{{#if validUntil}}<dt>Valid until</dt><dd>{{validUntil}}</dd>{{/if}}
</dl>
<h2>Verify it yourself</h2>
<p>This is a signed Open Badges 3.0 credential (eddsa-rdfc-2022). Any Open Badges or Verifiable Credentials verifier can
check it offline from us except for our public keys and status list: give it <code>{{credentialUrl}}</code>, or the
baked <a href="{{pngUrl}}">PNG</a> or <a href="{{svgUrl}}">SVG</a> image. This site checks it too: upload the image or the
JSON on <a href="{{verifyPageUrl}}">the verify page</a>, or send it with <code>POST {{verifyUrl}}</code>.</p>
</main>`);

export function renderIssuerPage(page: IssuerPage): string {
  // Escaping does not stop a `javascript:` link: only http(s) addresses become links.
  return layout({ title: page.name, body: issuerBody({ ...page, linkable: /^https?:\/\//i.test(page.url) }) });
}

export function renderAchievementPage(page: AchievementPage): string {
  return layout({ title: page.name, body: achievementBody(page) });
}

export function renderCredentialPage(page: CredentialPage): string {
  return layout({
    title: `${page.achievementName}, from ${page.issuerName}`,
    body: credentialBody({ ...page, stateLabel: STATE_LABEL[page.state] }),
  });
}
