import { BakingError } from './baking.error';
import { DEFAULT_BADGE_SVG } from './default-badge';
import { bakeSvg, extractFromSvg } from './svg';

// Everything that could break XML or CDATA: the CDATA terminator, markup characters and non-ASCII text.
const awkward = JSON.stringify({
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Tricky ]]> badge <b> & "quotes" — Zoë 学习 🎓',
  description: 'ends with ]]',
  narrative: '</openbadges:credential> inside the text',
});

const plain = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a badge -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" data-note="a > b"><circle r="5"/></svg>`;

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('bakeSvg / extractFromSvg', () => {
  it('declares the OB 3.0 namespace on the root and puts the credential in CDATA as its first child', () => {
    const baked = bakeSvg(plain, '{"id":"urn:uuid:1"}');

    expect(baked).toContain(
      '<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" data-note="a > b">' +
        '<openbadges:credential><![CDATA[{"id":"urn:uuid:1"}]]></openbadges:credential><circle r="5"/></svg>',
    );
    expect(baked.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- a badge -->\n')).toBe(true);
  });

  it('gives back exactly the credential, even one holding ]]>, <, & and non-ASCII', () => {
    const baked = bakeSvg(plain, awkward);

    expect(extractFromSvg(baked)).toBe(awkward);
    // The raw `]]>` never appears unsplit: every CDATA opened is closed before the element ends.
    const content = baked.slice(baked.indexOf('<openbadges:credential>'), baked.indexOf('<circle'));
    expect(count(content, '<![CDATA[')).toBe(count(content, ']]>'));
    expect(content).toContain(']]]]><![CDATA[>');
  });

  it('replaces the credential when re-baked, and declares the namespace once', () => {
    const twice = bakeSvg(bakeSvg(plain, awkward), '{"id":"urn:uuid:2"}');

    expect(count(twice, '<openbadges:credential>')).toBe(1);
    expect(count(twice, 'xmlns:openbadges=')).toBe(1);
    expect(extractFromSvg(twice)).toBe('{"id":"urn:uuid:2"}');
    expect(twice).toContain('<circle r="5"/>');
  });

  it('bakes a self-closing root svg', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', '{"a":1}');
    expect(baked).toBe(
      '<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg">' +
        '<openbadges:credential><![CDATA[{"a":1}]]></openbadges:credential></svg>',
    );
  });

  it('finds the root past a prolog whose comment and doctype mention <svg>, and keeps a prefixed root name', () => {
    const prolog =
      '<?xml version="1.0"?>\n<!-- exported from <svg> tool -->\n' + '<!DOCTYPE svg:svg [<!ENTITY teal "#0f766e">]>\n';
    const svg = prolog + '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>';

    const baked = bakeSvg(svg, awkward);
    expect(baked.startsWith(prolog + '<svg:svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" ')).toBe(true);
    expect(baked.endsWith('</openbadges:credential></svg:svg>')).toBe(true);
    expect(extractFromSvg(baked)).toBe(awkward);
  });

  it('reads a credential another baker wrote as escaped text', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">' +
      '<openbadges:credential>{"name":"A &amp; B &lt;3 &#x1F393;"}</openbadges:credential></svg>';
    expect(extractFromSvg(svg)).toBe('{"name":"A & B <3 🎓"}');
  });

  it('returns null for an SVG without a credential, and refuses what is not an SVG', () => {
    expect(extractFromSvg(plain)).toBeNull();
    expect(() => bakeSvg('<html><body/></html>', awkward)).toThrow(BakingError);
    expect(() => extractFromSvg('not xml at all')).toThrow('The image is not a valid SVG: no <svg> root element.');
  });

  it('bakes the default badge image', () => {
    expect(extractFromSvg(bakeSvg(DEFAULT_BADGE_SVG, awkward))).toBe(awkward);
  });
});
