import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CampaignPageSettings } from '../contract';
import { renderRunners, withRunnersServer } from './runners.test-render';

describe('campaign pages', () => {
  const fundraiser = withRunnersServer('en');

  it('lists the campaigns with the state of their public page, and creates the winter appeal’s page', async () => {
    const f = fundraiser();
    const winter = await f.campaign('winter-2026', { nameEn: 'Winter appeal 2026', nameJa: '冬の緊急募金2026' });
    const spring = await f.campaign('spring-2027', { nameEn: 'Spring appeal 2027' });
    await f.session.api<CampaignPageSettings>('PUT', `/api/runners/campaign-pages/${spring.id}`, {
      slug: 'spring-2027', titleJa: '春', titleEn: 'Spring', isPublished: true, version: 0,
    });

    renderRunners('/runners/campaign-pages');
    const table = await screen.findByRole('table', { name: 'Campaign pages' });
    const row = (name: string) => within(table).getByRole('link', { name }).closest('tr') as HTMLElement;
    await waitFor(() => expect(row('Spring appeal 2027').textContent).toContain('Published'));
    expect(row('Spring appeal 2027').textContent).toContain('/appeal/spring-2027');
    await waitFor(() => expect(row('Winter appeal 2026').textContent).toContain('No page'));

    fireEvent.click(within(table).getByRole('link', { name: 'Winter appeal 2026' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Campaign page: Winter appeal 2026' })).toBeDefined();
    expect(await screen.findByText(/has no public page yet/)).toBeDefined();
    fireEvent.change(screen.getByLabelText('Address name'), { target: { value: 'Winter 2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the page' }));
    await waitFor(() => expect(screen.getByLabelText('Address name').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText('Title (Japanese)').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByLabelText('Address name'), { target: { value: 'winter-2026' } });
    expect(screen.getByText(`${window.location.origin}/appeal/winter-2026`)).toBeDefined();
    fireEvent.change(screen.getByLabelText('Title (Japanese)'), { target: { value: '冬の緊急募金' } });
    fireEvent.change(screen.getByLabelText('Title (English)'), { target: { value: 'Winter emergency appeal' } });
    fireEvent.change(screen.getByLabelText('Story (English)'), { target: { value: 'Nights are cold in Tokyo.' } });
    fireEvent.click(screen.getByLabelText('Published'));
    fireEvent.click(screen.getByRole('button', { name: 'Create the page' }));
    expect(await screen.findByRole('link', { name: `${window.location.origin}/appeal/winter-2026` })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDefined();
    expect(f.sent('PUT', `/api/runners/campaign-pages/${winter.id}`).at(-1)).toEqual({
      slug: 'winter-2026', titleJa: '冬の緊急募金', titleEn: 'Winter emergency appeal', storyJa: '', storyEn: 'Nights are cold in Tokyo.', paymentUrl: null,
      bankDetailsJa: '', bankDetailsEn: '', showFigures: true, isPublished: true, version: 0,
    });
    const saved = await f.session.api<CampaignPageSettings>('GET', `/api/runners/campaign-pages/${winter.id}`);
    expect(saved).toMatchObject({ slug: 'winter-2026', isPublished: true, publicPath: '/appeal/winter-2026' });
  });
});
