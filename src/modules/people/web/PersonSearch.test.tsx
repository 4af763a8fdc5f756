import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
import { PersonSearch } from './PersonSearch';

const tanaka = {
  id: '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', fileNumber: 'T-000001', familyName: 'Tanaka', givenName: 'Amina',
  nameInOwnScript: null, nameKana: 'タナカ アミナ', dateOfBirth: '1990-04-01', dateOfBirthEstimated: true, sex: 'female', nationality: 'CD',
};

describe('PersonSearch', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    await i18n.changeLanguage('ja');
    fetchMock = vi.fn(async () => jsonResponse(200, { items: [tanaka] }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('does not search while a Japanese IME is composing, and searches the text after compositionend', async () => {
    const onSelect = vi.fn();
    renderWithProviders(<PersonSearch label="利用者を検索" onSelect={onSelect} />);
    const input = screen.getByLabelText('利用者を検索');

    fireEvent.compositionStart(input);
    fireEvent.change(input, { target: { value: 'たな' } });
    fireEvent.change(input, { target: { value: '田中' } });
    // Well past the 200 ms debounce: still nothing sent while composing.
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(input).toHaveProperty('value', '田中');

    fireEvent.compositionEnd(input);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const url = String(fetchMock.mock.calls[0]?.[0]);
    expect(new URL(url, 'http://localhost').searchParams.get('q')).toBe('田中');

    // The result can be chosen with the keyboard alone.
    const option = await screen.findByRole('option', { name: /TANAKA Amina/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(tanaka);
  });

  it('searches as you type without an IME (after the debounce)', async () => {
    renderWithProviders(<PersonSearch label="利用者を検索" onSelect={() => undefined} />);
    const input = screen.getByLabelText('利用者を検索');
    fireEvent.change(input, { target: { value: 'tan' } });
    expect(fetchMock).not.toHaveBeenCalled();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
  });
});
