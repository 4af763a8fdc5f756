import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays, isAdministrativeHoliday, periodEnd, REVIEW_REQUEST_DAYS, standing } from '../src/modules/deadlines/rules';
import { tokyoDate } from '../src/shared/time';
import { formatDate } from '../src/web/format';
import { labels as common, staffPage, type Lang } from './journeys';

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
const browsers: Array<{ close(): Promise<void> }> = [];
const tempDir = mkdtempSync(path.join(tmpdir(), 'tobira-e2e-docs-'));
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  rmSync(tempDir, { recursive: true, force: true });
});

/** The labels of the case file, deadlines, documents, consent and matching, as read on screen (from the modules' i18n). */
const labels = {
  ja: {
    caseFile: 'ケースファイル', editCaseFile: 'ケースファイルを編集', saveCaseFile: 'ケースファイルを保存', procedureStage: '難民認定手続',
    rejected: '不認定', noticeReceived: '決定通知の受領日', deadlines: '期限', reviewRule: /審査請求/, overdue: '期限切れ',
    timeLeft: (days: number) => (days === 0 ? '今日まで' : days === 1 ? '明日まで' : days === -1 ? '1日超過' : days < 0 ? `${-days}日超過` : `あと${days}日`),
    file: 'ファイル', documentKind: '書類の種類', refusalNotice: '不認定通知書', upload: 'アップロード', documents: '書類',
    openDocument: (name: string) => `${name} を開く（新しいタブ）`,
    privacy: '同意と提供記録', addConsent: '同意を記録', recipientName: '提供先（団体名）', scope: '同意の内容', active: '有効', sharing: '特定の団体への第三者提供',
    addDisclosure: '提供を記録', recipientKind: '提供先の種別', lawyer: '弁護士', identity: '本人確認情報', procedure: '難民認定手続',
    consent: '同意', basisConsent: '本人の同意', dateOfBirth: '生年月日',
    lawOffice: 'さくら総合法律事務所', scopeText: '難民審査請求の代理のため、手続の情報を提供する',
    matches: '同一人物の可能性がある既存ファイル',
    strong: (fileNumber: string) => `同一人物の可能性が非常に高いです：ファイル ${fileNumber}`,
    useOrOpen: (fileNumber: string) => new RegExp(`ファイル ${fileNumber} を(使う|開く)`),
    acknowledgeFirst: '上のファイルを確認するか、別の人物であることを確認してください。',
  },
  en: {
    caseFile: 'Case file', editCaseFile: 'Edit case file', saveCaseFile: 'Save case file', procedureStage: 'Asylum procedure',
    rejected: 'Rejected', noticeReceived: 'Decision notice received', deadlines: 'Deadlines', reviewRule: /Request for review/, overdue: 'Overdue',
    timeLeft: (days: number) => (days === 0 ? 'Due today' : days === 1 ? 'Due tomorrow' : days === -1 ? '1 day overdue' : days < 0 ? `${-days} days overdue` : `In ${days} days`),
    file: 'File', documentKind: 'Kind of document', refusalNotice: 'Refusal notice', upload: 'Upload', documents: 'Documents',
    openDocument: (name: string) => `Open ${name} (new tab)`,
    privacy: 'Consent and sharing', addConsent: 'Record consent', recipientName: 'Recipient (organisation)', scope: 'What was agreed', active: 'Active', sharing: 'Sharing with a named organisation',
    addDisclosure: 'Log a disclosure', recipientKind: 'Kind of recipient', lawyer: 'Lawyer', identity: 'Identity', procedure: 'Asylum procedure',
    consent: 'Consent', basisConsent: 'Consent', dateOfBirth: 'Date of birth',
    lawOffice: 'Shinjuku Refugee Law Office', scopeText: 'To represent them in the request for review',
    matches: 'Existing files that may be this person',
    strong: (fileNumber: string) => `This is very probably the same person: file ${fileNumber}`,
    useOrOpen: (fileNumber: string) => new RegExp(`(Use|Open) file ${fileNumber}`),
    acknowledgeFirst: 'Check the files above first, or confirm that this is a different person.',
  },
} as const;

/** A real 1×1 PNG (a photographed notice, for the server's byte check). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');

const env = { baseUrl, admin, browsers };

interface NewPerson {
  familyName: string;
  givenName: string;
  nameKana?: string;
  dateOfBirth: string;
  sex: 'female' | 'male';
  nationality: string;
}

/** Registers a person through the API with the page's own session (as the app itself does). */
async function registerThroughApi(page: Page, person: NewPerson): Promise<{ id: string; fileNumber: string }> {
  return page.evaluate(async (body) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch('/api/people', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; fileNumber: string };
  }, person);
}

/**
 * A notice received date in the past week whose 7th day is an administrative holiday (a weekend
 * is always among the next 7 days), so the due date visibly moves and is not yet overdue.
 */
function recentNoticeWithMovedDeadline(today: string): string {
  for (let back = 0; back <= 7; back++) {
    const received = addDays(today, -back);
    if (isAdministrativeHoliday(addDays(received, REVIEW_REQUEST_DAYS))) return received;
  }
  throw new Error('no administrative holiday within a week');
}

