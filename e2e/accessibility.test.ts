import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser } from './browser';
import { adminApi, createStaff, logIn } from './journeys';

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let personId = '';

async function seriousViolations(p: Page) {
  const result = await new AxeBuilder({ page: p }).analyze();
  // Axe really looked at the page (a blank page would pass with nothing checked).
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

beforeAll(async () => {
  const email = `a11y.${randomBytes(3).toString('hex')}@e2e.tobira`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createStaff(baseUrl, admin, { email, displayName: 'A11y caseworker', role: 'caseworker', language: 'ja', password });
  browser = await openBrowser('ja-JP');
  page = await browser.context.newPage();
  await page.goto(`${baseUrl}login`);
  await page.getByRole('button', { name: 'ログイン', exact: true }).waitFor();
  expect(await seriousViolations(page), 'login page').toEqual([]);
  await logIn(page, baseUrl, 'ja', email, password);
  // A person with a visit, a consultation and aid, through the API with the page's session.
  personId = await page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const person = (await (await fetch('/api/people', { method: 'POST', headers, body: JSON.stringify({ familyName: 'Tesfaye', givenName: 'Abebe', nameKana: 'アベベ・テスファイエ', nameInOwnScript: 'አበበ ተስፋዬ', nationality: 'ET', sex: 'male', languages: ['am'] }) })).json()) as { id: string };
    await fetch('/api/visits', { method: 'POST', headers, body: JSON.stringify({ personId: person.id, reason: '食料', priorityReasons: ['rough_sleeping'] }) });
    await fetch('/api/consultations', { method: 'POST', headers, body: JSON.stringify({ personId: person.id, mode: 'in_person', topics: ['housing'], note: 'シェルター待ち' }) });
    await fetch('/api/assistance', { method: 'POST', headers, body: JSON.stringify({ personId: person.id, itemCode: 'hygiene_kit' }) });
    // The case file sections filled in: a refusal (a deadline), a reporting date, a document, a consent and a disclosure.
    await fetch(`/api/people/${person.id}/case-file`, {
      method: 'PATCH', headers,
      body: JSON.stringify({ version: 0, procedureStage: 'rejected', decisionNoticeReceivedOn: '2025-12-25', custody: 'provisional_release', residenceStatus: 'no_status', vulnerabilities: ['rough_sleeping'], allowanceStatus: 'awaiting', allowanceAppliedOn: '2026-06-01' }),
    });
    await fetch(`/api/people/${person.id}/case-events`, { method: 'POST', headers, body: JSON.stringify({ kind: 'reporting', occursOn: '2030-01-15', note: '品川' }) });
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const body = new FormData();
    body.append('kind', 'refusal_notice');
    body.append('file', new Blob([png], { type: 'image/png' }), 'notice.png');
    await fetch(`/api/people/${person.id}/documents`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken }, body });
    const consent = (await (await fetch(`/api/people/${person.id}/consents`, {
      method: 'POST', headers, body: JSON.stringify({ purpose: 'sharing', recipientName: 'さくら法律事務所', consentedOn: '2026-01-05', method: 'written' }),
    })).json()) as { id: string };
    await fetch(`/api/people/${person.id}/disclosures`, {
      method: 'POST', headers,
      body: JSON.stringify({ recipientName: 'さくら法律事務所', recipientKind: 'lawyer', dataCategories: ['identity', 'procedure'], disclosedOn: '2026-01-06', consentId: consent.id }),
    });
    return person.id;
  });
});
afterAll(async () => browser?.close());

