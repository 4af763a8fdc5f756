import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays, tokyoDate } from '../src/shared/time';
import { openBrowser } from './browser';
import { adminApi, staffPage } from './journeys';

// A charity runner's season on a phone (375×812) and at the office: the public application form,
// the selection, the runner's own page through the single-use link, its approval, a gift through
// the page, and the thermometer once the transfer is seen. axe on every page.

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
const browsers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});
const env = { baseUrl, admin, browsers };

async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body: unknown, expected: number): Promise<T> {
  const res = await adminApi<T>(baseUrl, admin, method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(expected);
  return res.body;
}

async function expectNoSeriousAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.passes.length, what).toBeGreaterThan(10);
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious, what).toEqual([]);
}

async function phone(locale: 'ja-JP' | 'en-US') {
  const browser = await openBrowser(locale, { viewport: { width: 375, height: 812 }, isMobile: true });
  browsers.push(browser);
  return browser.context.newPage();
}

describe('charity runners, from the application form to a gift on the runner’s page', () => {
  it('a runner applies on a phone, is selected, writes the page through the edit link; staff approve it; a donor gives; the thermometer moves once paid', async () => {
    const today = tokyoDate();
    const campaign = await api<{ id: string }>('POST', '/api/fundraising/campaigns', {
      code: 'marathon-e2e', nameJa: '東京マラソン2027 チャリティ (E2E)', nameEn: 'Tokyo Marathon 2027 charity (E2E)', channel: 'runners', goalYen: 3_000_000, startsOn: addDays(today, -10),
    }, 201);
    const event = await api<{ id: string; code: string }>('POST', '/api/runners/events', {
      code: 'e2e-marathon', nameJa: '東京マラソン2027 (E2E)', nameEn: 'Tokyo Marathon 2027 (E2E)', raceOn: addDays(today, 60), applicationsOpenOn: addDays(today, -5),
      applicationsCloseOn: addDays(today, 10), places: 10, campaignId: campaign.id, bankDetailsJa: 'ゆうちょ銀行 〇一八支店 普通 7654321', bankDetailsEn: 'Japan Post Bank 018, 7654321',
    }, 201);

    // 1. The application, on a phone, in Japanese.
    const mobile = await phone('ja-JP');
    await mobile.goto(`${baseUrl}give/${event.code}/apply?lang=ja`);
    await mobile.getByRole('heading', { level: 1, name: '東京マラソン2027 (E2E) を難民のために走る' }).waitFor();
    await expectNoSeriousAxeViolations(mobile, 'application form (phone)');
    await mobile.getByLabel('姓', { exact: false }).first().fill('森');
    await mobile.getByLabel('名', { exact: true }).fill('葵');
    await mobile.getByLabel('メールアドレス').fill('aoi.runner@example.jp');
    await mobile.getByLabel('難民のために走りたい理由').fill('難民の友人が、保護費を半年待っていました。');
    await mobile.getByLabel('寄付の集め方', { exact: false }).fill('職場と SNS で呼びかけます。');
    // Without consent the form comes back with the field named.
    await mobile.getByRole('button', { name: '申し込む' }).click();
    await mobile.getByText('プライバシーポリシーを読んで同意してください').first().waitFor();
    await mobile.getByLabel('プライバシーポリシーを読み', { exact: false }).check();
    await mobile.getByRole('button', { name: '申し込む' }).click();
    await mobile.getByRole('heading', { level: 1, name: 'お申し込みありがとうございます' }).waitFor();

    // 2. Selection at the office (desktop, English).
    const office = await staffPage(env, 'en', 'fundraiser', 'runners');
    await office.goto(`${baseUrl}runners/events/${event.id}/applications`);
    await office.getByRole('article', { name: '森 葵' }).waitFor();
    await expectNoSeriousAxeViolations(office, 'applications');
    await office.getByRole('button', { name: 'Select: 森 葵' }).click();
    const dialog = office.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Message to the applicant').inputValue()).toContain('森 葵 様');
    await dialog.getByRole('button', { name: 'Select', exact: true }).click();
    await dialog.getByText('Decision recorded').waitFor();
    await dialog.getByRole('link', { name: /runner page/ }).click();
    await office.waitForURL(/\/runners\/runners\/[0-9a-f-]{36}$/);
    const runnerId = office.url().split('/').pop() ?? '';
    await expectNoSeriousAxeViolations(office, 'runner (staff)');

    // 3. The edit link: no mail server here, so the office hands it over (shown once).
    const link = await api<{ url: string; emailed: boolean }>('POST', `/api/runners/runners/${runnerId}/magic-link`, undefined, 200);
    expect(link.emailed).toBe(false);
    await mobile.goto(link.url.replace(/^https?:\/\/[^/]+\//, baseUrl));
    await expectNoSeriousAxeViolations(mobile, 'edit link (phone)');
    await mobile.getByRole('button', { name: '編集を始める' }).click();
    await mobile.getByRole('heading', { level: 1, name: 'あなたの寄付ページ' }).waitFor();
    await expectNoSeriousAxeViolations(mobile, 'page editor (phone)');
    await mobile.getByLabel('ページに載せる名前').fill('森 葵');
    await mobile.getByLabel('目標額 (円)').fill('120000');
    await mobile.getByLabel('あなたのストーリー', { exact: false }).fill('友人のために走ります。\n\n応援よろしくお願いします！');
    const photo = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: { r: 40, g: 120, b: 180 } } }).jpeg().toBuffer();
    await mobile.getByLabel('写真', { exact: false }).setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
    await mobile.getByRole('button', { name: '確認に送る' }).click();
    await mobile.getByText('ページを送信しました', { exact: false }).waitFor();

    // 4. Moderation: approved, the page goes live.
    await office.goto(`${baseUrl}runners/moderation`);
    await office.getByRole('button', { name: 'Approve and publish: 森 葵' }).waitFor();
    await expectNoSeriousAxeViolations(office, 'moderation');
    await office.getByRole('button', { name: 'Approve and publish: 森 葵' }).click();
    await office.getByText('No page is waiting for review.').waitFor();
    const runner = await api<{ publicPath: string }>('GET', `/api/runners/runners/${runnerId}`, undefined, 200);
    expect(runner.publicPath).toMatch(/^\/give\/e2e-marathon\/[0-9a-f]{20}$/);

    // 5. A donor on a phone, in English: the runner's page, then the gift form.
    const donor = await phone('en-US');
    await donor.goto(`${baseUrl}${runner.publicPath.slice(1)}?lang=en`);
    await donor.getByRole('heading', { level: 1, name: '森 葵 runs for refugees' }).waitFor();
    expect(await donor.getByRole('progressbar', { name: '¥0 of ¥120,000 (0%)' }).count()).toBe(1);
    expect(await donor.locator('meta[property="og:image"]').getAttribute('content')).toMatch(/\/give\/photos\/[0-9a-f-]{36}\.jpg$/);
    const width = await donor.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectNoSeriousAxeViolations(donor, 'runner page (phone)');
    await donor.getByRole('link', { name: 'Give to 森 葵’s run' }).click();
    await donor.getByLabel('Amount (yen)').fill('20000');
    await donor.getByRole('textbox', { name: 'Family name', exact: true }).fill('Brown');
    await donor.getByLabel('Email').fill('emma.brown@example.com');
    await donor.getByLabel('Show my gift with the name below').check();
    await donor.getByLabel('Name to show').fill('Emma');
    await donor.getByLabel('Message (optional)').fill('Go Aoi!');
    await expectNoSeriousAxeViolations(donor, 'gift form (phone)');
    await donor.getByRole('button', { name: 'Continue' }).click();
    await donor.getByRole('heading', { level: 1, name: 'Thank you for your gift' }).waitFor();
    const reference = await donor.locator('.reference strong').textContent();
    expect(reference).toMatch(/^[A-Z0-9]{8}$/);
    await donor.getByText('Japan Post Bank 018, 7654321').waitFor();
    await expectNoSeriousAxeViolations(donor, 'pledged (phone)');

    // 6. The transfer is seen at the office: confirmed on the runner's page.
    await office.goto(`${baseUrl}runners/runners/${runnerId}`);
    await office.getByRole('button', { name: `Confirm received: ${reference}` }).click();
    await office.getByText('The gift is recorded as received.').waitFor();
    await donor.goto(`${baseUrl}${runner.publicPath.slice(1)}?lang=en`);
    expect(await donor.getByRole('progressbar', { name: '¥20,000 of ¥120,000 (16%)' }).count()).toBe(1);
    await donor.getByText('Go Aoi!').waitFor();
    await donor.getByText('Emma').waitFor();

    // 7. The event's dashboard at the office.
    await office.goto(`${baseUrl}runners/events/${event.id}`);
    await office.getByRole('link', { name: /Download the donors/ }).waitFor();
    await expectNoSeriousAxeViolations(office, 'event dashboard');
    await office.goto(`${baseUrl}runners`);
    await expectNoSeriousAxeViolations(office, 'events');
  });
});
