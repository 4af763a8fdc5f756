import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth, RequirePermission } from '../../../../web/auth';
import { i18n } from '../../../../web/i18n';
import { SERVER_START_TIMEOUT, startAppServer, type AppServer, type Session } from '../../../../server/test/app-server';
import { renderWithProviders } from '../../../../web/test/render';
import { tokyoDate } from '../../../../shared/time';
import type { Gift, Supporter } from '../../contract';
import type { ReceiptBatch, ReceiptSettings } from '../contract';
import { SAMPLE_SEAL_PNG, sampleSettings } from '../server/receipts.test-helpers';
import { AnnualReceiptButton } from './AnnualReceiptButton';
import { IssueReceiptButton } from './IssueReceiptButton';
import { receiptsWeb } from './receipts.web';

// The receipts pages against the real server in this process (routes, services, SQL on PGlite).

let server: AppServer;
let fundraiser: Session;
const thisYear = Number(tokyoDate().slice(0, 4));
const lastYear = thisYear - 1;

beforeAll(async () => {
  server = await startAppServer();
  fundraiser = await server.signIn('fundraiser', 'en');
}, SERVER_START_TIMEOUT);
afterAll(async () => server?.close());

beforeEach(async () => {
  await i18n.changeLanguage('en');
  server.serve(fundraiser);
});
afterEach(() => {
  vi.unstubAllGlobals();
  // Mantine keeps notifications in one store for the whole file: each test starts without any.
  notifications.clean();
});

/** A receipts page at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
function renderAt(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {receiptsWeb.pages.map((page) => (
          <Route key={page.path} path={page.path} element={page.permission ? <RequirePermission permission={page.permission}>{page.element}</RequirePermission> : page.element} />
        ))}
      </Routes>
    </RequireAuth>,
    { route },
  );
}

let people = 0;
/** A supporter made through the API (with a current address unless `address: null`). */
async function supporter(over: Record<string, unknown> = {}): Promise<Supporter> {
  people += 1;
  return fundraiser.api<Supporter>('POST', '/api/fundraising/supporters', {
    familyName: '山田', givenName: `花子${people}`, address: { postalCode: '1040061', line1: `銀座1-2-${people}` }, acknowledgeDuplicates: true, ...over,
  });
}

const gift = (supporterId: string, amountYen: number, receivedOn: string) =>
  fundraiser.api<Gift>('POST', '/api/fundraising/gifts', { supporterId, amountYen, receivedOn, method: 'bank_transfer' });

/** The receipt settings saved (the first test saves them through the page; the others need them). */
async function ensureSettings() {
  const settings = await fundraiser.api<ReceiptSettings>('GET', '/api/fundraising/receipt-settings');
  if (!settings.isConfigured) await fundraiser.api('PUT', '/api/fundraising/receipt-settings', sampleSettings({ version: 0 }));
}

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

