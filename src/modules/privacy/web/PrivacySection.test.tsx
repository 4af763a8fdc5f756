import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { Consent, Disclosure } from '../contract';
import { PrivacySection } from './PrivacySection';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const base = {
  id: '5b0c1e55-3f0e-4c55-9a39-2f4f0b1e8a22', email: 'cw@test.local', displayName: 'Caseworker', role: 'caseworker', language: 'en',
  organisationName: 'Test', csrfToken: 'csrf',
};
const all = ['people.read', 'privacy.read', 'privacy.write', 'sensitive.read', 'people.export'];
const sharing: Consent = {
  id: '7d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a33', personId, purpose: 'sharing', recipientName: 'Tokyo Legal Aid Office', country: null, serviceName: null,
  scope: '', consentedOn: '2026-03-01', method: 'verbal_interpreted', interpreterLanguage: 'am', recordedByName: 'Sato', recordedAt: '2026-03-01T01:00:00Z',
  withdrawnOn: null, withdrawalRecordedByName: null, withdrawalRecordedAt: null, isActive: true,
};
const withdrawn: Consent = { ...sharing, id: '7d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a34', purpose: 'sensitive_data', recipientName: null, method: 'written', interpreterLanguage: null, withdrawnOn: '2026-04-01', withdrawalRecordedByName: 'Suzuki', isActive: false };
const disclosure: Disclosure = {
  id: '8d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a35', personId, recipientName: 'Tokyo Legal Aid Office', recipientKind: 'lawyer', dataCategories: ['procedure'],
  note: '', disclosedOn: '2026-03-10', consentId: sharing.id, legalGround: null, recordedByName: 'Sato', recordedAt: '2026-03-10T01:00:00Z',
};

describe('PrivacySection', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let permissions = all;

  beforeEach(async () => {
    await i18n.changeLanguage('en');
    permissions = all;
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, { ...base, permissions });
      if (url === `/api/people/${personId}/consents`) return jsonResponse(200, { items: [sharing, withdrawn] });
      if (url === `/api/people/${personId}/disclosures`) return jsonResponse(200, { items: [disclosure] });
      if (url === `/api/people/${personId}/sensitive`) return jsonResponse(200, { personId, persecutionGrounds: 'Political opinion', healthDetails: null, version: 1, updatedByName: 'Sato', updatedAt: '2026-03-02T01:00:00Z' });
      if (url === `/api/consents/${sharing.id}/withdraw` && init?.method === 'POST') return jsonResponse(200, { ...sharing, withdrawnOn: '2026-05-01', isActive: false });
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const renderSection = () =>
    renderWithProviders(
      <RequireAuth>
        <PrivacySection personId={personId} />
      </RequireAuth>,
    );

  it('shows consents with their dates (withdrawn ones too), the sharing log, sensitive fields and the export links', async () => {
    renderSection();
    const section = await screen.findByRole('region', { name: 'Consent and sharing' });
    await within(section).findByText('Political opinion');
    const rows = within(section).getAllByRole('row').map((r) => r.textContent ?? '');
    expect(rows.find((r) => r.includes('Collecting sensitive data'))).toMatch(/Withdrawn.*Suzuki/);
    expect(rows.find((r) => r.includes('Sharing with a named organisation'))).toMatch(/Active.*Tokyo Legal Aid Office/);
    expect(rows.find((r) => r.includes('Asylum procedure'))).toContain('Lawyer');
    expect(within(section).getByRole('link', { name: 'Download JSON' }).getAttribute('href')).toBe(`/api/people/${personId}/export`);
    expect(within(section).getByRole('link', { name: 'Download PDF (Japanese and English)' }).getAttribute('href')).toBe(`/api/people/${personId}/export.pdf`);
    expect(within(section).getByRole('link', { name: 'Download HTML (printable)' }).getAttribute('href')).toBe(`/api/people/${personId}/export.html`);
  });

  it('records a withdrawal with its date', async () => {
    renderSection();
    const button = await screen.findByRole('button', { name: /Withdraw: Sharing with a named organisation/ });
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Record withdrawal of consent' });
    fireEvent.change(within(dialog).getByLabelText(/Date withdrawn/), { target: { value: '2026-05-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith(`/api/consents/${sharing.id}/withdraw`, expect.objectContaining({ method: 'POST', body: JSON.stringify({ withdrawnOn: '2026-05-01' }) })));
  });

  it('never asks for sensitive fields without sensitive.read', async () => {
    permissions = ['people.read', 'privacy.read'];
    renderSection();
    const section = await screen.findByRole('region', { name: 'Consent and sharing' });
    await within(section).findByText('Tokyo Legal Aid Office (Lawyer)');
    expect(within(section).queryByText('Sensitive information')).toBeNull();
    expect(within(section).queryByRole('link', { name: 'Download JSON' })).toBeNull();
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).not.toContain(`/api/people/${personId}/sensitive`);
  });
});
