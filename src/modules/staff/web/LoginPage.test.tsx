import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
import { LoginPage } from './LoginPage';

describe('LoginPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the server's error message when login fails", async () => {
    const message = 'ログインの失敗が続いたため、この端末からのログインを一時停止しています。';
    const fetchMock = vi.fn(async () => jsonResponse(429, { error: { code: 'auth.too_many_attempts', message, fields: {} } }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<LoginPage />, { route: '/login' });

    fireEvent.change(screen.getByLabelText(/メールアドレス/), { target: { value: 'r@example.org' } });
    fireEvent.change(screen.getByLabelText(/^パスワード/), { target: { value: 'wrong-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(message);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect((init.headers as Record<string, string>)['accept-language']).toBe('ja');
  });

  it('sends the language chosen on the login page', async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse(401, { error: { code: 'auth.invalid_credentials', message: 'The email address or password is incorrect.', fields: {} } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<LoginPage />, { route: '/login' });
    fireEvent.click(screen.getByText('English'));
    fireEvent.change(await screen.findByLabelText(/Email address/), { target: { value: 'r@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'wrong-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The email address or password is incorrect.');
    expect(document.documentElement.lang).toBe('en');
  });
});