describe('receipt settings (/fundraising/receipts/settings)', () => {
  it('are saved with the seal and shown again; a save over someone else’s change is refused clearly', async () => {
    const first = renderAt('/fundraising/receipts/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Receipt settings' })).toBeDefined();
    expect(await screen.findByText(/No receipt can be issued until these settings are saved/)).toBeDefined();

    // Nothing is sent while a required field is empty.
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findAllByText('required')).length).toBeGreaterThan(3);

    fireEvent.change(field('Legal name (Japanese)'), { target: { value: '認定特定非営利活動法人 とびら難民支援' } });
    fireEvent.change(field('Legal name (English)'), { target: { value: 'Tobira Refugee Support' } });
    fireEvent.change(field('Postal code'), { target: { value: '１６０－００２２' } });
    fireEvent.change(field('Address (Japanese)'), { target: { value: '東京都新宿区新宿1-2-3' } });
    fireEvent.change(field('Representative\'s title (Japanese)'), { target: { value: '理事長' } });
    fireEvent.change(field('Representative\'s name (Japanese)'), { target: { value: '佐藤 花子' } });
    fireEvent.change(field('Certification number'), { target: { value: '生都管第1234号' } });
    fireEvent.change(screen.getByLabelText(/^Certification date/), { target: { value: '2019-04-01' } });
    fireEvent.change(field('Certifying authority (Japanese)'), { target: { value: '東京都' } });
    fireEvent.change(field('Receipt threshold (yen)'), { target: { value: '3000' } });
    const seal = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(seal, { target: { files: [new File([new Uint8Array(SAMPLE_SEAL_PNG)], 'seal.png', { type: 'image/png' })] } });
    expect(await screen.findByRole('img', { name: 'Preview of the new seal' })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved.')).toBeDefined();
    notifications.clean();

    const saved = await fundraiser.api<ReceiptSettings>('GET', '/api/fundraising/receipt-settings');
    expect(saved).toMatchObject({ isConfigured: true, postalCode: '1600022', legalNameEn: 'Tobira Refugee Support', receiptThresholdYen: 3000, hasSealImage: true, version: 1 });
    first.unmount();

    // Shown again as saved, with the seal the receipts print.
    renderAt('/fundraising/receipts/settings');
    await waitFor(() => expect(field('Legal name (Japanese)').value).toBe('認定特定非営利活動法人 とびら難民支援'));
    expect(field('Postal code').value).toBe('160-0022');
    expect(field('Receipt threshold (yen)').value).toBe('¥3,000');
    expect(screen.getByRole('img', { name: 'The seal receipts print now' }).getAttribute('src')).toBe('/api/fundraising/receipt-settings/seal?v=1');
    expect(screen.getByText(/Last saved .* by fundraiser en/)).toBeDefined();
    expect(screen.queryByText(/No receipt can be issued/)).toBeNull();

    // Someone else saves meanwhile: this page still holds version 1.
    await fundraiser.api('PUT', '/api/fundraising/receipt-settings', sampleSettings({ version: 1, legalNameJa: '認定NPO法人 とびら（別の人が保存）' }));
    fireEvent.change(field('Address (English)'), { target: { value: '1-2-3 Shinjuku, Tokyo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const message = await screen.findByText(/Someone else has changed the receipt settings/);
    const alert = message.closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('Not saved');
    expect(screen.queryByText('Saved.')).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: /Load the saved settings/ }));
    await waitFor(() => expect(field('Legal name (Japanese)').value).toBe('認定NPO法人 とびら（別の人が保存）'));
    expect(screen.queryByText(/Someone else has changed/)).toBeNull();
  });
});