interface Journey {
  lang: Lang;
  person: NewPerson;
  /** The date typed as the refusal notice's receipt, and the due date expected on screen. */
  received: string;
  expectedDue?: string;
  expectOverdue: boolean;
  /** What the receptionist types in the search box: the same person under another spelling. */
  typedAtDesk: string;
}

/**
 * A caseworker records a refusal notice and sees the review-request deadline (moved past the
 * holiday), attaches the notice, records consent to share with a law office and the disclosure;
 * then a receptionist starting to register the same person under another spelling is shown the
 * existing file as a strong match, with its file number.
 */
async function caseFileJourney(j: Journey) {
  const l = labels[j.lang];
  const lang = j.lang;
  const caseworker = await staffPage(env, lang, 'caseworker', 'case');
  const person = await registerThroughApi(caseworker, j.person);
  await caseworker.goto(`${baseUrl}people/${person.id}`);

  // 1. The refusal notice, in the case file.
  const caseSection = caseworker.getByRole('region', { name: l.caseFile, exact: true });
  await caseSection.getByRole('button', { name: l.editCaseFile }).click();
  await caseSection.getByRole('combobox', { name: l.procedureStage, exact: true }).click();
  await caseworker.getByRole('option', { name: l.rejected, exact: true }).click();
  await caseSection.getByLabel(l.noticeReceived, { exact: true }).fill(j.received);
  await caseSection.getByRole('button', { name: l.saveCaseFile }).click();
  await caseSection.getByRole('button', { name: l.editCaseFile }).waitFor();
  await caseSection.getByText(l.rejected, { exact: true }).first().waitFor();
  await caseSection.getByText(formatDate(j.received, lang), { exact: true }).first().waitFor();

  // The review-request deadline appears on the file, moved off the holiday, in Tokyo's format.
  const { lastDay, dueOn } = periodEnd(j.received, REVIEW_REQUEST_DAYS);
  expect(dueOn).not.toBe(lastDay);
  if (j.expectedDue) expect(dueOn).toBe(j.expectedDue);
  const { daysLeft, isOverdue } = standing({ dueOn }, tokyoDate());
  expect(isOverdue).toBe(j.expectOverdue);
  const deadlineRow = caseworker.getByRole('table', { name: l.deadlines, exact: true }).getByRole('row', { name: l.reviewRule });
  await deadlineRow.waitFor({ timeout: 10_000 });
  const cells = deadlineRow.getByRole('cell');
  await expect.poll(() => cells.nth(1).innerText()).toContain(formatDate(j.received, lang));
  expect(await cells.nth(2).innerText()).toBe(formatDate(dueOn, lang));
  const when = await cells.nth(3).innerText();
  expect(when).toContain(l.timeLeft(daysLeft));
  if (isOverdue) expect(when).toContain(l.overdue);
  else expect(when).not.toContain(l.overdue);

  // 2. The notice itself, as a document: listed, and it opens.
  const fileName = `refusal-notice-${lang}.png`;
  const filePath = path.join(tempDir, fileName);
  writeFileSync(filePath, PNG);
  const docs = caseworker.getByRole('region', { name: l.documents, exact: true });
  const [chooser] = await Promise.all([caseworker.waitForEvent('filechooser'), docs.getByRole('button', { name: l.file, exact: true }).click()]);
  await chooser.setFiles(filePath);
  await docs.getByRole('combobox', { name: l.documentKind }).click();
  await caseworker.getByRole('option', { name: l.refusalNotice, exact: true }).click();
  await docs.getByRole('button', { name: l.upload, exact: true }).click();
  const docRow = docs.getByRole('row', { name: new RegExp(fileName.replace('.', '\\.')) });
  await docRow.waitFor();
  await docRow.getByText(l.refusalNotice, { exact: true }).waitFor();
  const open = docRow.getByRole('link', { name: l.openDocument(fileName) });
  const href = await open.getAttribute('href');
  expect(href).toMatch(/^\/api\/documents\/[0-9a-f-]{36}\/content$/);
  const content = await caseworker.request.get(new URL(href ?? '', baseUrl).toString());
  expect(content.status()).toBe(200);
  expect(content.headers()['content-type']).toMatch(/^image\/png/);
  expect(Buffer.from(await content.body()).equals(PNG)).toBe(true);
  // Clicking opens it in a new tab.
  const [tab] = await Promise.all([caseworker.context().waitForEvent('page'), open.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toContain(href ?? '-');
  await tab.close();

  // 3. Consent to share with a named law office, then the disclosure based on it.
  const privacy = caseworker.getByRole('region', { name: l.privacy, exact: true });
  await privacy.getByRole('button', { name: l.addConsent }).click();
  await privacy.getByLabel(l.recipientName).fill(l.lawOffice);
  await privacy.getByLabel(l.scope).fill(l.scopeText);
  await privacy.getByRole('button', { name: l.addConsent }).click();
  const consentRow = privacy.getByRole('row', { name: new RegExp(l.lawOffice) });
  await consentRow.waitFor();
  await consentRow.getByText(l.sharing).waitFor();
  await consentRow.getByText(l.active, { exact: true }).waitFor();

  await privacy.getByRole('button', { name: l.addDisclosure }).click();
  const disclosureForm = privacy.getByRole('form', { name: l.addDisclosure });
  await disclosureForm.getByLabel(l.recipientName).fill(l.lawOffice);
  await disclosureForm.getByRole('combobox', { name: l.recipientKind }).click();
  await caseworker.getByRole('option', { name: l.lawyer, exact: true }).click();
  await disclosureForm.getByRole('checkbox', { name: l.identity, exact: true }).check();
  await disclosureForm.getByRole('checkbox', { name: l.procedure, exact: true }).check();
  await disclosureForm.getByRole('combobox', { name: l.consent }).click();
  await caseworker.getByRole('option', { name: new RegExp(l.lawOffice) }).click();
  await disclosureForm.getByRole('button', { name: l.addDisclosure }).click();
  await disclosureForm.waitFor({ state: 'detached' });
  const disclosureRow = privacy.getByRole('row', { name: new RegExp(`${l.lawOffice} \\(${l.lawyer}\\)`) });
  await disclosureRow.waitFor();
  await disclosureRow.getByText(l.basisConsent, { exact: true }).waitFor();
  expect(await disclosureRow.innerText()).toContain(formatDate(tokyoDate(), lang));
  // Both are still listed, the consent still active.
  await consentRow.getByText(l.active, { exact: true }).waitFor();

  // 4. The desk: the same person under another spelling is shown as a strong match.
  const c = common[lang];
  const reception = await staffPage(env, lang, 'reception', 'case');
  await reception.goto(`${baseUrl}check-in`);
  await reception.getByRole('combobox', { name: c.search }).fill(j.typedAtDesk);
  await reception.getByRole('button', { name: c.register }).click();
  await reception.getByLabel(l.dateOfBirth, { exact: true }).fill(j.person.dateOfBirth);
  // Before any new file is made, the existing one is shown as a strong match, with its number.
  const matches = reception.getByRole('region', { name: l.matches });
  await matches.getByText(l.strong(person.fileNumber), { exact: true }).waitFor({ timeout: 15_000 });
  await matches.getByRole(/* a button at check-in, a link elsewhere */ 'button', { name: l.useOrOpen(person.fileNumber) }).or(matches.getByRole('link', { name: l.useOrOpen(person.fileNumber) })).first().waitFor();
  // The file is the caseworker's: same number, and its names as registered.
  await matches.getByText(j.person.givenName).first().waitFor();
  const axe = await new AxeBuilder({ page: reception }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // Registering anyway first asks to confirm it is someone else; the desk uses the existing file instead.
  await reception.getByRole('button', { name: c.registerSubmit, exact: true }).click();
  await matches.getByText(l.acknowledgeFirst).waitFor();
  await matches.getByRole('button', { name: l.useOrOpen(person.fileNumber) }).click();
  await reception.getByLabel(c.reason).waitFor();
  await reception.getByText(person.fileNumber, { exact: true }).waitFor();
  // Still one file under this name: nothing was registered twice.
  const found = await reception.evaluate(async (name) => {
    const res = await fetch(`/api/people?q=${encodeURIComponent(name)}`);
    return ((await res.json()) as { items: Array<{ id: string }> }).items.map((p) => p.id);
  }, j.person.familyName);
  expect(found).toEqual([person.id]);
  return { caseworker, reception, person };
}

describe('a case file in a real browser', () => {
  it('(ja) refusal notice → review deadline moved past the year-end closure, document, consent, disclosure; the desk sees a strong match', async () => {
    // The form refuses dates in the future, so last year's Christmas: day 7 is 1 January (year-end
    // closure 29 Dec – 3 Jan, then a Sunday). The same rule gives 4 January 2027 for this Christmas.
    expect(periodEnd('2026-12-25', REVIEW_REQUEST_DAYS)).toEqual({ lastDay: '2027-01-01', dueOn: '2027-01-04' });
    await caseFileJourney({
      lang: 'ja',
      person: { familyName: 'Gebremariam', givenName: 'Selamawit', nameKana: 'セラマウィト・ゲブレマリアム', dateOfBirth: '1987-04-11', sex: 'female', nationality: 'ER' },
      received: '2025-12-25',
      expectedDue: '2026-01-05',
      expectOverdue: true,
      typedAtDesk: 'ゲブレマリアム・セラマウィット',
    });
  });

  it('(en) refusal notice received this week → due date moved past the weekend or holiday, not overdue; the desk sees a strong match', async () => {
    await caseFileJourney({
      lang: 'en',
      person: { familyName: 'Abdullahi', givenName: 'Mohammed', dateOfBirth: '1991-08-23', sex: 'male', nationality: 'NG' },
      received: recentNoticeWithMovedDeadline(tokyoDate()),
      expectOverdue: false,
      typedAtDesk: 'Muhammad Abdulahi',
    });
  });
});
