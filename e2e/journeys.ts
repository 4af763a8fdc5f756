import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser } from './browser';

/** The labels a person reads on screen, in each language (from src/i18n). */
export const labels = {
  ja: {
    email: 'メールアドレス', password: 'パスワード', login: 'ログイン', checkInLink: '受付する（チェックイン）', search: '利用者を検索',
    register: '新しい利用者を登録', registerSubmit: '登録', nationality: '国籍', reason: '来所理由', checkInSubmit: '受付する',
    call: '呼び出し', start: '相談開始', called: '呼び出し済み', topicLegal: '法律・在留', note: 'メモ', needs: '把握したニーズ', actions: '対応内容',
    saveConsultation: '相談を保存', giveAid: '支援を記録', item: '品目', foodParcel: '食料パック', saveAid: '支援を保存',
    acknowledgeFirst: '上のファイルを確認するか、別の人物であることを確認してください。', differentPerson: '確認しました：別の人物なので新しいファイルを登録する',
  },
  en: {
    email: 'Email address', password: 'Password', login: 'Log in', checkInLink: 'Check in', search: 'Search people',
    register: 'Register new person', registerSubmit: 'Register', nationality: 'Nationality', reason: 'Reason for visit', checkInSubmit: 'Check in',
    call: 'Call', start: 'Start consultation', called: 'Called', topicLegal: 'Legal', note: 'Note', needs: 'Needs identified', actions: 'Actions taken',
    saveConsultation: 'Save consultation', giveAid: 'Give aid', item: 'Item', foodParcel: 'Food parcel', saveAid: 'Save aid',
    acknowledgeFirst: 'Check the files above first, or confirm that this is a different person.', differentPerson: 'I have checked: this is a different person, register a new file',
  },
} as const;
export type Lang = keyof typeof labels;

/** Logins are limited to 10 a minute from one address: a journey waits as a person would be told to. */
async function waitOut(retryAfter: string | null | undefined) {
  const seconds = Number(retryAfter ?? '') || 60;
  await new Promise((r) => setTimeout(r, seconds * 1000 + 500));
}

/** The administrator's session, one per test file and server (logins are rate-limited). */
const adminSessions = new Map<string, Promise<{ cookie: string; csrfToken: string }>>();

async function adminSession(baseUrl: string, admin: { email: string; password: string }) {
  for (let attempt = 0; ; attempt++) {
    const login = await fetch(`${baseUrl}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    if (login.status === 429 && attempt < 2) {
      await waitOut(login.headers.get('retry-after'));
      continue;
    }
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }
}

/**
 * One call to the API as the administrator (their session is shared with createStaff): the
 * answer's status and parsed JSON body, for setting up what a journey needs.
 */
export async function adminApi<T = unknown>(baseUrl: string, admin: { email: string; password: string }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const key = `${baseUrl} ${admin.email}`;
  if (!adminSessions.has(key)) adminSessions.set(key, adminSession(baseUrl, admin));
  const { cookie, csrfToken } = await (adminSessions.get(key) as Promise<{ cookie: string; csrfToken: string }>);
  const res = await fetch(`${baseUrl}${path.replace(/^\//, '')}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie, 'x-csrf-token': csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Creates a staff account through the API, as an administrator would. */
export async function createStaff(baseUrl: string, admin: { email: string; password: string }, staff: { email: string; displayName: string; role: string; language: Lang; password: string }) {
  const res = await adminApi(baseUrl, admin, 'POST', '/api/staff', staff);
  expect([201, 409]).toContain(res.status);
}

export async function logIn(page: Page, baseUrl: string, lang: Lang, email: string, password: string) {
  const l = labels[lang];
  await page.goto(`${baseUrl}login`);
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password, { exact: true }).fill(password);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: l.login, exact: true }).click(),
    ]);
    if (response.status() !== 429) break;
    await waitOut(response.headers()['retry-after']);
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Where a journey's staff log in, as whom the administrator creates them, and the browsers it closes afterwards. */
export interface JourneyEnv {
  baseUrl: string;
  admin: { email: string; password: string };
  browsers: Array<{ close(): Promise<void> }>;
}

/**
 * Creates a staff member with a fresh email (`<role>.<tag.>lang.<random>@e2e.tobira`), opens a
 * browser in their language (added to env.browsers for closing) and logs them in.
 */
export async function staffPage(env: JourneyEnv, lang: Lang, role: 'reception' | 'caseworker' | 'advocacy' | 'fundraiser', tag?: string) {
  const email = `${role}.${tag ? `${tag}.` : ''}${lang}.${randomBytes(3).toString('hex')}@e2e.tobira`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createStaff(env.baseUrl, env.admin, { email, displayName: `${role} ${lang}`, role, language: lang, password });
  const browser = await openBrowser(lang === 'ja' ? 'ja-JP' : 'en-US');
  env.browsers.push(browser);
  const page = await browser.context.newPage();
  await logIn(page, env.baseUrl, lang, email, password);
  return page;
}

/**
 * Presses "Register" on the new-person form at check-in. When existing files with a similar name
 * are shown (another walk-in of the same journey), the desk confirms it is a different person first.
 */
export async function registerNewPerson(page: Page, lang: Lang) {
  const l = labels[lang];
  await page.getByRole('button', { name: l.registerSubmit, exact: true }).click();
  const asked = page.getByText(l.acknowledgeFirst);
  await page.getByLabel(l.reason).or(asked).first().waitFor();
  if (await asked.isVisible()) {
    await page.getByRole('checkbox', { name: l.differentPerson }).check();
    await page.getByRole('button', { name: l.registerSubmit, exact: true }).click();
  }
}
