import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown: headings, emphasis, lists, links, images, code and tables', () => {
    const html = renderMarkdown(
      [
        '# Build a tube digester',
        '',
        'Use **thick** *polyethylene* and see [the manual](https://example.org/manual "Manual").',
        '',
        '1. Dig the trench',
        '2. Lay the tube',
        '',
        '![a digester](https://example.org/d.png)',
        '',
        '```js',
        'const gas = 1;',
        '```',
        '',
        '| Part | Cost |',
        '| :--- | ---: |',
        '| tube | 20 |',
      ].join('\n'),
    );
    expect(html).toContain('<h1>Build a tube digester</h1>');
    expect(html).toContain('<strong>thick</strong> <em>polyethylene</em>');
    expect(html).toContain(
      '<a href="https://example.org/manual" title="Manual" rel="nofollow ugc noopener">the manual</a>',
    );
    expect(html).toContain('<ol>\n<li>Dig the trench</li>');
    expect(html).toContain('<img src="https://example.org/d.png" alt="a digester" />');
    expect(html).toContain('<code class="language-js">const gas = 1;\n</code>');
    expect(html).toContain('<th style="text-align:left">Part</th>');
  });

  it('never lets a script tag through, raw or nested', () => {
    for (const source of [
      '<script>alert(1)</script>',
      'Hello <script src="https://evil.example/x.js"></script> world',
      '<scr<script>ipt>alert(1)</script>',
      '<svg><script>alert(1)</script></svg>',
    ]) {
      const html = renderMarkdown(source);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<svg/i);
    }
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('drops javascript:, vbscript: and data: URLs from links and images', () => {
    for (const source of [
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[click](java\tscript:alert(1))',
      '[click](&#106;avascript:alert(1))',
      '[click](vbscript:msgbox(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
      '<a href="javascript:alert(1)">x</a>',
      '[x]: javascript:alert(1)\n\n[click][x]',
    ]) {
      const html = renderMarkdown(source);
      // Text that merely shows the URL is harmless; an element carrying it is not.
      expect(html).not.toMatch(/<a [^>]*href="\s*(?:[a-z]*script|data):/i);
      expect(html).not.toMatch(/<img [^>]*src="\s*(?:[a-z]*script|data):/i);
    }
  });

  it('strips event handler attributes and inline styles from any HTML in the source', () => {
    for (const source of [
      '<img src="https://example.org/x.png" onerror="alert(1)">',
      '<p onclick="alert(1)">hi</p>',
      '<a href="https://example.org" onmouseover="alert(1)">x</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<iframe src="https://evil.example"></iframe>',
    ]) {
      const html = renderMarkdown(source);
      expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
      expect(html).not.toMatch(/<iframe/i);
      expect(html).not.toMatch(/<div/i);
      expect(html).not.toMatch(/<[a-z]+[^>]*style="background/i);
    }
  });

  it('renders an empty text as an empty string', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('  \n ')).toBe('');
  });
});
