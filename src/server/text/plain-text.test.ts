import fc from 'fast-check';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text';
import { xssPayloads } from './xss-payloads';

/**
 * Where an HTML tokenizer starts a tag, an end tag, a comment or a declaration: `<` then a letter,
 * `</` then a letter, `<!` or `<?` (a bare `</` is text). Text without one is inert wherever it
 * lands, even if a consumer forgot to escape it.
 */
const TAG_OPENER = /<\/?[a-z]|<[!?]/i;

describe('plainText and stored-XSS payloads', () => {
  it.each(xssPayloads)('leaves nothing a browser would parse as markup: %s', (payload) => {
    const out = plainText(payload);
    expect(out).not.toMatch(TAG_OPENER);
    // Parsed as HTML again, the output is only text: stripping it once more changes nothing.
    expect(plainText(out)).toBe(out);
    expect(sanitizeHtml(out, { allowedTags: [], allowedAttributes: {} })).toBe(out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('keeps the words around markup and drops the content of scripts, styles and frames', () => {
    expect(plainText('<a href="javascript:alert(1)">click</a>')).toBe('click');
    expect(plainText('<x onmouseover=alert(1)>hover</x>')).toBe('hover');
    expect(plainText('"><script>alert(1)</script>')).toBe('">');
    expect(plainText('Hi<style>body{display:none}</style> there<iframe srcdoc="x">fallback</iframe>!')).toBe('Hi there!');
    expect(plainText('<noscript>hidden</noscript><template>t</template><svg><text>s</text></svg>shown')).toBe('shown');
  });

  it('strips tags that only appear once entities are decoded or invisible characters removed', () => {
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt;after')).toBe('after');
    expect(plainText('&amp;lt;b&amp;gt;bold')).toBe('bold');
    expect(plainText('<\u200Bscript>alert(1)')).toBe('');
    expect(plainText('ok <\u200Bb>bold</b>')).toBe('ok bold');
  });

  it('drops every "<" from entity encoding nested deeper than text ever is', () => {
    let nested = '<b>x</b>';
    for (let n = 0; n < 12; n++) nested = nested.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const out = plainText(nested);
    expect(out).not.toContain('<');
    expect(out).toContain('x');
  });

  it('holds for any mix of markup fragments, entities and invisible characters', () => {
    const fragment = fc.constantFrom('<', '>', '/', '!', '?', '&', ';', 'lt', 'gt', 'amp', '#60', 'script', 'img', 'svg', ' ', '=', '"', "'", 'a', '\u200B', '\u202E', '\n', '\u0000', '-', 'x');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), fc.boolean(), (parts, multiline) => {
        const out = plainText(parts.join(''), { multiline });
        expect(out).not.toMatch(TAG_OPENER);
        expect(plainText(out, { multiline })).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('plainText keeps what people type', () => {
  it('keeps <, > and & that are not markup, and decodes entities', () => {
    expect(plainText('a < b & c > d')).toBe('a < b & c > d');
    expect(plainText('AT&T, 1 &lt; 2, caf&eacute; &#x1F3C3;')).toBe('AT&T, 1 < 2, café 🏃');
  });

  it('leaves Japanese, Arabic, Persian and emoji unchanged', () => {
    for (const text of [
      '山田　太郎です。４月のマラソンを走ります！（ご支援よろしくお願いします）',
      'ｶﾀｶﾅ、ひらがな、漢字、〜・「」',
      'مرحبا، سأركض من أجل اللاجئين',
      'می‌خواهم برای پناهندگان بدوم',
      '🏃‍♀️ 👩🏽‍💻 🇯🇵 🏳️‍🌈 👨‍👩‍👧 1️⃣',
    ]) {
      expect(plainText(text)).toBe(text);
      expect(plainText(text, { multiline: true })).toBe(text);
    }
  });

  it('normalises to NFC', () => {
    expect(plainText('か\u3099ら e\u0301')).toBe('\u304cら \u00e9');
  });

  it('collapses all white space to single spaces and trims single-line text', () => {
    expect(plainText('  Taro\r\n\r\nYamada\t\v(runner)\n  ')).toBe('Taro Yamada (runner)');
    expect(plainText('\u3000名前\u3000')).toBe('名前');
  });

  it('keeps line breaks in multiline text as LF, at most two blank lines in a row, trimmed', () => {
    expect(plainText('one\r\ntwo\rthree\u2028four', { multiline: true })).toBe('one\ntwo\nthree\nfour');
    expect(plainText('\n\n  para one   \n\n\n\n\n\npara two\n\n', { multiline: true })).toBe('para one\n\n\npara two');
    expect(plainText('a\n\n\nb', { multiline: true })).toBe('a\n\n\nb');
    expect(plainText('<p>one</p>\n<p>two</p>', { multiline: true })).toBe('one\ntwo');
    expect(plainText('\u3000字下げの段落', { multiline: true })).toBe('\u3000字下げの段落');
  });

  it('removes control, bidirectional-override and zero-width characters', () => {
    expect(plainText('a\u0000b\u0007c\u007fd\u009be')).toBe('abcde');
    expect(plainText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(plainText('\u2066Taro\u2069 \u202Ameets\u202C \u2067Hanako\u2068\u2069')).toBe('Taro meets Hanako');
    expect(plainText('\uFEFFTa\u200Bro')).toBe('Taro');
    expect(plainText('\u200Dstray joiners\u200C')).toBe('stray joiners');
  });
});
