import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readPdf, squash } from '../src/server/test/pdf-text';
import { adminApi, staffPage } from './journeys';

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
const browsers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});
const env = { baseUrl, admin, browsers };

async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body: unknown, expected: number): Promise<T> {
  const res = await adminApi<T>(baseUrl, admin, method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(expected);
  return res.body;
}

async function expectNoSeriousAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious, what).toEqual([]);
}

describe('advocacy evidence, from a consultation to a brief for lawmakers', () => {
  it('a caseworker tags a barrier in a consultation; the advocacy officer sees it on the chart and downloads the PDF brief', async () => {
    const { barriers } = await api<{ barriers: Array<{ id: string; code: string; labelJa: string; labelEn: string }> }>('GET', '/api/advocacy/barriers', undefined, 200);
    const allowance = barriers.find((b) => b.code === 'b01');
    if (!allowance) throw new Error('barrier b01 is not seeded');

    // Six people already carry the barrier this month (tagged from the waiting list), so the chart has a line.
    const others: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await api<{ id: string }>('POST', '/api/people', { familyName: `Waiting${i}`, givenName: 'E2E', sex: 'female', nationality: 'ET', languages: ['am'] }, 201);
      others.push(p.id);
    }
    await api('POST', '/api/advocacy/tags/bulk', { personIds: others, barrierId: allowance.id }, 200);
    const person = await api<{ id: string }>('POST', '/api/people', { familyName: 'Tesfaye', givenName: 'E2E', sex: 'male', nationality: 'ER', languages: ['ti'] }, 201);

    // The caseworker (in Japanese) records the consultation and tags the barrier with one click before saving.
    const caseworker = await staffPage(env, 'ja', 'caseworker', 'advocacy');
    await caseworker.goto(`${baseUrl}people/${person.id}/consultations/new`);
    await caseworker.getByLabel('メモ', { exact: true }).fill('保護費の決定を4か月待っている。');
    // A chip: the person clicks its label (the checkbox inside is visually hidden).
    await caseworker.locator('label', { hasText: allowance.labelJa }).click();
    expect(await caseworker.getByRole('checkbox', { name: allowance.labelJa }).isChecked()).toBe(true);
    const [saved] = await Promise.all([
      caseworker.waitForResponse((r) => r.url().endsWith('/api/consultations') && r.request().method() === 'POST'),
      caseworker.getByRole('button', { name: '相談を保存' }).click(),
    ]);
    expect(saved.status()).toBe(201);
    const consultationId = ((await saved.json()) as { id: string }).id;
    const { tags } = await api<{ tags: Array<{ barrierId: string; consultationId: string | null }> }>('GET', `/api/advocacy/tags?personId=${person.id}`, undefined, 200);
    expect(tags).toEqual([expect.objectContaining({ barrierId: allowance.id, consultationId })]);

    // The advocacy officer (in English) lands on the evidence page: the chart is drawn, the counts are bands.
    const officer = await staffPage(env, 'en', 'advocacy');
    await officer.waitForURL(/\/advocacy$/);
    const chart = officer.getByRole('img', { name: /Line chart of people affected per month/ });
    await chart.waitFor();
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(0);
    expect(await chart.getAttribute('aria-label')).toContain(allowance.labelEn);
    const row = officer.getByRole('row', { name: new RegExp(allowance.labelEn) }).first();
    // Seven people this month: the cell is the band 5–9, never the count itself.
    await expect.poll(() => row.textContent()).toContain('5–9');
    await expectNoSeriousAxeViolations(officer, 'evidence page');

    // The PDF brief, read back: both titles, the period and the methodology note.
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('link', { name: 'Download PDF brief' }).click()]);
    const path = await download.path();
    const pdf = await readPdf(await readFile(path));
    expect(pdf.squashed).toContain(squash('制度的障壁'));
    expect(pdf.squashed).toContain(squash('Systemic barriers'));
    expect(pdf.squashed).toContain(squash(allowance.labelJa));
    expect(pdf.text).toMatch(/20\d\d/);
    expect(pdf.squashed).toContain(squash('No count is published as itself'));
    expect(pdf.embeddedFonts.every((f) => f.includes('NotoSansJP'))).toBe(true);
  });
});
