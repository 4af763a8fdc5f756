import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth, RequirePermission } from '../../../../web/auth';
import { i18n } from '../../../../web/i18n';
import { SERVER_START_TIMEOUT, startAppServer, type AppServer, type Session } from '../../../../server/test/app-server';
import { renderWithProviders } from '../../../../web/test/render';
import type { Gift, Supporter } from '../../contract';
import type { ImportBatch, ImportRowView } from '../batches.contract';
import { importsWeb } from './imports.web';

// The import pages against the real server in this process (routes, services, SQL on PGlite).

const congrantCsv = readFileSync(path.resolve(import.meta.dirname, '../fixtures/congrant-sample.csv'));

let server: AppServer;
let fundraiser: Session;

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

/** The import pages at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
function renderAt(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {importsWeb.pages.map((page) => (
          <Route key={page.path} path={page.path} element={page.permission ? <RequirePermission permission={page.permission}>{page.element}</RequirePermission> : page.element} />
        ))}
      </Routes>
    </RequireAuth>,
    { route },
  );
}

const supporter = (body: Record<string, unknown>) => fundraiser.api<Supporter>('POST', '/api/fundraising/supporters', { acknowledgeDuplicates: true, ...body });
const count = (text: string) => Number(/(\d+)\)?$/.exec(text)?.[1] ?? NaN);

describe('gift imports (/fundraising/imports)', () => {
  it('uploads a Congrant file, pre-fills the columns, reads the rows, decides the unclear donors, commits, and refuses a roll-back once a gift was refunded', async () => {
    // On file already: the first row's donor by email; a 佐藤 花子 in the same ward (a possible match);
    // two records with the fourth row's email (two strong matches: a person must choose).
    const taro = await supporter({ familyName: '山田', givenName: '太郎', email: 'taro.yamada@example.jp' });
    const hanako = await supporter({ familyName: '佐藤', givenName: '花子', address: { postalCode: '1600023', line1: '西新宿2-8-1' } });
    await supporter({ familyName: '匿名', givenName: '一', email: 'tokumei@example.jp' });
    await supporter({ familyName: '匿名', givenName: '二', email: 'tokumei@example.jp' });

    renderAt('/fundraising/imports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Gift imports' })).toBeDefined();
    expect(await screen.findByText('No file imported yet.')).toBeDefined();
    const upload = screen.getByRole('form', { name: 'Import a file' });
    fireEvent.click(within(upload).getByRole('button', { name: 'Upload' }));
    expect(await within(upload).findByText('required')).toBeDefined();
    const input = upload.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([new Uint8Array(congrantCsv)], 'congrant-2026-01.csv', { type: 'text/csv' })] } });
    fireEvent.click(within(upload).getByRole('button', { name: 'Upload' }));

    // 1. Columns: Congrant recognised, its usual columns chosen, the first rows shown.
    expect(await screen.findByRole('heading', { level: 1, name: 'Import: congrant-2026-01.csv' })).toBeDefined();
    expect(screen.getByText('Congrant')).toBeDefined();
    expect((screen.getByLabelText('Amount (yen)') as HTMLSelectElement).value).toBe('寄付金額');
    expect((screen.getByLabelText('Date received') as HTMLSelectElement).value).toBe('寄付日時');
    expect((screen.getByLabelText('Email') as HTMLSelectElement).value).toBe('メールアドレス');
    expect((screen.getByLabelText('Charity runner') as HTMLSelectElement).value).toBe('');
    expect(screen.getByRole('group', { name: 'Donor' })).toBeDefined();
    const sample = screen.getByRole('table', { name: 'The first 5 rows of the file' });
    expect(within(sample).getByRole('columnheader', { name: '寄付金額' })).toBeDefined();
    expect(within(sample).getByText('CG-20260105-0001')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Read the rows' }));

    // 2. Rows: how each matched, the total, and each kind of row in its tab.
    const counts = await screen.findByRole('table', { name: 'Rows by how they matched' });
    expect(within(counts).getByRole('row', { name: 'Existing supporter 1' })).toBeDefined();
    expect(within(counts).getByRole('row', { name: 'Unclear 2' })).toBeDefined();
    expect(screen.getByText('2 rows are unclear')).toBeDefined();

    fireEvent.click(screen.getByRole('tab', { name: /^Error \(\d+\)$/ }));
    const errors = await screen.findByRole('table', { name: 'Rows: Error' });
    const formula = within(errors).getByText(/holds a spreadsheet formula/);
    expect(formula.textContent).toContain('“氏名(姓)” holds a spreadsheet formula (“=HYPERLINK(');
    expect(formula.closest('tr')?.textContent).toContain('Error:');
    expect(within(errors).getByText(/is not an amount of whole yen above zero/).textContent).toContain('“寄付金額”');

    fireEvent.click(screen.getByRole('tab', { name: /^New supporter \(\d+\)$/ }));
    const fresh = await screen.findByRole('table', { name: 'Rows: New supporter' });
    const company = within(fresh).getByRole('row', { name: /soumu@test-shoji\.example\.jp/ });
    expect(company.textContent).toContain('テスト商事');
    expect(company.textContent).toContain('¥100,000');
    expect(company.textContent).toContain('15 Jan 2026');

    fireEvent.click(screen.getByRole('tab', { name: /^Existing supporter \(1\)$/ }));
    const existing = await screen.findByRole('table', { name: 'Rows: Existing supporter' });
    expect(within(existing).getByRole('row', { name: /taro\.yamada@example\.jp/ }).textContent).toContain(`Matched to ${taro.supporterNumber} 山田 太郎 様 (same email)`);

    // 3. Not while rows are unclear.
    const commitButton = () => screen.getByRole('button', { name: /^Import \d+ gifts?$/ });
    expect(commitButton().hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('2 rows are still unclear: decide them first.')).toBeDefined();

    fireEvent.click(screen.getByRole('tab', { name: /^Unclear \(2\)$/ }));
    const unclear = await screen.findByRole('table', { name: 'Rows: Unclear' });
    const sato = within(unclear).getByRole('row', { name: /hanako\.sato@example\.jp/ });
    expect(sato.textContent).toContain('佐藤 花子');
    expect(sato.textContent).toContain('サトウ ハナコ');
    expect(sato.textContent).toContain(`${hanako.supporterNumber} 佐藤 花子 様`);
    expect(sato.textContent).toContain('same name and city');
    fireEvent.click(within(sato).getByRole('button', { name: new RegExp(`^Line \\d+: the donor is ${hanako.supporterNumber} 佐藤 花子 様$`) }));
    await waitFor(() => expect(screen.getByText('1 row is unclear')).toBeDefined());
    fireEvent.click(screen.getByRole('button', { name: 'All remaining unclear rows → new supporters' }));
    await waitFor(() => expect(screen.queryByRole('tab', { name: /^Unclear/ })).toBeNull());
    await waitFor(() => expect(commitButton().hasAttribute('disabled')).toBe(false));

    // What will be written: every existing, new and anonymous row; one supporter per new donor.
    const matched = (label: string) => count(within(screen.getByRole('table', { name: 'Rows by how they matched' })).getByRole('row', { name: new RegExp(`^${label} \\d+$`) }).textContent ?? '');
    await waitFor(() => expect(matched('Existing supporter')).toBe(2));
    const newDonors = matched('New supporter');
    const gifts = matched('Existing supporter') + newDonors + matched('Anonymous');
    expect(commitButton().textContent).toBe(`Import ${gifts} gifts`);
    fireEvent.click(commitButton());

    // The result, then the roll-back refused once one of its gifts was refunded.
    expect(await screen.findByText(`${gifts} gifts created`)).toBeDefined();
    expect(screen.getByText(`${newDonors} new supporters created`)).toBeDefined();
    expect(screen.getByText('Imported')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Read the rows' })).toBeNull();

    const batchId = (await fundraiser.api<{ batches: ImportBatch[] }>('GET', '/api/fundraising/imports')).batches[0]?.id;
    const { rows } = await fundraiser.api<{ rows: ImportRowView[] }>('GET', `/api/fundraising/imports/${batchId}/rows?match=existing`);
    const giftId = rows.find((r) => r.giftId)?.giftId;
    const refunded = await fundraiser.api<Gift>('GET', `/api/fundraising/gifts/${giftId}`);
    await fundraiser.api('POST', `/api/fundraising/gifts/${refunded.id}/refund`, { version: refunded.version, refundedOn: '2026-02-01', reason: 'card dispute' });

    fireEvent.click(screen.getByRole('button', { name: 'Roll back this import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back this import?' });
    expect(dialog.textContent).toContain('This cannot be undone');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    const refused = await screen.findByText(/were refunded since: it can no longer be rolled back in full/);
    expect(refused.closest('[role="alert"]')?.textContent).toContain('Not rolled back');
    expect(screen.getByText('Imported')).toBeDefined();
  });

  it('lists the imported files, and rolls a committed file back after asking', async () => {
    const csv = 'date,amount,name,email\n2026-01-05,1000,田中 一郎,ichiro.tanaka@example.jp\n2026-01-06,2500,木村 花,hana.kimura@example.jp\n';
    const res = await server.app.inject({
      method: 'POST', url: '/api/fundraising/imports?fileName=hand-made.csv&source=generic',
      headers: { cookie: fundraiser.cookie, 'x-csrf-token': fundraiser.csrfToken, 'content-type': 'text/csv' }, payload: csv,
    });
    const batch = res.json() as ImportBatch;
    await fundraiser.api('POST', `/api/fundraising/imports/${batch.id}/analyse`, {});
    await fundraiser.api('POST', `/api/fundraising/imports/${batch.id}/commit`);

    const list = renderAt('/fundraising/imports');
    const table = await screen.findByRole('table', { name: 'Files imported' });
    const row = within(table).getByRole('row', { name: /hand-made\.csv/ });
    expect(row.textContent).toContain('Other spreadsheet');
    expect(row.textContent).toContain('Imported');
    expect(row.textContent).toContain('New supporter 2');
    expect(row.textContent).toContain('¥3,500');
    expect(row.textContent).toContain('2 gifts, 2 new supporters');
    list.unmount();

    renderAt(`/fundraising/imports/${batch.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back this import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll back this import?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await fundraiser.api<ImportBatch>('GET', `/api/fundraising/imports/${batch.id}`)).status).toBe('committed');

    fireEvent.click(screen.getByRole('button', { name: 'Roll back this import' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Roll back this import?' })).getByRole('button', { name: 'Roll back' }));
    expect(await screen.findByText('Removed 2 gifts and 2 supporters; 0 supporters created by this file were kept because other records refer to them.')).toBeDefined();
    expect(screen.getAllByText('Rolled back').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Roll back this import' })).toBeNull();
  });
});
