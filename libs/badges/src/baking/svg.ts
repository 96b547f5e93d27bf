import { BakingError, BakingErrorCode } from './baking.error';

/** Open Badges 3.0, "Baking": the namespace and element that carry the credential in an SVG. */
export const OPENBADGES_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
const ELEMENT = 'openbadges:credential';
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

interface Span {
  start: number;
  end: number;
}

/** End of the start tag beginning at `start` (index just past '>'), skipping '>' inside quoted attribute values. */
function endOfStartTag(svg: string, start: number): number {
  let quote: string | null = null;
  for (let i = start; i < svg.length; i++) {
    const ch = svg[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  throw new BakingError(BakingErrorCode.NotAnSvg, 'The image is not a valid SVG: an unterminated tag.');
}

/** The root <svg> start tag. The prolog (XML declaration, comments, doctype) is skipped, not searched, so an
 *  `<svg` inside a comment is never taken for the root. */
function findRootStartTag(svg: string): Span {
  const notAnSvg = (reason: string): BakingError =>
    new BakingError(BakingErrorCode.NotAnSvg, `The image is not a valid SVG: ${reason}.`);
  let i = svg.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (/\s/.test(svg[i] ?? '')) i++;
    if (svg.startsWith('<?', i)) i = skipPast(svg, i, '?>');
    else if (svg.startsWith('<!--', i)) i = skipPast(svg, i, '-->');
    else if (svg.startsWith('<!DOCTYPE', i)) {
      // An internal subset ([...]) may hold '>' of its own.
      const subset = svg.indexOf('[', i);
      const close = svg.indexOf('>', i);
      i = subset >= 0 && subset < close ? skipPast(svg, skipPast(svg, subset, ']'), '>') : close + 1;
      if (close < 0) throw notAnSvg('an unterminated doctype');
    } else break;
    if (i <= 0) throw notAnSvg('an unterminated prolog');
  }
  if (!/^<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(svg.slice(i, i + 64))) throw notAnSvg('no <svg> root element');
  return { start: i, end: endOfStartTag(svg, i) };
}

/** Index just past the first `token` at or after `from`, or 0 when there is none. */
function skipPast(svg: string, from: number, token: string): number {
  const at = svg.indexOf(token, from);
  return at < 0 ? 0 : at + token.length;
}

/** The credential element (start to past its end tag) and its raw content; CDATA is skipped so `]]>`-free JSON
 *  holding "</openbadges:credential>" cannot end it early. */
function findCredentialElement(svg: string, from: number): { element: Span; content: Span } | null {
  const match = new RegExp(`<${ELEMENT}[\\s/>]`).exec(svg.slice(from));
  if (!match) return null;
  const start = from + match.index;
  const tagEnd = endOfStartTag(svg, start);
  if (svg[tagEnd - 2] === '/') return { element: { start, end: tagEnd }, content: { start: tagEnd, end: tagEnd } };
  const closing = `</${ELEMENT}>`;
  let i = tagEnd;
  while (i < svg.length) {
    if (svg.startsWith(CDATA_OPEN, i)) {
      const close = svg.indexOf(CDATA_CLOSE, i + CDATA_OPEN.length);
      if (close < 0) break;
      i = close + CDATA_CLOSE.length;
    } else if (svg.startsWith(closing, i)) {
      return { element: { start, end: i + closing.length }, content: { start: tagEnd, end: i } };
    } else {
      i++;
    }
  }
  throw new BakingError(BakingErrorCode.MalformedBakedCredential, `The SVG has an unterminated <${ELEMENT}>.`);
}

/** Wraps text in CDATA; a `]]>` inside is split across two sections, the only way CDATA can hold it. */
export function toCdata(text: string): string {
  return CDATA_OPEN + text.split(CDATA_CLOSE).join(`]]${CDATA_CLOSE}${CDATA_OPEN}>`) + CDATA_CLOSE;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** Element content as text: CDATA sections verbatim, the rest with XML entities decoded (other bakers escape). */
function contentText(raw: string): string {
  let text = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, i);
    if (open < 0) {
      text += decodeEntities(raw.slice(i));
      break;
    }
    text += decodeEntities(raw.slice(i, open));
    const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    text += raw.slice(open + CDATA_OPEN.length, close);
    i = close + CDATA_CLOSE.length;
  }
  return text;
}

function withNamespace(startTag: string): string {
  const declaration = `xmlns:openbadges="${OPENBADGES_NAMESPACE}"`;
  const existing = /\sxmlns:openbadges\s*=\s*("[^"]*"|'[^']*')/;
  if (existing.test(startTag)) return startTag.replace(existing, ` ${declaration}`);
  return startTag.replace(/^<([^\s/>]+)/, `<$1 ${declaration}`);
}

/** Returns the SVG carrying the credential as the root's first child, replacing any earlier one. */
export function bakeSvg(svg: string, credentialJson: string): string {
  let unbaked = svg;
  const rootEnd = findRootStartTag(svg).end;
  for (let found = findCredentialElement(unbaked, rootEnd); found; found = findCredentialElement(unbaked, rootEnd)) {
    unbaked = unbaked.slice(0, found.element.start) + unbaked.slice(found.element.end);
  }
  const root = findRootStartTag(unbaked);
  const rootTag = unbaked.slice(root.start, root.end);
  const element = `<${ELEMENT}>${toCdata(credentialJson)}</${ELEMENT}>`;
  const selfClosing = /\/\s*>$/.test(rootTag);
  const openTag = withNamespace(selfClosing ? rootTag.replace(/\s*\/\s*>$/, '>') : rootTag);
  const closeTag = selfClosing ? `</${/^<([^\s/>]+)/.exec(rootTag)?.[1] ?? 'svg'}>` : '';
  return unbaked.slice(0, root.start) + openTag + element + closeTag + unbaked.slice(root.end);
}

/** The baked credential's text, exactly as baked, or null when the SVG carries none. */
export function extractFromSvg(svg: string): string | null {
  const root = findRootStartTag(svg);
  const found = findCredentialElement(svg, root.end);
  return found ? contentText(svg.slice(found.content.start, found.content.end)) : null;
}
