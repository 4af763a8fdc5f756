import { LETTER_PLACEHOLDERS, type LetterPlaceholder } from '../contract';

/** The texts every organisation starts with; saved templates replace them. */
export const DEFAULT_LETTERS: Record<'ja' | 'en', { subject: string; body: string }> = {
  ja: {
    subject: 'ご寄付へのお礼',
    body: [
      '{{name}}',
      '',
      'このたびは{{date}}に{{amount}}のご寄付をお寄せいただき、心より御礼申し上げます。',
      'いただいたご寄付は、{{fund}}として、日本に逃れてきた難民の方々の食事、住まい、医療、生活の支えに大切に使わせていただきます。',
      '{{campaign}}',
      '今後とも変わらぬご支援を賜りますよう、よろしくお願い申し上げます。',
      '',
      '{{organisation}}',
    ].join('\n'),
  },
  en: {
    subject: 'Thank you for your gift',
    body: [
      'Dear {{name}},',
      '',
      'Thank you for your gift of {{amount}} received on {{date}}.',
      'It goes to {{fund}}: food, shelter, medical care and everyday support for refugees who have fled to Japan.',
      '{{campaign}}',
      'With our warmest thanks,',
      '',
      '{{organisation}}',
    ].join('\n'),
  },
};

/** The placeholders used in a text that Tobira does not know. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(LETTER_PLACEHOLDERS);
  return [...new Set([...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '').filter((p) => !known.has(p)))];
}

/** Fills the placeholders; a line holding only an empty placeholder (no campaign) disappears. */
export function fillLetter(text: string, values: Record<LetterPlaceholder, string>): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const only = /^\s*\{\{\s*(\w+)\s*\}\}\s*$/.exec(line);
      if (only && values[only[1] as LetterPlaceholder] === '') return [];
      return [line.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => values[key as LetterPlaceholder] ?? '')];
    })
    .join('\n');
}

/** ¥12,500 in English, 12,500円 in Japanese. */
export function formatYen(amount: number, language: 'ja' | 'en'): string {
  const n = amount.toLocaleString('en-US');
  return language === 'ja' ? `${n}円` : `¥${n}`;
}

/** 2026年12月7日 / 7 December 2026. */
export function formatDate(date: string, language: 'ja' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (language === 'ja') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}
