import { createHmac, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueFormToken } from '../../../server/http/form-guard';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { startSmtpSink, type SmtpSink } from '../../../server/test/smtp-sink';
import { xssPayloads } from '../../../server/text/xss-payloads';
import { addDays, tokyoDate } from '../../../shared/time';
import type { Campaign, Gift, Supporter } from '../../fundraising/contract';
import { sampleSettings } from '../../fundraising/receipts/server/receipts.test-helpers';
import {
  PublicCampaignPage, PublicEventPage, PublicRunnerPage, type CharityEvent, type DecisionResult, type EventDashboard, type MagicLinkResult,
  type ModerationItem, type PageRevision, type RunnerApplication, type RunnerDetail,
} from '../contract';

// The whole loop of a charity event as the office and the public live it: application → selection →
// page (through a single-use link) → moderation → gift through the page → thermometer → receipt.

const secretKey = randomBytes(32);
const webhookSecret = 'shared-secret-for-tests';
/** The test's clock: every date below is counted from it, so the answers are the same on any day. */
const NOW = new Date('2026-12-08T03:00:00Z');
const TODAY = tokyoDate(NOW);
let clockOffsetMs = 0;
let env: TestEnv;
let sink: SmtpSink;
let fundraiser: TestStaff;
let admin: TestStaff;
let reception: TestStaff;
let campaign: Campaign;
let event: CharityEvent;
let ipCounter = 0;

const json = <T>(res: { json: () => unknown }) => res.json() as T;
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; fields?: Record<string, string> } }).error;
const call = (staff: TestStaff, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: staff.headers, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
/** A visitor from a fresh address (so the per-IP limits of one test do not spill into another). */
const visitor = () => `198.51.100.${(ipCounter += 1)}`;
const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, remoteAddress: visitor(), headers });
/** A form a person filled in (its token issued a few seconds before, as when a person types). */
const postForm = (url: string, fields: Record<string, string>, form: 'apply' | 'give', options: { ip?: string; tokenAgeMs?: number } = {}) =>
  env.app.inject({
    method: 'POST', url, remoteAddress: options.ip ?? visitor(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ formToken: issueFormToken(secretKey, form, NOW.getTime() - (options.tokenAgeMs ?? 5_000)), website: '', ...fields }).toString(),
  });

function multipart(fields: Record<string, string>, photo?: Buffer) {
  const boundary = `----tobira${randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (photo) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
const linkToken = (url: string) => url.split('/give/edit/')[1] ?? '';

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnv({
    secretKey, mail: { url: sink.url, from: 'Tobira <office@test.local>' }, publicUrl: 'https://give.example.org', paymentWebhookSecret: webhookSecret,
    now: () => new Date(NOW.getTime() + clockOffsetMs),
  });
  fundraiser = await env.staff('fundraiser');
  admin = await env.staff('admin');
  reception = await env.staff('reception');
  campaign = json<Campaign>(await call(fundraiser, 'POST', '/api/fundraising/campaigns', {
    code: 'tokyo-marathon', nameJa: '東京マラソン チャリティ', nameEn: 'Tokyo Marathon charity', channel: 'runners', goalYen: 3_000_000, startsOn: addDays(TODAY, -60),
  }));
  const created = await call(admin, 'POST', '/api/runners/events', {
    code: 'tokyo-2027', nameJa: '東京マラソン2027', nameEn: 'Tokyo Marathon 2027', raceOn: addDays(TODAY, 20), minimumYen: 100_000,
    applicationsOpenOn: addDays(TODAY, -30), applicationsCloseOn: addDays(TODAY, 5), places: 8, campaignId: campaign.id,
    bankDetailsJa: 'ゆうちょ銀行 〇一八支店 普通 1234567 トビラナンミンシエン', bankDetailsEn: 'Japan Post Bank, branch 018, ordinary 1234567',
  });
  expect(created.statusCode, created.body).toBe(201);
  event = json<CharityEvent>(created);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

async function apply(email: string, extra: Record<string, string> = {}) {
  const res = await postForm('/give/tokyo-2027/apply?lang=ja', {
    familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', email, phone: `090-${String(parseInt(createHmac('sha256', 'p').update(email).digest('hex').slice(0, 7), 16)).slice(0, 8).padStart(8, '0')}`,
    motivation: '難民の友人がいます。', plan: '職場と家族に呼びかけます。', consent: 'on', language: 'ja', ...extra,
  }, 'apply');
  return res;
}

async function applicationsOf(status?: string) {
  return json<{ applications: RunnerApplication[] }>(await call(fundraiser, 'GET', `/api/runners/events/${event.id}/applications${status ? `?status=${status}` : ''}`)).applications;
}

/** An applicant selected as a runner; returns the runner's id. */
async function selectRunner(email: string, names: Record<string, string> = {}) {
  expect((await apply(email, names)).statusCode).toBe(200);
  const app = (await applicationsOf()).find((a) => a.email === email);
  if (!app) throw new Error('no application');
  const res = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'select', version: app.version, message: '' });
  expect(res.statusCode, res.body).toBe(200);
  return json<DecisionResult>(res).runner?.id ?? '';
}

/** A runner's page as staff write it, approved: the page goes live. */
async function publishPage(runnerId: string, page: { displayName: string; story: string; goalYen: number }) {
  const rev = json<PageRevision>(await call(fundraiser, 'POST', `/api/runners/runners/${runnerId}/page`, page));
  const res = await call(fundraiser, 'POST', `/api/runners/revisions/${rev.id}/review`, { decision: 'approve' });
  expect(res.statusCode, res.body).toBe(200);
  return json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`));
}

