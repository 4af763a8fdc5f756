import { randomBytes } from 'node:crypto';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sampleSettings } from '../src/modules/fundraising/receipts/server/receipts.test-helpers';
import { adminApi, staffPage } from './journeys';

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
const browsers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});
const env = { baseUrl, admin, browsers };
const congrantFile = path.resolve('src/modules/fundraising/imports/fixtures/congrant-sample.csv');

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

describe('fundraising, from a new supporter to the receipt, an import and the campaign', () => {
  it('a fundraiser adds a supporter by postal code, records a gift, issues its receipt, imports a Congrant file and sees the campaign progress', async () => {
    // The organisation's receipt settings are entered once by an administrator.
    await api('PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), version: 0 }, 200);
    const campaign = await api<{ id: string }>('POST', '/api/fundraising/campaigns', { code: 'winter-e2e', nameJa: '冬の緊急支援アピール（E2E）', nameEn: 'Winter appeal (E2E)', goalYen: 1_000_000, startsOn: '2026-11-01' }, 201);

    const page = await staffPage(env, 'en', 'fundraiser');
    await page.waitForURL(/\/fundraising$/);
    await page.getByRole('heading', { name: 'Impact for appeals' }).or(page.getByRole('heading', { name: /Fundraising/ })).first().waitFor();
    await expectNoSeriousAxeViolations(page, 'fundraising dashboard');
    await page.goto(`${baseUrl}fundraising/supporters`);
    await expectNoSeriousAxeViolations(page, 'supporters page');

    // A new supporter: the postal code fills the prefecture and the city.
    await page.goto(`${baseUrl}fundraising/supporters/new`);
    await page.getByRole('textbox', { name: 'Family name', exact: true }).fill('森');
    await page.getByRole('textbox', { name: 'Given name', exact: true }).fill('葵');
    await page.getByRole('textbox', { name: 'Family name (katakana)', exact: true }).fill('モリ');
    await page.getByRole('textbox', { name: 'Given name (katakana)', exact: true }).fill('アオイ');
    await page.getByRole('textbox', { name: 'Postal code', exact: true }).fill('104-0061');
    await expect.poll(() => page.getByRole('textbox', { name: 'Prefecture', exact: true }).inputValue()).toBe('東京都');
    expect(await page.getByRole('textbox', { name: 'City, ward or town', exact: true }).inputValue()).toBe('中央区');
    await page.getByRole('textbox', { name: 'Town and block number', exact: true }).fill('銀座4-5-6');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`aoi.mori.${randomBytes(4).toString('hex')}@example.jp`);
    await expectNoSeriousAxeViolations(page, 'new supporter form');
    await page.getByRole('button', { name: 'Add supporter', exact: true }).click();
    await page.waitForURL(/\/fundraising\/supporters\/[0-9a-f-]{36}$/);
    const supporterId = page.url().split('/').pop() ?? '';
    await page.getByText('森 葵 様').first().waitFor();

    // A gift of ¥12,500 for the winter appeal.
    await page.getByRole('link', { name: 'Record a gift' }).click();
    await page.waitForURL(/\/fundraising\/gifts\/new/);
    await page.getByRole('textbox', { name: 'Amount (yen)' }).fill('12500');
    await page.getByLabel('Received on').fill('2026-11-20');
    await page.getByLabel('Method', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Bank transfer' }).click();
    await page.getByLabel('Campaign', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Winter appeal (E2E)' }).click();
    await expectNoSeriousAxeViolations(page, 'gift form');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/fundraising/gifts') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Record gift', exact: true }).click(),
    ]);
    expect(created.status()).toBe(201);

    // Its receipt, from the supporter's page.
    await page.goto(`${baseUrl}fundraising/supporters/${supporterId}`);
    await page.getByRole('button', { name: /Issue a receipt for/ }).first().click();
    const [issued] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/fundraising/receipts') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Issue', exact: true }).click(),
    ]);
    expect(issued.status()).toBe(201);
    const receipt = (await issued.json()) as { id: string; receiptNumber: string };
    expect(receipt.receiptNumber).toMatch(/^\d{4}-\d{6}$/);
    await page.getByText(`Receipt ${receipt.receiptNumber} issued`).waitFor();
    await expectNoSeriousAxeViolations(page, 'supporter page with the issued receipt');
    const pdf = await api<unknown>('GET', `/api/fundraising/receipts/${receipt.id}`, undefined, 200);
    expect(pdf).toMatchObject({ receiptNumber: receipt.receiptNumber });

    // A Congrant export: upload, columns pre-filled, rows read with their errors, unclear donors decided, imported.
    await page.goto(`${baseUrl}fundraising/imports`);
    await page.locator('input[type=file]').setInputFiles(congrantFile);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/\/fundraising\/imports\/[0-9a-f-]{36}$/);
    await page.getByText('寄付金額').first().waitFor();
    await expectNoSeriousAxeViolations(page, 'import mapping');
    await page.getByRole('button', { name: 'Read the rows', exact: true }).click();
    const allNew = page.getByRole('button', { name: 'All remaining unclear rows → new supporters' });
    const importButton = page.getByRole('button', { name: /^Import \d+ gifts?$/ });
    await allNew.or(importButton).first().waitFor();
    if (await allNew.isVisible() && await allNew.isEnabled()) await allNew.click();
    await expect.poll(() => importButton.isEnabled()).toBe(true);
    await expectNoSeriousAxeViolations(page, 'import preview');
    const [committed] = await Promise.all([
      page.waitForResponse((r) => /\/api\/fundraising\/imports\/[^/]+\/commit$/.test(r.url())),
      importButton.click(),
    ]);
    expect(committed.status()).toBe(200);
    expect(((await committed.json()) as { giftsCreated: number }).giftsCreated).toBeGreaterThan(2);
    await page.getByText(/^Imported /).first().waitFor();

    // The campaign's progress shows the gift.
    await page.goto(`${baseUrl}fundraising/campaigns/${campaign.id}`);
    await page.getByText('¥12,500').first().waitFor();
    await expectNoSeriousAxeViolations(page, 'campaign page');
  });
});
