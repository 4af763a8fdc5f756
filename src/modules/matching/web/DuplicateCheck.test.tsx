import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
import { PersonForm } from '../../people/web/PersonForm';

const summary = (id: string, fileNumber: string, givenName: string) => ({
  id, fileNumber, familyName: 'OSEI', givenName, nameInOwnScript: null, nameKana: null,
  dateOfBirth: '1988-02-14', dateOfBirthEstimated: false, sex: 'female', nationality: 'GH',
});
const strong = { id: '4f7e2b8a-7a51-4c2e-9d0e-1a2b3c4d5e6f', score: 0.95, level: 'strong', person: summary('4f7e2b8a-7a51-4c2e-9d0e-1a2b3c4d5e6f', 'TB-000042', 'Akosua') };
const possible = { id: '5a6b7c8d-1e2f-4a3b-8c9d-0e1f2a3b4c5d', score: 0.6, level: 'possible', person: summary('5a6b7c8d-1e2f-4a3b-8c9d-0e1f2a3b4c5d', 'TB-000077', 'Akua') };

describe('duplicate check while registering', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  const calls = (path: string) => fetchMock.mock.calls.filter(([url]) => String(url).endsWith(path));

  beforeEach(async () => {
    await i18n.changeLanguage('en');
    fetchMock = vi.fn(async (url: string) => {
      if (String(url).endsWith('/api/people/match')) return jsonResponse(200, { candidates: [strong, possible] });
      return jsonResponse(201, { ...summary('6b7c8d9e-2f3a-4b4c-9d0e-1f2a3b4c5d6e', 'TB-000099', 'Akosua'), languages: [], phone: null, housing: null, version: 1, createdAt: '2026-11-28T00:00:00Z', updatedAt: '2026-11-28T00:00:00Z' });
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the probable file before registering, and registers only after the user confirms', async () => {
    const onSaved = vi.fn();
    renderWithProviders(<PersonForm onSaved={onSaved} />);
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: 'Osei' } });
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: 'Akosua' } });

    expect(await screen.findByText('This is very probably the same person: file TB-000042', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open file TB-000042' }).getAttribute('href')).toBe(`/people/${strong.id}`);
    expect(screen.getByText('1 existing file may be this person: please check')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open file TB-000077' })).toBeTruthy();
    const body = JSON.parse(String(calls('/api/people/match').at(-1)?.[1]?.body));
    expect(body).toMatchObject({ familyName: 'Osei', givenName: 'Akosua' });

    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('Check the files above first, or confirm that this is a different person.')).toBeTruthy();
    expect(calls('/api/people')).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('I have checked: this is a different person, register a new file'));
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled(), { timeout: 5000 });
    expect(calls('/api/people')).toHaveLength(1);
  });

  it('does not register a file when Register is pressed before the check has answered', async () => {
    const onSaved = vi.fn();
    renderWithProviders(<PersonForm onSaved={onSaved} />);
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: 'Osei' } });
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: 'Akosua' } });
    // At once, well inside the 400 ms the check waits for typing to stop.
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('This is very probably the same person: file TB-000042', {}, { timeout: 5000 })).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(calls('/api/people')).toHaveLength(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('offers to use the existing file at check-in', async () => {
    const onChoose = vi.fn();
    renderWithProviders(<PersonForm onSaved={() => undefined} onChooseExisting={onChoose} />);
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: 'Osei' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Use file TB-000042' }, { timeout: 5000 }));
    expect(onChoose).toHaveBeenCalledWith(strong.person);
  });

  it('does not ask while a Japanese IME is composing', async () => {
    renderWithProviders(<PersonForm onSaved={() => undefined} />);
    const kana = screen.getByLabelText('Katakana reading');
    fireEvent.compositionStart(kana);
    fireEvent.change(kana, { target: { value: 'おせい' } });
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)));
    expect(calls('/api/people/match')).toHaveLength(0);
    fireEvent.change(kana, { target: { value: 'オセイ' } });
    fireEvent.compositionEnd(kana);
    await waitFor(() => expect(calls('/api/people/match')).toHaveLength(1), { timeout: 5000 });
    expect(JSON.parse(String(calls('/api/people/match')[0]?.[1]?.body))).toMatchObject({ nameKana: 'オセイ' });
  });
});
