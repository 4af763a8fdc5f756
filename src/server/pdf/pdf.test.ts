import { describe, expect, it } from 'vitest';
import { readPdf } from '../test/pdf-text';
import { renderPdf } from './pdf';

describe('renderPdf', () => {
  it('draws Japanese and English with the fonts from npm, embedded, whatever the machine has', async () => {
    const bytes = await renderPdf({
      title: '受付票 / Ticket',
      footerText: 'TB-000042',
      content: [
        { text: '寄附金受領証明書 Receipt', bold: true },
        { text: 'ハイレ・メロン様 — 東京都新宿区 〒160-0022' },
        { table: { body: [['日付 Date', '2026-12-25'], ['金額 Amount', '¥10,000']] } },
      ],
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(bytes);
    expect(pdf.text).toContain('寄附金受領証明書 Receipt');
    expect(pdf.text).toContain('ハイレ・メロン様');
    expect(pdf.text).toContain('〒160-0022');
    expect(pdf.text).toContain('¥10,000');
    expect(pdf.text).toContain('TB-000042');
    expect(pdf.text).toContain('1 / 1');
    // Only subsets of Tobira's own Noto Sans JP are embedded: no font of the operating system.
    expect(pdf.embeddedFonts).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Regular$/)]);
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('breaks long Japanese text into lines and pages, numbering every page', async () => {
    const sentence = '保護費の支給を待つ間、多くの人が野宿を余儀なくされています。';
    const bytes = await renderPdf({ title: 'long', footerText: 'long', content: Array.from({ length: 120 }, (_, i) => ({ text: `${i + 1}. ${sentence.repeat(3)}` })) });
    const pdf = await readPdf(bytes);
    expect(pdf.pages.length).toBeGreaterThan(2);
    pdf.pages.forEach((page, i) => expect(page).toContain(`${i + 1} / ${pdf.pages.length}`));
    expect(pdf.text.replace(/\s/g, '')).toContain(`120.${sentence.repeat(3)}`);
  });
});
