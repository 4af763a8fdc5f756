import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../../server/test/factories';
import { readPdf } from '../../../../server/test/pdf-text';
import type { Gift, GiftList, Supporter } from '../../contract';
import type { LetterPreview, LetterTemplate } from '../contract';
import { fillLetter, formatDate } from './letter-text';

let env: TestEnv;
let fundraiser: TestStaff;
let caseworker: TestStaff;
let gift: Gift;
let englishGift: Gift;
const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; fields?: Record<string, string> } }).error;
const call = (staff: TestStaff, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
  env.app.inject({ method, url, headers: staff.headers, ...(payload && { payload }) });

beforeAll(async () => {
  env = await createTestEnv();
  fundraiser = await env.staff('fundraiser');
  caseworker = await env.staff('caseworker');
  const ja = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: '小林', givenName: '直樹', familyNameKana: 'コバヤシ', givenNameKana: 'ナオキ', address: { postalCode: '1130033', line1: '本郷7-3-1' } }));
  const en = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: 'Brown', givenName: 'David', preferredLanguage: 'en' }));
  const campaign = json<{ id: string }>(await call(fundraiser, 'POST', '/api/fundraising/campaigns', { code: 'winter-2026', nameJa: '冬の緊急支援アピール2026', nameEn: 'Winter appeal 2026', startsOn: '2026-11-01' }));
  gift = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: ja.id, amountYen: 12_500, receivedOn: '2026-11-20', method: 'bank_transfer', campaignId: campaign.id }));
  englishGift = json<Gift>(await call(fundraiser, 'POST', '/api/fundraising/gifts', { supporterId: en.id, amountYen: 3000, receivedOn: '2026-11-21', method: 'card' }));
});
afterAll(async () => env.close());

describe('thank-you letters', () => {
  it('fill the name with its honorific, the amount, the date, the campaign and the fund, in the supporter’s language', async () => {
    const ja = json<LetterPreview>(await call(fundraiser, 'GET', `/api/fundraising/gifts/${gift.id}/thank-you`));
    expect(ja.language).toBe('ja');
    expect(ja.body).toContain('小林 直樹 様');
    expect(ja.body).toContain('2026年11月20日に12,500円のご寄付');
    expect(ja.body).toContain('冬の緊急支援アピール2026');
    const en = json<LetterPreview>(await call(fundraiser, 'GET', `/api/fundraising/gifts/${englishGift.id}/thank-you`));
    expect(en.body).toContain('Dear David Brown,');
    expect(en.body).toContain('¥3,000 received on 21 November 2026');
    // No campaign: its line is left out rather than printed empty.
    expect(en.body).not.toMatch(/\n\n\n/);
  });

  it('refuse a template with an unknown placeholder, and use a saved one', async () => {
    const bad = await call(fundraiser, 'PUT', '/api/fundraising/letters/templates/en', { subject: 'Thanks', body: 'Dear {{nmae}}', version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).fields?.body).toContain('nmae');
    const saved = await call(fundraiser, 'PUT', '/api/fundraising/letters/templates/en', { subject: 'Thank you, {{name}}', body: 'Dear {{name}},\nYour {{amount}} keeps someone warm tonight.', version: 0 });
    expect(saved.statusCode).toBe(200);
    expect((await call(fundraiser, 'PUT', '/api/fundraising/letters/templates/en', { subject: 'x', body: 'y', version: 0 })).statusCode).toBe(409);
    const templates = json<{ templates: LetterTemplate[] }>(await call(fundraiser, 'GET', '/api/fundraising/letters/templates')).templates;
    expect(templates.map((t) => [t.language, t.isCustom])).toEqual([['ja', false], ['en', true]]);
    const en = json<LetterPreview>(await call(fundraiser, 'GET', `/api/fundraising/gifts/${englishGift.id}/thank-you`));
    expect(en.body).toContain('Your ¥3,000 keeps someone warm tonight.');
  });

  it('print the selected gifts as one PDF with the address for a window envelope, and take them off the queue', async () => {
    expect((await call(caseworker, 'GET', `/api/fundraising/letters/thank-you.pdf?ids=${gift.id}`)).statusCode).toBe(403);
    expect(problem(await call(fundraiser, 'GET', '/api/fundraising/letters/thank-you.pdf?ids=nope')).code).toBe('letter.invalid_ids');
    const before = json<GiftList>(await call(fundraiser, 'GET', '/api/fundraising/gifts?unthanked=true')).total;
    const res = await call(fundraiser, 'GET', `/api/fundraising/letters/thank-you.pdf?ids=${gift.id},${englishGift.id}&markThanked=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.squashed).toContain('〒113-0033');
    expect(pdf.squashed).toContain('東京都文京区本郷7-3-1');
    expect(pdf.squashed).toContain('小林直樹様');
    expect(pdf.squashed).toContain('ご寄付へのお礼');
    expect(pdf.embeddedFonts.length).toBeGreaterThan(0);
    expect(json<GiftList>(await call(fundraiser, 'GET', '/api/fundraising/gifts?unthanked=true')).total).toBe(before - 2);
  });
});

describe('letter text', () => {
  it('drops a line whose only placeholder is empty and formats dates in both languages', () => {
    expect(fillLetter('A\n{{campaign}}\nB {{name}}', { name: 'X', amount: '', date: '', campaign: '', organisation: '', fund: '' })).toBe('A\nB X');
    expect(formatDate('2027-01-05', 'ja')).toBe('2027年1月5日');
    expect(formatDate('2027-01-05', 'en')).toBe('5 January 2027');
  });
});
