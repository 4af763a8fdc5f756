import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The labels a person reads on screen, in each language (from src/i18n). */
export const labels = {
  ja: {
    email: 'メールアドレス', password: 'パスワード', login: 'ログイン', checkInLink: '受付する（チェックイン）', search: '利用者を検索',
    register: '新しい利用者を登録', registerSubmit: '登録', nationality: '国籍', reason: '来所理由', checkInSubmit: '受付する',
    call: '呼び出し', start: '相談開始', called: '呼び出し済み', topicLegal: '法律・在留', note: 'メモ', needs: '把握したニーズ', actions: '対応内容',
    saveConsultation: '相談を保存', giveAid: '支援を記録', item: '品目', foodParcel: '食料パック', saveAid: '支援を保存',
  },
  en: {
    email: 'Email address', password: 'Password', login: 'Log in', checkInLink: 'Check in', search: 'Search people',
    register: 'Register new person', registerSubmit: 'Register', nationality: 'Nationality', reason: 'Reason for visit', checkInSubmit: 'Check in',
    call: 'Call', start: 'Start consultation', called: 'Called', topicLegal: 'Legal', note: 'Note', needs: 'Needs identified', actions: 'Actions taken',
    saveConsultation: 'Save consultation', giveAid: 'Give aid', item: 'Item', foodParcel: 'Food parcel', saveAid: 'Save aid',
  },
} as const;
export type Lang = keyof typeof labels;

/** Creates a staff account through the API, as an administrator would. */
export async function createStaff(baseUrl: string, admin: { email: string; password: string }, staff: { email: string; displayName: string; role: string; language: Lang; password: string }) {
  const login = await fetch(`${baseUrl}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}api/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify(staff),
  });
  expect([201, 409]).toContain(res.status);
}

export async function logIn(page: Page, baseUrl: string, lang: Lang, email: string, password: string) {
  const l = labels[lang];
  await page.goto(`${baseUrl}login`);
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: l.login, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
