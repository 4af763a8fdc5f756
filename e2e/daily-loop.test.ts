import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { labels, registerNewPerson, staffPage, type Lang } from './journeys';

const baseUrl = inject('baseUrl');
const admin = { email: inject('adminEmail'), password: inject('adminPassword') };
const browsers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
});

const env = { baseUrl, admin, browsers };

/**
 * Journey (a)/(b): reception checks in a new walk-in; a caseworker at another browser sees them
 * appear, calls them (reception sees the call), records a consultation and gives a food parcel;
 * the person's timeline shows both.
 */
async function dailyLoop(lang: Lang) {
  const l = labels[lang];
  const family = `Walkin${randomBytes(2).toString('hex')}`;
  const reception = await staffPage(env, lang, 'reception');
  const caseworker = await staffPage(env, lang, 'caseworker');
  await caseworker.goto(`${baseUrl}queue`);

  // Reception: search, find no one, register, check in.
  await reception.goto(`${baseUrl}queue`);
  await reception.getByRole('link', { name: l.checkInLink }).click();
  await reception.getByRole('combobox', { name: l.search }).fill(`${family} Amina`);
  await reception.getByRole('button', { name: l.register }).click();
  await registerNewPerson(reception, lang);
  await reception.getByLabel(l.reason).fill(lang === 'ja' ? '食料と住まいの相談' : 'Food and shelter');
  await reception.getByRole('button', { name: l.checkInSubmit, exact: true }).click();
  const ticket = Number(await reception.getByTestId('ticket-number').innerText());
  expect(ticket).toBeGreaterThan(0);
  await reception.goto(`${baseUrl}queue`);

  // Caseworker: the walk-in appears without reloading, is called, consultation starts.
  const row = caseworker.getByRole('row', { name: new RegExp(family, 'i') });
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: l.call, exact: true }).click();
  // Reception's screen follows within a few seconds.
  await reception.getByRole('row', { name: new RegExp(family, 'i') }).getByText(l.called, { exact: true }).first().waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: l.start, exact: true }).click();
  await caseworker.waitForURL(/\/consultations\/new/);
  await caseworker.getByRole('checkbox', { name: l.topicLegal }).check();
  const note = lang === 'ja' ? '新宿駅で野宿。保護費の申請を説明した。' : 'Sleeping at Shinjuku station; explained the protection allowance.';
  await caseworker.getByLabel(l.note, { exact: true }).fill(note);
  await caseworker.getByRole('button', { name: l.saveConsultation }).click();
  await caseworker.waitForURL(/\/people\/[0-9a-f-]{36}$/);

  // Food parcels are stock-tracked: the office receives one first (through the API, with the caseworker's session).
  const received = await caseworker.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch('/api/stock/movements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ itemCode: 'food_parcel', quantity: 1, kind: 'received', source: 'donation', donorName: 'Food bank' }),
    });
    return res.status;
  });
  expect(received).toBe(201);

  // Food parcel, from the person's page.
  await caseworker.getByRole('link', { name: l.giveAid }).first().click();
  await caseworker.getByRole('combobox', { name: l.item }).click();
  await caseworker.getByRole('option', { name: l.foodParcel }).click();
  await caseworker.getByRole('button', { name: l.saveAid }).click();
  await caseworker.waitForURL(/\/people\/[0-9a-f-]{36}$/);

  // The timeline shows both, in the staff member's language.
  await caseworker.getByText(note).waitFor();
  await caseworker.getByText(l.foodParcel).first().waitFor();
  const html = await caseworker.locator('html').getAttribute('lang');
  expect(html).toBe(lang);
  return caseworker;
}

describe('the daily loop in a real browser', () => {
  it('(a) works end to end in Japanese', async () => {
    await dailyLoop('ja');
  });

  it('(b) works end to end in English', async () => {
    await dailyLoop('en');
  });
});
