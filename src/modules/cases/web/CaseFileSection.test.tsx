import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture, meId } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { CaseFile } from '../contract';
import { CaseFileSection } from './CaseFileSection';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const childId = '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12';
const file: CaseFile = {
  personId, residenceStatus: 'designated_no_work', residenceCardNumber: 'AB12345678CD', residenceExpiresOn: '2027-01-31', workPermitted: false,
  custody: 'supervision', supervisorName: 'Suzuki', procedureStage: 'first_instance', applicationCount: 3, sortingCategory: 'B',
  appliedOn: '2025-04-01', decisionNoticeReceivedOn: null, allowanceStatus: 'awaiting', allowanceAppliedOn: '2026-08-01',
  allowanceDecidedOn: null, healthInsurance: 'uninsured', insuranceEligibleOn: null, vulnerabilities: ['rough_sleeping'], whereabouts: 'Shinjuku',
  lineId: null, email: null, assignedTo: null, assignedToName: null, version: 3, updatedAt: '2026-11-01T01:00:00Z', updatedByName: 'Caseworker',
  allowanceDaysWaiting: 119,
};

function routes(permissions: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'ja'));
    if (url.endsWith('/case-file') && init?.method === 'PATCH') return jsonResponse(200, { ...file, ...(JSON.parse(String(init.body)) as object), version: 4 });
    if (url.endsWith('/case-file')) return jsonResponse(200, file);
    if (url.endsWith('/case-file/history')) {
      return jsonResponse(200, { items: [{ id: '3b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a14', field: 'housing', oldValue: 'rough_sleeping', newValue: 'org_shelter', oldLabel: null, newLabel: null, effectiveOn: '2026-11-01', recordedAt: '2026-11-01T01:00:00Z', recordedBy: meId, recordedByName: 'Caseworker' }] });
    }
    if (url.endsWith('/case-events')) return jsonResponse(200, { items: [] });
    if (url.endsWith('/household')) {
      return jsonResponse(200, { items: [{ linkId: '4b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a15', relationship: 'child', createdAt: '2026-11-01T01:00:00Z', person: { id: childId, fileNumber: 'TB-000002', familyName: 'Kid', givenName: 'A', nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex: 'unknown', nationality: null } }] });
    }
    if (url === '/api/staff/assignable?permission=cases.write') return jsonResponse(200, { items: [] });
    return notFoundResponse();
  });
}

describe('CaseFileSection', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the situation in Japanese with the days waiting, the household and the history', async () => {
    vi.stubGlobal('fetch', routes(['cases.read', 'cases.write', 'people.read']));
    renderWithProviders(<RequireAuth><CaseFileSection personId={personId} housing="org_shelter" /></RequireAuth>);
    expect(await screen.findByText('特定活動(就労不可)', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('監理措置')).toBeTruthy();
    expect(screen.getByText('3回目以降の申請')).toBeTruthy();
    expect(screen.getByText('119日 待機中')).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'KID A' })).getAttribute('href')).toBe(`/people/${childId}`);
    const history = await screen.findByRole('table', { name: 'ケース履歴（新しい順）' });
    expect(within(history).getByText('野宿')).toBeTruthy();
  });

  it('renders nothing and asks nothing for staff without cases.read', async () => {
    const fetchMock = routes(['people.read']);
    vi.stubGlobal('fetch', fetchMock);
    const { container } = renderWithProviders(<RequireAuth><CaseFileSection personId={personId} housing={null} /></RequireAuth>);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/api/auth/me', expect.anything()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('section')).toBeNull();
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/auth/me']);
  });

  it('saves an edit with the version it started from, and drops the supervisor when custody is no longer supervision', async () => {
    const fetchMock = routes(['cases.read', 'cases.write', 'people.read']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><CaseFileSection personId={personId} housing={null} /></RequireAuth>);
    fireEvent.click(await screen.findByRole('button', { name: 'ケースファイルを編集' }, { timeout: 5000 }));
    expect(screen.getByLabelText('監理人')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('身柄', { selector: 'input' }));
    fireEvent.click(await screen.findByRole('option', { name: '仮放免' }));
    expect(screen.queryByLabelText('監理人')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'ケースファイルを保存' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'PATCH')).toBe(true));
    const patch = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'PATCH');
    const body = JSON.parse(String((patch?.[1] as RequestInit).body)) as Record<string, unknown>;
    expect(body).toMatchObject({ version: 3, custody: 'provisional_release', supervisorName: null, applicationCount: 3, workPermitted: false });
  }, 40_000);
});