describe('issuing, listing, reissuing and voiding receipts', () => {
  it('issues a receipt for a gift, lists it with its number, reissues and voids it', async () => {
    await ensureSettings();
    const hanako = await supporter({ givenName: '花子' });
    const received = await gift(hanako.id, 12_500, `${thisYear}-01-10`);

    const button = renderWithProviders(
      <RequireAuth>
        <IssueReceiptButton giftId={received.id} description="¥12,500 of 10 Jan" />
      </RequireAuth>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Issue a receipt for ¥12,500 of 10 Jan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Issue a receipt for this gift' });
    fireEvent.change(within(dialog).getByLabelText('Language'), { target: { value: 'en' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Issue' }));
    const number = `${thisYear}-000001`;
    expect(await within(dialog).findByText(`Receipt ${number} issued`)).toBeDefined();
    expect(within(dialog).getByText('To 山田 花子 様: ¥12,500 (1 gift).')).toBeDefined();
    const pdf = within(dialog).getByRole('link', { name: `Download receipt ${number} as PDF in English` }).getAttribute('href') ?? '';
    const file = await window.fetch(pdf);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    button.unmount();

    renderAt('/fundraising/receipts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Receipts (寄附金受領証明書)' })).toBeDefined();
    const table = await screen.findByRole('table', { name: 'Receipts issued' });
    const row = within(table).getByRole('row', { name: new RegExp(number) });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(expect.arrayContaining([
      number, 'Single gift', '山田 花子 様', String(thisYear), '¥12,500', 'Valid',
    ]));
    expect(row.textContent).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date()));
    expect(within(row).getByRole('link', { name: `Download receipt ${number} as PDF in Japanese` }).getAttribute('href')).toBe(`/api/fundraising/receipts/${/receipts\/([^/]+)\/pdf/.exec(pdf)?.[1]}/pdf?language=ja`);

    // A reissue needs a reason; it gets -R1.
    fireEvent.click(within(row).getByRole('button', { name: `Reissue receipt ${number}` }));
    let reason = await screen.findByRole('dialog', { name: `Reissue receipt ${number}` });
    fireEvent.click(within(reason).getByRole('button', { name: 'Reissue' }));
    expect(await within(reason).findByText('required')).toBeDefined();
    fireEvent.change(within(reason).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Lost in the post' } });
    fireEvent.click(within(reason).getByRole('button', { name: 'Reissue' }));
    const reissued = await within(table).findByRole('row', { name: new RegExp(`${number}-R1`) });
    expect(reissued.textContent).toContain('Reissue R1');

    // Voiding asks first and says it cannot be undone; the receipt and its reissue are void.
    fireEvent.click(within(reissued).getByRole('button', { name: `Void receipt ${number}-R1` }));
    reason = await screen.findByRole('dialog', { name: `Void receipt ${number}-R1` });
    expect(reason.textContent).toContain('This cannot be undone');
    fireEvent.change(within(reason).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Wrong donor' } });
    fireEvent.click(within(reason).getByRole('button', { name: 'Void receipt' }));
    await waitFor(() => expect(within(table).getAllByRole('link', { name: /marked VOID/ })).toHaveLength(2));
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[6]?.textContent)).toEqual(['Void', 'Void']);
    expect(within(table).queryByRole('button', { name: /Reissue|Void/ })).toBeNull();

    // Filters: the year of the gifts and the kind.
    fireEvent.change(screen.getByLabelText('Kind of receipt'), { target: { value: 'annual' } });
    expect(await screen.findByText('No receipt matches.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Kind of receipt'), { target: { value: 'single' } });
    expect(await screen.findByRole('table', { name: 'Receipts issued' })).toBeDefined();
    fireEvent.change(screen.getByLabelText('Year of the gifts'), { target: { value: String(lastYear) } });
    expect(await screen.findByText('No receipt matches.')).toBeDefined();
  });

  it('issues an annual receipt; when another record may be the same donor it says so and issues only when confirmed', async () => {
    await ensureSettings();
    const taro = await supporter({ givenName: '太郎', email: 'taro@example.jp' });
    const twin = await supporter({ givenName: '太郎', email: 'taro@example.jp', address: { postalCode: '1600022' } });
    await gift(taro.id, 3_000, `${lastYear}-03-01`);
    await gift(taro.id, 2_000, `${lastYear}-09-01`);

    renderWithProviders(
      <RequireAuth>
        <AnnualReceiptButton supporterId={taro.id} />
      </RequireAuth>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Annual receipt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Issue an annual receipt' });
    expect((within(dialog).getByLabelText('Year of the gifts') as HTMLSelectElement).value).toBe(String(lastYear));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Issue' }));
    const warning = await within(dialog).findByRole('alert');
    expect(warning.textContent).toContain('This may be the same donor as another record');
    expect(warning.textContent).toContain(twin.supporterNumber);
    expect(within(dialog).queryByRole('button', { name: 'Issue' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Issue anyway' }));
    expect(await within(dialog).findByText(/^Receipt \d{4}-\d{6} issued$/)).toBeDefined();
    expect(within(dialog).getByText('To 山田 太郎 様: ¥5,000 (2 gifts).')).toBeDefined();
  });
});

describe('year-end receipts (/fundraising/receipts/year-end)', () => {
  it('creates a batch for last year, runs it to the end with its progress, lists who was skipped and why, and offers the files', async () => {
    await ensureSettings();
    const settings = await fundraiser.api<ReceiptSettings>('GET', '/api/fundraising/receipt-settings');
    const gives = await supporter({ givenName: '一郎' });
    const noAddress = await supporter({ givenName: '二郎', address: undefined });
    const noContact = await supporter({ givenName: '三郎', noContact: true });
    const small = await supporter({ givenName: '四郎' });
    await gift(gives.id, 5_000, `${lastYear}-05-05`);
    await gift(noAddress.id, 4_000, `${lastYear}-06-06`);
    await gift(noContact.id, 4_000, `${lastYear}-07-07`);
    await gift(small.id, 1_000, `${lastYear}-08-08`);

    renderAt('/fundraising/receipts/year-end');
    expect(await screen.findByRole('heading', { level: 1, name: 'Year-end receipts' })).toBeDefined();
    const form = screen.getByRole('form', { name: 'Start a year-end batch' });
    expect((within(form).getByLabelText('Year of the gifts') as HTMLSelectElement).value).toBe(String(lastYear));
    await waitFor(() => expect((within(form).getByRole('textbox', { name: 'Threshold (yen)' }) as HTMLInputElement).value).toBe(`¥${settings.receiptThresholdYen.toLocaleString('en-US')}`));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Threshold (yen)' }), { target: { value: '2000' } });
    fireEvent.change(within(form).getByLabelText('Language of the receipts'), { target: { value: 'ja' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create and start' }));

    const panel = await screen.findByRole('region', { name: `Annual receipts ${lastYear}` });
    const bar = within(panel).getByRole('progressbar', { name: `Progress of the annual receipts ${lastYear}` });
    // The small giver is below the threshold: not in the batch at all.
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toBe('3 of 3 supporters processed'));
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
    expect(bar.getAttribute('aria-valuemax')).toBe('3');
    expect(within(panel).getByText('Finished')).toBeDefined();
    expect(within(panel).getByText('Issued: 1 receipt')).toBeDefined();
    expect(within(panel).getByText('Skipped: 2 supporters')).toBeDefined();
    expect(within(panel).getByText('Failed: 0 supporters')).toBeDefined();
    expect(within(panel).getByText('Threshold ¥2,000 · Japanese')).toBeDefined();

    const skipped = await within(panel).findByRole('table', { name: 'Skipped supporters' });
    expect(within(skipped).getByRole('row', { name: `${noAddress.supporterNumber} No current address` })).toBeDefined();
    expect(within(skipped).getByRole('row', { name: `${noContact.supporterNumber} Asked not to be contacted` })).toBeDefined();

    const merged = within(panel).getByRole('link', { name: 'Download all receipts (one PDF)' }).getAttribute('href') ?? '';
    expect(merged).toMatch(/^\/api\/fundraising\/receipt-batches\/[0-9a-f-]+\/file\?format=pdf$/);
    expect(within(panel).getByRole('link', { name: 'Download as ZIP (a PDF per receipt)' }).getAttribute('href')).toBe(merged.replace('pdf', 'zip'));
    const file = await window.fetch(merged);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');

    const list = await screen.findByRole('table', { name: 'Batches' });
    await waitFor(() => expect(within(list).getAllByRole('row')[1]?.textContent).toContain('3 of 3 supporters processed'));
  });

  it('resumes an unfinished batch from the list', async () => {
    await ensureSettings();
    const earlier = lastYear - 1;
    const giver = await supporter({ givenName: '五郎' });
    await gift(giver.id, 10_000, `${earlier}-12-01`);
    const batch = await fundraiser.api<ReceiptBatch>('POST', '/api/fundraising/receipt-batches', { year: earlier });
    expect(batch).toMatchObject({ status: 'pending', total: 1 });

    renderAt('/fundraising/receipts/year-end');
    const list = await screen.findByRole('table', { name: 'Batches' });
    const row = within(list).getByRole('row', { name: new RegExp(`^${earlier}`) });
    expect(row.textContent).toContain('Not started');
    expect(row.textContent).toContain('0 of 1 supporters processed');
    fireEvent.click(within(row).getByRole('button', { name: new RegExp(`^Resume the batch ${earlier}`) }));
    const panel = await screen.findByRole('region', { name: `Annual receipts ${earlier}` });
    await waitFor(() => expect(within(panel).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('1 of 1 supporters processed'));
    expect(within(panel).getByText('Issued: 1 receipt')).toBeDefined();
    expect(within(panel).getByRole('link', { name: 'Download all receipts (one PDF)' })).toBeDefined();
  });
});

describe('in Japanese', () => {
  it('shows the list with Japanese labels, yen and Tokyo dates', async () => {
    const ja = await server.signIn('fundraiser', 'ja');
    vi.unstubAllGlobals();
    server.serve(ja);
    renderAt('/fundraising/receipts');
    expect(await screen.findByRole('heading', { level: 1, name: '寄附金受領証明書' })).toBeDefined();
    const table = await screen.findByRole('table', { name: '発行した証明書' });
    expect(within(table).getByRole('columnheader', { name: '証明書番号' })).toBeDefined();
    const annual = within(table).getAllByRole('row').find((r) => r.textContent?.includes('山田 太郎 様'));
    expect(annual?.textContent).toContain('年間（合算）');
    expect(annual?.textContent).toContain('¥5,000');
    expect(annual?.textContent).toContain('有効');
    expect(annual?.textContent).toContain(new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date()));
    expect(within(table).getAllByText('無効')).toHaveLength(2);
    expect(within(annual as HTMLElement).getByRole('link', { name: /を日本語のPDFでダウンロード$/ })).toBeDefined();
  });
});