async function jpegWithGps() {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 80, b: 60 } } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Secret Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 0/1' } })
    .jpeg().toBuffer();
}

describe('runner applications', () => {
  it('a person applies through the public form (ja), and staff see the application; the same email again adds nothing', async () => {
    const form = await get('/give/tokyo-2027/apply?lang=ja');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="ja">');
    expect(form.body).toContain('name="formToken"');
    expect(form.body).toContain('プライバシーポリシー');
    const res = await apply('hanako@example.jp');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('お申し込みありがとうございます');
    expect((await apply('HANAKO@example.jp')).statusCode).toBe(200);
    const list = (await applicationsOf()).filter((a) => a.email === 'hanako@example.jp');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ familyName: '山田', familyNameKana: 'ヤマダ', status: 'submitted', motivation: '難民の友人がいます。' });
  });

  it('refuses a form without consent or with a bad email, naming the fields, and stores nothing', async () => {
    const res = await apply('not-an-email', { consent: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="email-error"');
    expect(res.body).toContain('プライバシーポリシーを読んで同意してください');
    expect((await applicationsOf()).some((a) => a.email === 'not-an-email')).toBe(false);
  });

  it('a bot that fills the hidden field is thanked and nothing is stored; a form sent at once or with a forged token is sent back', async () => {
    const bot = await apply('bot@example.com', { website: 'http://spam.example' });
    expect(bot.statusCode).toBe(200);
    expect((await applicationsOf()).some((a) => a.email === 'bot@example.com')).toBe(false);
    const fast = await postForm('/give/tokyo-2027/apply?lang=en', { familyName: 'Fast', email: 'fast@example.com', motivation: 'x', plan: 'y', consent: 'on' }, 'apply', { tokenAgeMs: 100 });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('That was very fast');
    const forged = await env.app.inject({
      method: 'POST', url: '/give/tokyo-2027/apply', remoteAddress: visitor(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ formToken: issueFormToken(randomBytes(32), 'apply', NOW.getTime() - 5000), familyName: 'F', email: 'forged@example.com', motivation: 'x', plan: 'y', consent: 'on' }).toString(),
    });
    expect(forged.statusCode).toBe(400);
    expect((await applicationsOf()).some((a) => a.email === 'fast@example.com' || a.email === 'forged@example.com')).toBe(false);
  });

  it('limits how often one address may send a form (429 as a page)', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await postForm('/give/tokyo-2027/apply', { familyName: 'R', email: `rate${i}@example.com`, motivation: 'x', plan: 'y', consent: 'on' }, 'apply', { ip })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('shortlist → select: the message is emailed, the applicant becomes the supporter already on file (not a duplicate) and a runner', async () => {
    const existing = json<Supporter>(await call(fundraiser, 'POST', '/api/fundraising/supporters', { familyName: '鈴木', givenName: '一郎', familyNameKana: 'スズキ', givenNameKana: 'イチロウ', email: 'ichiro@example.jp' }));
    await apply('ichiro@example.jp', { familyName: '鈴木', givenName: '一郎', familyNameKana: 'スズキ', givenNameKana: 'イチロウ' });
    let app = (await applicationsOf()).find((a) => a.email === 'ichiro@example.jp');
    if (!app) throw new Error('missing');
    const template = json<{ subject: string; body: string }>(await call(fundraiser, 'GET', `/api/runners/applications/${app.id}/message?decision=select&language=ja`));
    expect(template.body).toContain('鈴木 一郎 様');
    expect(template.body).toContain('100,000円');
    const short = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'shortlist', version: app.version });
    expect(json<DecisionResult>(short).application.status).toBe('shortlisted');
    app = json<DecisionResult>(short).application;
    const before = sink.messages.length;
    const res = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'select', version: app.version, message: template.body, goalYen: 150_000 });
    expect(res.statusCode, res.body).toBe(200);
    const result = json<DecisionResult>(res);
    expect(result).toMatchObject({ emailed: true, matchedExistingSupporter: true, application: { status: 'selected' } });
    expect(result.runner).toMatchObject({ supporterId: existing.id, goalYen: 150_000, pageState: 'no_page', publicPath: null });
    expect(result.runner?.code).toMatch(/^R-\d{4}$/);
    expect(result.runner?.slug).toMatch(/^[a-z0-9]{20}$/);
    const mail = sink.messages[before];
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('ichiro@example.jp');
    expect(mail?.text).toContain('チャリティランナーに選ばれました'.slice(0, 4));
    const search = json<{ total: number }>(await call(fundraiser, 'GET', '/api/fundraising/supporters?q=ichiro@example.jp'));
    expect(search.total).toBe(1);
    // Decided applications do not move again; a stale version is refused.
    expect((await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'decline', version: result.application.version, reason: 'x' })).statusCode).toBe(409);
  });

  it('declining needs a reason; a goal under the minimum is refused; a full event takes no more runners', async () => {
    await apply('decline@example.com');
    const app = (await applicationsOf()).find((a) => a.email === 'decline@example.com');
    if (!app) throw new Error('missing');
    const noReason = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'decline', version: app.version });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(problem(noReason).fields ?? {})).toContain('reason');
    const low = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'select', version: app.version, goalYen: 50_000 });
    expect(low.statusCode).toBe(400);
    expect(Object.keys(problem(low).fields ?? {})).toContain('goalYen');
    // With every place taken, nobody more is selected.
    const current = json<CharityEvent>(await call(fundraiser, 'GET', `/api/runners/events/${event.id}`));
    const shrunk = json<CharityEvent>(await call(admin, 'PATCH', `/api/runners/events/${event.id}`, { places: current.runners, version: current.version }));
    const full = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'select', version: app.version });
    expect(full.statusCode).toBe(409);
    expect(problem(full).code).toBe('runners.event_full');
    await call(admin, 'PATCH', `/api/runners/events/${event.id}`, { places: 8, version: shrunk.version });
    const declined = await call(fundraiser, 'POST', `/api/runners/applications/${app.id}/decision`, { decision: 'decline', version: app.version, reason: '枠が足りないため', message: '' });
    expect(json<DecisionResult>(declined)).toMatchObject({ emailed: false, application: { status: 'declined', decisionReason: '枠が足りないため' } });
  });

  it('only fundraising staff reach the applications', async () => {
    expect((await call(reception, 'GET', `/api/runners/events/${event.id}/applications`)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/runners/events/${event.id}/applications` })).statusCode).toBe(401);
  });
});

describe('runner pages', () => {
  let runnerId: string;
  let slug: string;

  beforeAll(async () => {
    runnerId = await selectRunner('page-runner@example.com', { familyName: '佐藤', givenName: '健' });
    slug = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`)).slug;
  });

  it('is not public before a page is approved (404, page and JSON)', async () => {
    expect((await get(`/give/tokyo-2027/${slug}`)).statusCode).toBe(404);
    expect((await get(`/api/public/runners/tokyo-2027/${slug}`)).statusCode).toBe(404);
    expect((await get('/give/tokyo-2027/aaaaaaaaaaaaaaaa')).statusCode).toBe(404);
  });

  it('the runner edits through an emailed single-use link: a visit changes nothing, the button opens a session, a second use or an expired link is refused', async () => {
    const before = sink.messages.length;
    const link = json<MagicLinkResult>(await call(fundraiser, 'POST', `/api/runners/runners/${runnerId}/magic-link`));
    expect(link.emailed).toBe(true);
    expect(link.url).toMatch(/^https:\/\/give\.example\.org\/give\/edit\/[\w-]{40,}$/);
    const mail = sink.messages[before];
    expect(mail?.text).toContain(link.url);
    const token = linkToken(link.url);
    // A mail scanner (or the runner) opening the link only sees the button.
    expect((await get(`/give/edit/${token}`)).statusCode).toBe(200);
    expect((await get(`/give/edit/${token}`)).body).toContain('編集を始める');
    const used = await env.app.inject({ method: 'POST', url: `/give/edit/${token}?lang=en`, remoteAddress: visitor() });
    expect(used.statusCode).toBe(303);
    const cookie = cookieOf(used);
    expect(cookie).toMatch(/^tobira_runner_edit=/);
    expect(String(used.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(used.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    const again = await env.app.inject({ method: 'POST', url: `/give/edit/${token}?lang=en`, remoteAddress: visitor() });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has already been used');
    expect(again.headers['set-cookie']).toBeUndefined();

    // The form, and sending the page with a photo that carries GPS and the phone's make.
    const form = await env.app.inject({ method: 'GET', url: '/give/edit?lang=en', headers: { cookie }, remoteAddress: visitor() });
    expect(form.statusCode).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    expect(csrf).not.toBe('');
    const noCsrf = multipart({ displayName: 'Ken S.', goalYen: '120000', story: 'I run for my friends.', csrf: 'wrong' });
    expect((await env.app.inject({ method: 'POST', url: '/give/edit', headers: { cookie, ...noCsrf.headers }, payload: noCsrf.payload, remoteAddress: visitor() })).statusCode).toBe(403);
    const tooLow = multipart({ displayName: 'Ken S.', goalYen: '5000', story: 'I run for my friends.', csrf });
    const low = await env.app.inject({ method: 'POST', url: '/give/edit?lang=en', headers: { cookie, ...tooLow.headers }, payload: tooLow.payload, remoteAddress: visitor() });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain('id="goalYen-error"');
    // An SVG (it could carry script) named .jpg is refused by its bytes, and nothing is stored.
    const svg = multipart({ displayName: 'Ken S.', goalYen: '120000', story: 'I run.', csrf }, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'));
    const refused = await env.app.inject({ method: 'POST', url: '/give/edit?lang=en', headers: { cookie, ...svg.headers }, payload: svg.payload, remoteAddress: visitor() });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="photo-error"');
    expect(json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`)).revisions).toEqual([]);
    const body = multipart({ displayName: 'Ken S.', goalYen: '120000', story: 'I run for my friends who waited two years for their status.', csrf }, await jpegWithGps());
    const sent = await env.app.inject({ method: 'POST', url: '/give/edit?lang=en', headers: { cookie, ...body.headers }, payload: body.payload, remoteAddress: visitor() });
    expect(sent.statusCode, sent.body).toBe(303);
    const detail = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`));
    expect(detail.pageState).toBe('pending');
    expect(detail.revisions[0]).toMatchObject({ submittedBy: 'runner', status: 'pending', hasPhoto: true, displayName: 'Ken S.', goalYen: 120_000 });
    // Still not public while it waits.
    expect((await get(`/give/tokyo-2027/${slug}`)).statusCode).toBe(404);

    // The link of 48 hours, opened on the third day: expired, and nothing changes.
    const late = json<MagicLinkResult>(await call(fundraiser, 'POST', `/api/runners/runners/${runnerId}/magic-link`));
    clockOffsetMs = 49 * 3_600_000;
    try {
      expect((await get(`/give/edit/${linkToken(late.url)}`)).statusCode).toBe(410);
      const expired = await env.app.inject({ method: 'POST', url: `/give/edit/${linkToken(late.url)}?lang=en`, remoteAddress: visitor() });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('This link has expired');
      expect(expired.headers['set-cookie']).toBeUndefined();
      // The editing session (two hours) is over too.
      expect((await env.app.inject({ method: 'GET', url: '/give/edit', headers: { cookie }, remoteAddress: visitor() })).statusCode).toBe(401);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('staff moderate: a rejected page stays private with the note shown to the runner; an approved one goes live with its photo, EXIF removed', async () => {
    const queue = json<{ items: ModerationItem[] }>(await call(fundraiser, 'GET', '/api/runners/moderation')).items;
    const item = queue.find((i) => i.runner.id === runnerId);
    if (!item) throw new Error('not in the moderation queue');
    expect(item.eventNameJa).toBe('東京マラソン2027');
    const preview = await call(fundraiser, 'GET', `/api/runners/revisions/${item.revision.id}/photo`);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    // The photo is not public while under review.
    expect((await get(`/give/photos/${item.revision.id}.jpg`)).statusCode).toBe(404);
    const rejectWithoutNote = await call(fundraiser, 'POST', `/api/runners/revisions/${item.revision.id}/review`, { decision: 'reject' });
    expect(rejectWithoutNote.statusCode).toBe(400);
    const approved = await call(fundraiser, 'POST', `/api/runners/revisions/${item.revision.id}/review`, { decision: 'approve' });
    expect(json<PageRevision>(approved).status).toBe('approved');
    expect((await call(fundraiser, 'POST', `/api/runners/revisions/${item.revision.id}/review`, { decision: 'approve' })).statusCode).toBe(409);

    const page = await get(`/give/tokyo-2027/${slug}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ken S. runs for refugees');
    // Who the gifts go to is named in the header and for sharing.
    expect(page.body).toContain('<span class="brand">Test office</span>');
    expect(page.body).toContain('<meta property="og:site_name" content="Test office"/>');
    expect(page.body).toContain('I run for my friends who waited two years');
    expect(page.body).toContain(`<meta property="og:title" content="Ken S. runs Tokyo Marathon 2027 for refugees"/>`);
    expect(page.body).toContain(`<meta property="og:image" content="https://give.example.org/give/photos/${item.revision.id}.jpg"/>`);
    expect(page.body).toContain('aria-label="¥0 of ¥120,000 (0%)"');
    const photo = await get(`/give/photos/${item.revision.id}.jpg`);
    expect(photo.statusCode).toBe(200);
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBeLessThanOrEqual(1200);
    expect(photo.rawPayload.includes(Buffer.from('Secret Phone'))).toBe(false);
  });

  it('a gift through the page: pledged, soft-credited to the runner; once paid the thermometer moves and the wall shows only what the donor chose; the donor gets a receipt', async () => {
    const pledge = await postForm(`/give/tokyo-2027/${slug}/give?lang=ja`, {
      amountYen: '３０,０００', familyName: '高橋', givenName: '美咲', familyNameKana: 'タカハシ', givenNameKana: 'ミサキ', email: 'misaki@example.jp',
      wantsReceipt: 'on', postalCode: '160-0022', address: '新宿1-2-3', wall: 'name', wallName: '美咲', message: '完走を応援しています！',
    }, 'give');
    expect(pledge.statusCode, pledge.body).toBe(200);
    expect(pledge.body).toContain('ご寄付ありがとうございます');
    expect(pledge.body).toContain('ゆうちょ銀行');
    const reference = /<strong>([A-Z0-9]{8})<\/strong>/.exec(pledge.body)?.[1];
    expect(reference).toBeDefined();
    const anonymous = await postForm(`/give/tokyo-2027/${slug}/give?lang=en`, { amountYen: '5000', familyName: 'Brown', email: 'brown@example.com', wall: 'anonymous', showAmount: 'on' }, 'give');
    expect(anonymous.statusCode).toBe(200);

    let detail = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`));
    expect(detail).toMatchObject({ raisedYen: 0, pledgedYen: 35_000 });
    const gifts = json<{ gifts: Gift[] }>(await call(fundraiser, 'GET', `/api/fundraising/gifts?campaignId=${campaign.id}&status=pledged`)).gifts;
    const misaki = gifts.find((g) => g.amountYen === 30_000);
    expect(misaki?.softCredits).toEqual([{ kind: 'runner', supporterId: detail.supporterId, name: '' }]);
    expect(misaki).toMatchObject({ status: 'pledged', method: 'bank_transfer', isAnonymous: false, donorMessage: '完走を応援しています！' });
    // Unpaid pledges do not show on the wall.
    expect(json<PublicRunnerPage>(await get(`/api/public/runners/tokyo-2027/${slug}`)).wall).toEqual([]);

    for (const entry of detail.wall) {
      const res = await call(fundraiser, 'POST', `/api/runners/page-gifts/${entry.giftId}/confirm`, { status: 'received', receivedOn: TODAY });
      expect(res.statusCode, res.body).toBe(204);
    }
    detail = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`));
    expect(detail).toMatchObject({ raisedYen: 35_000, pledgedYen: 0, donors: 2 });
    const page = json<PublicRunnerPage>(await get(`/api/public/runners/tokyo-2027/${slug}`));
    expect(page.thermometer).toEqual({ goalYen: 120_000, raisedYen: 35_000, percent: 29, supporters: 2 });
    expect(page.wall.map((w) => ({ name: w.name, amountYen: w.amountYen, message: w.message })).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: null, amountYen: 5_000, message: '' },
      { name: '美咲', amountYen: null, message: '完走を応援しています！' },
    ].sort((a, b) => String(a.name).localeCompare(String(b.name))));
    const html = await get(`/give/tokyo-2027/${slug}?lang=ja`);
    expect(html.body).toContain('匿名');
    expect(html.body).toContain('aria-label="目標 120,000円 のうち 35,000円 (29%)"');

    // A staff member takes a message off the wall.
    const entry = detail.wall.find((w) => w.wallName === '美咲');
    expect((await call(fundraiser, 'POST', `/api/runners/page-gifts/${entry?.giftId}/hide`, { hidden: true })).statusCode).toBe(204);
    expect(json<PublicRunnerPage>(await get(`/api/public/runners/tokyo-2027/${slug}`)).wall.map((w) => w.name)).toEqual([null]);

    // The donor is a supporter with the address given, and the gift gets its receipt.
    await call(admin, 'PUT', '/api/fundraising/receipt-settings', { ...sampleSettings(), version: 0 } as unknown as Record<string, unknown>);
    const receipt = await call(fundraiser, 'POST', '/api/fundraising/receipts', { giftId: misaki?.id });
    expect(receipt.statusCode, receipt.body).toBe(201);
    expect(json<{ recipientName: string; totalYen: number }>(receipt)).toMatchObject({ totalYen: 30_000 });
  });

  it('the public JSON never carries a field outside its schema, nor an email, supporter or gift id', async () => {
    const res = await get(`/api/public/runners/tokyo-2027/${slug}`);
    const body = res.json() as Record<string, unknown>;
    expect(() => PublicRunnerPage.parse(body)).not.toThrow();
    expect(Object.keys(body).sort()).toEqual(Object.keys(PublicRunnerPage.shape).sort());
    for (const entry of body.wall as Array<Record<string, unknown>>) expect(Object.keys(entry).sort()).toEqual(['amountYen', 'date', 'message', 'name']);
    expect(res.body).not.toMatch(/@|supporterId|giftId|reference|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?!\.jpg)/);
    const eventPage = await get('/api/public/events/tokyo-2027');
    expect(() => PublicEventPage.parse(eventPage.json())).not.toThrow();
    expect(eventPage.body).not.toMatch(/@|supporterId|email/);
    expect(JSON.parse(eventPage.body).runners.map((r: { slug: string }) => r.slug)).toEqual([slug]);
  });

  it('stored XSS: every payload in a story, a name and a donor message is shown as inert text', async () => {
    const story = xssPayloads.join('\n\n');
    const xssRunner = await selectRunner('xss-runner@example.com', { familyName: 'Smith<script>alert(1)</script>', givenName: '<img src=x onerror=alert(1)>Jo' });
    const detail = await publishPage(xssRunner, { displayName: '<b onmouseover=alert(1)>Evil</b>', story, goalYen: 100_000 });
    for (const payload of xssPayloads.slice(0, 10)) {
      await postForm(`/give/tokyo-2027/${detail.slug}/give?lang=en`, { amountYen: '1000', familyName: payload, email: `x${randomBytes(3).toString('hex')}@example.com`, wall: 'name', wallName: payload, message: payload }, 'give');
    }
    const entries = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${xssRunner}`)).wall;
    for (const e of entries) await call(fundraiser, 'POST', `/api/runners/page-gifts/${e.giftId}/confirm`, { status: 'received', receivedOn: TODAY });
    const page = await get(`/give/tokyo-2027/${detail.slug}?lang=en`);
    expect(page.statusCode).toBe(200);
    const main = page.body.slice(page.body.indexOf('<main'));
    // No element but the page's own: no script, no handler attribute, no javascript: address.
    expect(main).not.toMatch(/<(script|img|svg|iframe|object|embed|style|math|video|audio|details open|a href="javascript)/i);
    expect(main).not.toMatch(/\son[a-z]+\s*=/i);
    expect(main).not.toMatch(/javascript:/i);
    const tags = [...main.matchAll(/<([a-z0-9]+)/gi)].map((m) => m[1]?.toLowerCase());
    expect(new Set(tags)).toEqual(new Set(tags.filter((t) => ['main', 'article', 'p', 'a', 'h1', 'h2', 'section', 'strong', 'span', 'progress', 'ul', 'li', 'footer'].includes(t ?? ''))));
    expect(page.body).toContain('Evil');
  });
});

describe('campaign page and dashboard', () => {
  it('a published campaign page shows goal, thermometer, supporters, the banded figures and recent messages; an unpublished one is 404', async () => {
    const save = (isPublished: boolean, version: number) => call(admin, 'PUT', `/api/runners/campaign-pages/${campaign.id}`, {
      slug: 'winter', titleJa: '冬の緊急募金', titleEn: 'Winter appeal', storyJa: '路上で夜を過ごす人に、今夜の寝床を。', storyEn: 'A bed tonight for people sleeping outside.', isPublished, version,
    });
    const first = await save(false, 0);
    expect(first.statusCode, first.body).toBe(200);
    expect((await get('/appeal/winter')).statusCode).toBe(404);
    expect((await save(true, 1)).statusCode).toBe(200);
    const html = await get('/appeal/winter?lang=en');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Winter appeal');
    const page = json<PublicCampaignPage>(await get('/api/public/appeals/winter'));
    expect(() => PublicCampaignPage.parse(page)).not.toThrow();
    expect(page.thermometer.goalYen).toBe(3_000_000);
    expect(page.thermometer.raisedYen).toBeGreaterThan(0);
    expect(page.figures.map((f) => f.key)).toEqual(['shelter_nights', 'people_fed', 'people_waiting_allowance', 'median_allowance_wait_days']);
    expect(page.wall.every((w) => w.message !== '')).toBe(true);
    // A gift straight to the campaign page.
    const res = await postForm('/appeal/winter/give?lang=en', { amountYen: '2000', familyName: 'Lee', email: 'lee@example.com', wall: 'hidden', message: 'Not for the wall' }, 'give');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you for your gift');
    const reference = /<strong>([A-Z0-9]{8})<\/strong>/.exec(res.body)?.[1] ?? '';
    const notice = JSON.stringify({ reference, status: 'received', amountYen: 2000, receivedOn: TODAY });
    const paid = await env.app.inject({
      method: 'POST', url: '/api/public/payments', payload: notice,
      headers: { 'content-type': 'application/json', 'x-tobira-signature': `sha256=${createHmac('sha256', webhookSecret).update(notice).digest('hex')}` },
    });
    expect(paid.json()).toEqual({ result: 'received' });
    // Paid, but the donor chose not to be listed: not on the wall.
    expect(json<PublicCampaignPage>(await get('/api/public/appeals/winter')).wall.some((w) => w.message === 'Not for the wall')).toBe(false);

    // With a card platform set up, the donor is sent on to pay there, carrying the reference.
    const current = json<CharityEvent>(await call(fundraiser, 'GET', `/api/runners/events/${event.id}`));
    await call(admin, 'PATCH', `/api/runners/events/${event.id}`, { paymentUrl: 'https://pay.example.org/tobira', version: current.version });
    const slug = json<{ runners: Array<{ slug: string }> }>(await get('/api/public/events/tokyo-2027')).runners[0]?.slug;
    const card = await postForm(`/give/tokyo-2027/${slug}/give`, { amountYen: '3000', familyName: 'Card', email: 'card@example.com', wall: 'anonymous' }, 'give');
    expect(card.statusCode).toBe(303);
    expect(String(card.headers.location)).toMatch(/^https:\/\/pay\.example\.org\/tobira\?ref=[A-Z0-9]{8}&amount=3000$/);
    const withUrl = json<CharityEvent>(await call(fundraiser, 'GET', `/api/runners/events/${event.id}`));
    await call(admin, 'PATCH', `/api/runners/events/${event.id}`, { paymentUrl: null, version: withUrl.version });
  });

  it('the dashboard: runners by progress, total raised, days to race day, who needs a reminder; reminders go by email; the donors CSV is formula-safe', async () => {
    const dash = json<EventDashboard>(await call(fundraiser, 'GET', `/api/runners/events/${event.id}/dashboard`));
    expect(dash.daysToRace).toBe(20);
    expect(dash.runners.length).toBeGreaterThanOrEqual(3);
    expect(dash.raisedYen).toBeGreaterThanOrEqual(35_000);
    expect(dash.counts.behind + dash.counts.onTrack + dash.counts.reached).toBe(dash.runners.length);
    // 20 days to race day: every runner below ¥100,000 needs a reminder.
    expect(dash.needReminder.map((r) => r.id).sort()).toEqual(dash.runners.filter((r) => r.raisedYen < 100_000).map((r) => r.id).sort());
    const before = sink.messages.length;
    const reminded = json<{ reminded: number; emailed: number }>(await call(fundraiser, 'POST', `/api/runners/events/${event.id}/reminders`, { runnerIds: dash.needReminder.map((r) => r.id) }));
    expect(reminded.reminded).toBe(dash.needReminder.length);
    expect(reminded.emailed).toBe(dash.needReminder.filter((r) => r.email).length);
    expect(sink.messages.slice(before).some((m) => /20/.test(m.subject ?? ''))).toBe(true);
    const csv = await call(fundraiser, 'GET', `/api/runners/events/${event.id}/donors.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toContain('寄付日 / Gift date');
    expect(csv.body).toContain('misaki@example.jp');
    // A name that starts like a formula is written as text.
    expect(csv.body).not.toMatch(/(^|,)"?=/m);
  });

  it('an imported gift with the runner code is credited to the runner; a signed payment notice marks a pledge received, an unsigned one is refused', async () => {
    const runnerId = await selectRunner('import-runner@example.com', { familyName: '伊藤' });
    const runner = json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`));
    const csv = ['決済ID,寄付日,金額,姓,名,メールアドレス,ランナーID,キャンペーン', `PAY-1,${TODAY},12000,木村,拓,taku@example.jp,${runner.code.toLowerCase().replace('r-', '')},tokyo-marathon`].join('\n');
    const upload = await env.app.inject({ method: 'POST', url: '/api/fundraising/imports?fileName=export.csv', headers: { ...fundraiser.headers, 'content-type': 'text/csv' }, payload: csv });
    expect(upload.statusCode, upload.body).toBe(201);
    const batch = json<{ id: string; mapping: Record<string, string | null> }>(upload);
    const analysed = await call(fundraiser, 'POST', `/api/fundraising/imports/${batch.id}/analyse`, { source: 'generic', mapping: batch.mapping });
    expect(analysed.statusCode, analysed.body).toBe(200);
    const committed = await call(fundraiser, 'POST', `/api/fundraising/imports/${batch.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`)).raisedYen).toBe(12_000);

    await publishPage(runnerId, { displayName: 'Ito', story: 'Running.', goalYen: 100_000 });
    const pledge = await postForm(`/give/tokyo-2027/${runner.slug}/give`, { amountYen: '8000', familyName: 'Mori', email: 'mori@example.com', wall: 'anonymous' }, 'give');
    const reference = /<strong>([A-Z0-9]{8})<\/strong>/.exec(pledge.body)?.[1] ?? '';
    const notice = JSON.stringify({ reference, status: 'received', amountYen: 8000, receivedOn: TODAY, externalId: 'pf-99' });
    const sign = (body: string) => `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
    const unsigned = await env.app.inject({ method: 'POST', url: '/api/public/payments', headers: { 'content-type': 'application/json', 'x-tobira-signature': 'sha256=00' }, payload: notice });
    expect(unsigned.statusCode).toBe(401);
    const wrongAmount = JSON.stringify({ reference, status: 'received', amountYen: 9000, receivedOn: TODAY });
    expect((await env.app.inject({ method: 'POST', url: '/api/public/payments', headers: { 'content-type': 'application/json', 'x-tobira-signature': sign(wrongAmount) }, payload: wrongAmount })).statusCode).toBe(409);
    const ok = await env.app.inject({ method: 'POST', url: '/api/public/payments', headers: { 'content-type': 'application/json', 'x-tobira-signature': sign(notice) }, payload: notice });
    expect(ok.json()).toEqual({ result: 'received' });
    const twice = await env.app.inject({ method: 'POST', url: '/api/public/payments', headers: { 'content-type': 'application/json', 'x-tobira-signature': sign(notice) }, payload: notice });
    expect(twice.json()).toEqual({ result: 'already' });
    expect(json<RunnerDetail>(await call(fundraiser, 'GET', `/api/runners/runners/${runnerId}`)).raisedYen).toBe(20_000);
  });
});
