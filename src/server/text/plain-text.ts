import sanitizeHtml from 'sanitize-html';

const STRIP_ALL: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  // Elements whose content is code, a hidden fallback or foreign markup: their text is dropped too,
  // not kept as words (sanitize-html's default list has only the first five).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'template', 'title', 'svg', 'math'],
};

/**
 * sanitize-html decodes every entity while parsing and escapes only `&`, `<` and `>` in the text it
 * writes, so undoing exactly those three gives the text back as typed without the `entities`
 * package (only a transitive dependency here).
 */
const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt);/g, (entity) => ESCAPED[entity] ?? entity);

// C0 controls except \n (\t, \v and \f have become spaces by then), DEL and C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200B\uFEFF]/g;
/**
 * ZWNJ/ZWJ are letters' glue in Persian, Indic scripts and emoji sequences (👩🏽‍💻), so they are
 * kept between two such characters and dropped anywhere else, where they only hide things.
 */
const STRAY_JOINERS =
  /(?<![\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/gu;

/** Passes until a fixed point; real text needs two, each further one peels a level of entity encoding. */
const MAX_PASSES = 8;

function cleanCharacters(text: string, multiline: boolean): string {
  const cleaned = text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\t\v\f]/g, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(ZERO_WIDTH, '')
    .replace(STRAY_JOINERS, '')
    .normalize('NFC');
  if (!multiline) return cleaned.replace(/[ \n]+/g, ' ').trim();
  return cleaned
    .replace(/ +$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^[ \n]+|\n+$/g, '');
}

const pass = (text: string, multiline: boolean) => cleanCharacters(unescape(sanitizeHtml(text, STRIP_ALL)), multiline);

/**
 * What a member of the public typed, as plain text: no markup (the content of scripts, styles and
 * the like dropped), entities decoded so "a < b & c" stays as typed, NFC, LF line ends, no control,
 * bidirectional-override or zero-width characters. Single-line text has its white space collapsed;
 * multiline text keeps at most two blank lines in a row.
 *
 * Stripping repeats until nothing changes, because decoding `&lt;script&gt;` or removing an invisible
 * character can itself form a tag; the result therefore never contains one, even if some later
 * consumer forgets to escape it.
 */
export function plainText(input: string, options: { multiline?: boolean } = {}): string {
  const multiline = options.multiline ?? false;
  let current = input;
  for (let n = 0; n < MAX_PASSES; n++) {
    const next = pass(current, multiline);
    if (next === current) return current;
    current = next;
  }
  // Still changing: encoding nested this deep is an attack, not text; drop what could open a tag.
  return cleanCharacters(current.replace(/</g, ''), multiline);
}
