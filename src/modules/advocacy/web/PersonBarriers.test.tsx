import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { tokyoDate } from '../../../shared/time';
import type { Barrier, BarrierTag, Suggestion } from '../contract';
import { PersonBarriers } from './PersonBarriers';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const delayId = '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a01';
const workId = '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a03';
const barriers: Barrier[] = [
  { id: delayId, code: 'b01', labelJa: '保護費の遅延・不支給', labelEn: 'Protection-allowance delay', descriptionJa: '', descriptionEn: '', sortOrder: 1, retiredAt: null, mergedIntoId: null },
  { id: workId, code: 'b03', labelJa: '就労不許可', labelEn: 'No work permission', descriptionJa: '', descriptionEn: '', sortOrder: 3, retiredAt: null, mergedIntoId: null },
];
const tag: BarrierTag = {
  id: '2b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a21', personId, consultationId: '3b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a31', barrierId: delayId,
  barrierLabelJa: '保護費の遅延・不支給', barrierLabelEn: 'Protection-allowance delay', barrierRetired: false,
  observedOn: '2026-03-02', quote: 'I have waited since winter.', resolvedOn: null, taggedByName: 'Caseworker', taggedAt: '2026-03-02T01:00:00Z',
};
const suggestion: Suggestion = { barrierId: workId, barrierLabelJa: '就労不許可', barrierLabelEn: 'No work permission', reason: 'no_work_permission', days: null };

describe('PersonBarriers', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let resolvedOn: string | null;
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    resolvedOn = null;
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['people.read', 'advocacy.tag'], 'en'));
      if (url === `/api/advocacy/tags?personId=${personId}`) return jsonResponse(200, { tags: [{ ...tag, resolvedOn }] });
      if (url === `/api/advocacy/suggestions?personId=${personId}`) return jsonResponse(200, { suggestions: [suggestion] });
      if (url === '/api/advocacy/barriers') return jsonResponse(200, { barriers });
      if (url === `/api/advocacy/tags/${tag.id}` && method === 'PATCH') {
        resolvedOn = (body.resolvedOn as string | null) ?? null;
        return jsonResponse(200, { ...tag, resolvedOn });
      }
      if (url === `/api/advocacy/tags/${tag.id}` && method === 'DELETE') return jsonResponse(200, { ok: true });
      if (url === '/api/advocacy/tags' && method === 'POST') return jsonResponse(201, { tags: [], quoteWarnings: {} });
      if (url === '/api/advocacy/quote-check' && method === 'POST') {
        return jsonResponse(200, { warnings: String(body.quote).includes('090') ? ['phone'] : [] });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const sent = (method: string, url: string) =>
    fetchMock.mock.calls.filter(([u, init]) => u === url && (init as RequestInit | undefined)?.method === method).map(([, init]) => (init as RequestInit).body);

  function renderSection() {
    renderWithProviders(
      <RequireAuth>
        <PersonBarriers personId={personId} />
      </RequireAuth>,
    );
  }

  it('shows the tags with where they came from, and marks one resolved today', async () => {
    renderSection();
    const table = await screen.findByRole('table', { name: 'Systemic barriers' });
    const row = within(table).getByRole('row', { name: /Protection-allowance delay/ });
    expect(row.textContent).toContain('2 Mar 2026');
    expect(row.textContent).toContain('Consultation');
    expect(row.textContent).toContain('I have waited since winter.');
    expect(row.textContent).toContain('Open');
    fireEvent.click(within(row).getByRole('button', { name: 'Mark “Protection-allowance delay” resolved' }));
    await waitFor(() => expect(sent('PATCH', `/api/advocacy/tags/${tag.id}`)).toEqual([JSON.stringify({ resolvedOn: tokyoDate() })]));
    // Reloaded: the tag now shows its resolved date and can be re-opened.
    expect(await within(table).findByRole('button', { name: 'Re-open “Protection-allowance delay”' })).toBeDefined();
    expect(within(table).getByRole('row', { name: /Protection-allowance delay/ }).textContent).not.toContain('Open');
  });

  it('removes a tag only after confirming', async () => {
    renderSection();
    await screen.findByRole('table', { name: 'Systemic barriers' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Protection-allowance delay”' }));
    const dialog = await screen.findByRole('dialog');
    expect(sent('DELETE', `/api/advocacy/tags/${tag.id}`)).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(sent('DELETE', `/api/advocacy/tags/${tag.id}`)).toHaveLength(1));
  });

  it('adds a suggestion only when asked, and warns in words about a quote that holds a phone number', async () => {
    renderSection();
    expect(await screen.findByText('Case file: work not permitted')).toBeDefined();
    expect(sent('POST', '/api/advocacy/tags')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Add “No work permission”' }));
    await waitFor(() => expect(sent('POST', '/api/advocacy/tags')).toEqual([JSON.stringify({ personId, tags: [{ barrierId: workId }] })]));

    fireEvent.change(screen.getByRole('textbox', { name: 'Quote (optional)' }), { target: { value: 'Call me on 090-1234-5678' } });
    expect(await screen.findByText("It looks like it contains the person's phone number.", {}, { timeout: 3000 })).toBeDefined();
  });
});