describe('accessibility (axe: no serious or critical violation)', () => {
  it('queue page', async () => {
    await page.goto(`${baseUrl}queue`);
    await page.getByRole('row', { name: /Tesfaye/i }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('person page with its timeline', async () => {
    await page.goto(`${baseUrl}people/${personId}`);
    await page.getByText('シェルター待ち').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('person page with the case file, deadlines, documents and consent sections', async () => {
    await page.goto(`${baseUrl}people/${personId}`);
    await page.getByRole('table', { name: '期限', exact: true }).getByRole('row', { name: /審査請求/ }).waitFor();
    await page.getByRole('link', { name: /notice\.png/ }).first().waitFor();
    await page.getByRole('row', { name: /さくら法律事務所 \(弁護士\)/ }).waitFor();
    expect(await seriousViolations(page), 'sections as read').toEqual([]);
    // The forms opened: the case file, a consent and a disclosure.
    await page.getByRole('button', { name: 'ケースファイルを編集' }).click();
    await page.getByRole('button', { name: 'ケースファイルを保存' }).waitFor();
    await page.getByRole('button', { name: '同意を記録' }).click();
    await page.getByRole('button', { name: '提供を記録' }).click();
    await page.getByRole('form', { name: '提供を記録' }).waitFor();
    expect(await seriousViolations(page), 'forms open').toEqual([]);
  });

  it('consultation page', async () => {
    await page.goto(`${baseUrl}people/${personId}/consultations/new`);
    await page.getByRole('button', { name: '相談を保存' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('accessibility of the aid, stock, shelter, winter, budget and report pages (issue 4)', () => {
  const tag = randomBytes(3).toString('hex');
  beforeAll(async () => {
    // A women's room with a free bed and a budget line (administrator), coats received and the person on the waiting list (the caseworker).
    const call = async (path: string, body: unknown) => {
      const res = await adminApi<{ id: string }>(baseUrl, admin, 'POST', path, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const facility = await call('/api/shelter/facilities', { nameJa: `a11yハウス${tag}`, nameEn: `A11y House ${tag}` });
    const room = await call('/api/shelter/rooms', { facilityId: facility.id, name: `A-${tag}`, allowedUse: 'any' });
    await call('/api/shelter/beds', { roomId: room.id, label: `1-${tag}` });
    await call('/api/budgets/lines', { nameJa: `交通費${tag}`, nameEn: `Fares ${tag}`, monthlyAmountYen: 50_000 });
    const statuses = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const received = await fetch('/api/stock/movements', { method: 'POST', headers, body: JSON.stringify({ itemCode: 'winter_coat', quantity: 3, kind: 'received', source: 'donation', donorName: '寄付者' }) });
      const listed = await fetch('/api/shelter/waiting-list', { method: 'POST', headers, body: JSON.stringify({ personId: id, needs: 'men', isRoughSleeping: true }) });
      return [received.status, listed.status];
    }, personId);
    expect(statuses).toEqual([201, 201]);
  });

  it('stock page', async () => {
    await page.goto(`${baseUrl}stock`);
    await page.getByRole('table', { name: '冬用コートの在庫' }).waitFor();
    await page.getByRole('button', { name: '記録する' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('aid form with a stock-tracked item chosen', async () => {
    await page.goto(`${baseUrl}people/${personId}/aid/new`);
    await page.getByRole('combobox', { name: '品目' }).click();
    await page.getByRole('option', { name: '冬用コート', exact: true }).click();
    await page.getByText(/^在庫 \d+$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shelter page: occupancy board, waiting list and the offer dialog', async () => {
    await page.goto(`${baseUrl}shelter`);
    await page.getByRole('region', { name: `a11yハウス${tag}` }).waitFor();
    expect(await seriousViolations(page), 'occupancy board').toEqual([]);
    await page.getByRole('tab', { name: '待機リスト' }).click();
    const row = page.getByRole('row', { name: /TESFAYE Abebe/ }).first();
    await row.waitFor();
    expect(await seriousViolations(page), 'waiting list').toEqual([]);
    await row.getByRole('button', { name: /さんにベッドを提案$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'ベッドを割り当てる' }).waitFor();
    expect(await seriousViolations(page), 'offer dialog').toEqual([]);
  });

  it('winter board', async () => {
    await page.goto(`${baseUrl}winter`);
    await page.getByRole('region', { name: /今夜の空きベッド/ }).getByText(`a11yハウス${tag}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('budgets page', async () => {
    await page.goto(`${baseUrl}budgets`);
    await page.getByRole('table', { name: '予算', exact: true }).getByText(`交通費${tag}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reports page', async () => {
    await page.goto(`${baseUrl}reports`);
    await page.getByRole('table', { name: '概要' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('accessibility of the advocacy pages (issue 12)', () => {
  // The evidence pages are the administrator's (and the advocacy role's): their own browser and login.
  let adminBrowser: Awaited<ReturnType<typeof openBrowser>>;
  let adminPage: Page;
  beforeAll(async () => {
    adminBrowser = await openBrowser('ja-JP');
    adminPage = await adminBrowser.context.newPage();
    await logIn(adminPage, baseUrl, 'ja', admin.email, admin.password);
  });
  afterAll(async () => adminBrowser?.close());

  it('evidence page with its chart and tables', async () => {
    const page = adminPage;
    await page.goto(`${baseUrl}advocacy`);
    await page.getByRole('table', { name: '障壁別・月別の人数' }).waitFor();
    await page.getByRole('img', { name: /折れ線グラフ|Line chart/ }).or(page.getByText('グラフを表示するには障壁を1つ以上選んでください。')).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('barrier categories and settings page', async () => {
    const page = adminPage;
    await page.goto(`${baseUrl}admin/barriers`);
    await page.getByRole('heading', { name: '障壁カテゴリー', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('accessibility of the partners directory (issue 15)', () => {
  it('a caseworker finds a free clinic that sees people without insurance, and opens it', async () => {
    const tag = randomBytes(3).toString('hex');
    const res = await adminApi<{ id: string }>(baseUrl, admin, 'POST', '/api/partners', {
      kind: 'free_low_cost_clinic', nameJa: `あおば無料診療所${tag}`, nameEn: `Aoba Free Clinic ${tag}`, nameKana: 'アオバムリョウシンリョウジョ', postalCode: '160-0023',
      languages: ['en', 'fr'], cost: 'free', acceptsUninsured: true, acceptsNoStatus: true, nearestStation: '新宿駅',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await page.goto(`${baseUrl}partners`);
    await page.getByRole('searchbox').or(page.getByRole('textbox').first()).first().fill(`あおば無料診療所${tag}`);
    await page.getByRole('link', { name: new RegExp(`あおば無料診療所${tag}`) }).first().waitFor();
    expect(await seriousViolations(page), 'directory').toEqual([]);
    await page.getByRole('link', { name: new RegExp(`あおば無料診療所${tag}`) }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`あおば無料診療所${tag}`) }).waitFor();
    await page.getByText('新宿区').first().waitFor();
    expect(await seriousViolations(page), 'partner').toEqual([]);
  });
});
