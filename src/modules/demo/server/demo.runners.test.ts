import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, tokyoDate } from '../../../shared/time';
import { planFundraising } from './demo.fundraising';
import { createRng } from './demo.generator';
import { nextRaceDay, planRunners, renderPhoto, TOKYO_2026, type RunnersPlan } from './demo.runners';

// The runners' demo plan alone (pure, no database). What a user sees after loading it is checked
// with the whole demo in demo.service.test.ts ("demo charity runners").

const TODAY = '2026-12-08';
function plan(today = TODAY, seed = 0x7b1a): RunnersPlan {
  const rng = createRng(seed);
  return planRunners(rng, today, planFundraising(rng, today, 600));
}
const p = plan();
const of2026 = p.runners.map((r, i) => ({ r, i })).filter(({ r }) => r.event === 0);
const giftsOf = (i: number) => p.gifts.filter((g) => g.runner === i);
const raised = (i: number) => giftsOf(i).filter((g) => g.status === 'received').reduce((s, g) => s + g.amountYen, 0);
const count = <T>(items: readonly T[]) => items.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

describe('planRunners: the Tokyo Marathon 2026', () => {
  it('has the fixed event, about 40 applications and 20 runners at every stage of their pages', () => {
    expect(p.events[0]).toMatchObject({ code: 'tokyo-2026', raceOn: '2026-03-01', minimumYen: 100_000, applicationsOpenOn: '2025-08-01', applicationsCloseOn: '2025-09-30', places: 25, campaign: 'tokyo-marathon-2026' });
    const apps = p.applications.filter((a) => a.event === 0);
    expect(apps).toHaveLength(40);
    const statuses = count(apps.map((a) => a.status));
    expect(statuses.get('selected')).toBe(20);
    expect(statuses.get('waitlisted')).toBeGreaterThan(2);
    expect(statuses.get('declined')).toBeGreaterThan(2);
    for (const a of apps) {
      expect(a.createdAt.toISOString() >= '2025-07-31T15:00').toBe(true);
      expect(a.createdAt.toISOString() < '2025-09-30T15:00').toBe(true);
      expect(a.email).toMatch(/^[a-z0-9.]+@example\.(jp|com)$/);
      if (a.status === 'declined' || a.status === 'waitlisted') expect(a.decisionReason).not.toBe('');
      expect(a.decisionMessage).not.toBe('');
    }
    expect(new Set(apps.map((a) => a.email)).size).toBe(40);
    expect(apps.some((a) => a.language === 'en')).toBe(true);
    expect(apps.filter((a) => a.familyNameKana !== '').length).toBeGreaterThan(30);

    expect(of2026).toHaveLength(20);
    expect(count(of2026.map(({ r }) => r.stage))).toEqual(new Map([['published', 15], ['pending', 2], ['rejected_then_pending', 1], ['no_page', 1], ['withdrawn', 1]]));
    expect(of2026.filter(({ r }) => 'existing' in r.supporter)).toHaveLength(4);
    for (const { r } of of2026) expect(p.applications[r.application]?.status).toBe('selected');
  });

  it('gives the pages revisions as moderation leaves them', () => {
    for (const { r } of of2026) {
      const statuses = r.revisions.map((v) => v.status);
      switch (r.stage) {
        case 'published':
        case 'withdrawn':
          expect(r.published).not.toBeNull();
          expect(r.revisions[r.published ?? -1]?.status).toBe('approved');
          expect(r.revisions[r.published ?? -1]?.goalYen).toBe(r.goalYen);
          break;
        case 'pending':
          expect(statuses).toEqual(['pending']);
          break;
        case 'rejected_then_pending':
          expect(statuses).toEqual(['rejected', 'pending']);
          expect(r.revisions[0]?.reviewNote).not.toBe('');
          break;
        case 'no_page':
          expect(statuses).toEqual([]);
          break;
      }
      if (r.stage !== 'published' && r.stage !== 'withdrawn') expect(r.published).toBeNull();
      expect(r.status).toBe(r.stage === 'withdrawn' ? 'withdrawn' : 'active');
    }
    const stories = of2026.flatMap(({ r }) => r.revisions.map((v) => v.story));
    expect(stories.some((s) => /[\u3040-\u30ff]/.test(s))).toBe(true);
    expect(stories.some((s) => /^[\x20-\x7e¥\n]+$/.test(s))).toBe(true);
  });

  it('draws every slug as 20 hex characters, never twice, and goals of at least the minimum', () => {
    const slugs = p.runners.map((r) => r.slug);
    for (const s of slugs) expect(s).toMatch(/^[0-9a-f]{20}$/);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const r of p.runners) {
      expect(r.goalYen).toBeGreaterThanOrEqual(100_000);
      for (const v of r.revisions) expect(v.goalYen).toBeGreaterThanOrEqual(100_000);
    }
    expect(of2026.some(({ r }) => r.goalYen >= 150_000)).toBe(true);
    expect(of2026.some(({ r }) => r.goalYen === 200_000)).toBe(true);
  });

  it('gives each runner 3–25 received gifts between selection and race day, soft-credited by design', () => {
    for (const { r, i } of of2026) {
      const gifts = giftsOf(i);
      expect(gifts.length).toBeGreaterThanOrEqual(3);
      expect(gifts.length).toBeLessThanOrEqual(25);
      for (const g of gifts) {
        expect(g).toMatchObject({ status: 'received', campaign: 'tokyo-marathon-2026' });
        expect(g.amountYen).toBeGreaterThanOrEqual(1000);
        expect(g.amountYen).toBeLessThanOrEqual(50_000);
        expect(g.receivedOn > tokyoDate(r.selectedAt)).toBe(true);
        expect(g.receivedOn <= TOKYO_2026.raceOn).toBe(true);
      }
    }
    const gifts = p.gifts.filter((g) => g.runner !== null && p.runners[g.runner]?.event === 0);
    const common = gifts.filter((g) => g.amountYen >= 3000 && g.amountYen <= 10_000).length;
    expect(common / gifts.length).toBeGreaterThan(0.5);
    const viaPage = gifts.filter((g) => g.page !== null).length / gifts.length;
    expect(viaPage).toBeGreaterThan(0.5);
    expect(viaPage).toBeLessThan(0.7);
    for (const g of gifts.filter((x) => x.page === null)) expect(g).toMatchObject({ platform: 'congrant', imported: true, method: 'card' });
  });

  it('ends with several runners past their goal and several below ¥100,000 on race day', () => {
    expect(of2026.filter(({ r, i }) => raised(i) >= r.goalYen).length).toBeGreaterThanOrEqual(5);
    expect(of2026.filter(({ i }) => raised(i) < 100_000).length).toBeGreaterThanOrEqual(5);
    expect(of2026.filter(({ r, i }) => raised(i) >= 100_000 && raised(i) < r.goalYen).length).toBeGreaterThanOrEqual(1);
  });

  it('takes page gifts only for runners whose page was public then, with the wall choices and 1–2 entries hidden by staff', () => {
    const pageGifts = p.gifts.filter((g) => g.page !== null);
    for (const g of pageGifts) {
      if (g.runner === null) continue;
      const r = p.runners[g.runner];
      expect(r?.published, r?.stage).not.toBeNull();
      // Public since the first approval (a later approved revision only replaced the text).
      const firstApproved = r?.revisions.find((v) => v.status === 'approved');
      expect(tokyoDate(g.createdAt) >= tokyoDate(firstApproved?.reviewedAt ?? new Date(0))).toBe(true);
      expect(g).toMatchObject({ platform: 'web_page', externalId: `page:${g.page?.reference}`, isAnonymous: g.page?.wallName === '' });
      if (!g.page?.onWall) expect(g.page?.wallName).toBe('');
    }
    for (const { r, i } of of2026) if (r.published === null) expect(giftsOf(i).filter((g) => g.page !== null)).toEqual([]);
    const refs = pageGifts.map((g) => g.page?.reference ?? '');
    for (const ref of refs) expect(ref).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(refs).size).toBe(refs.length);
    const walls = pageGifts.map((g) => g.page);
    expect(walls.some((w) => w?.onWall && w.wallName !== '')).toBe(true);
    expect(walls.some((w) => w?.onWall && w.wallName === '')).toBe(true);
    expect(walls.some((w) => w?.onWall === false)).toBe(true);
    expect(walls.some((w) => w?.showAmount)).toBe(true);
    expect(walls.some((w) => w?.message !== '')).toBe(true);
    const hidden = walls.filter((w) => w?.hiddenAt);
    expect(hidden.length).toBeGreaterThanOrEqual(1);
    expect(hidden.length).toBeLessThanOrEqual(2);
  });

  it('reminded, a month before race day, the runners below the minimum then', () => {
    const cutoff = addDays(TOKYO_2026.raceOn, -30);
    for (const { r, i } of of2026) {
      const then = giftsOf(i).filter((g) => g.receivedOn <= cutoff).reduce((s, g) => s + g.amountYen, 0);
      expect(r.lastRemindedAt !== null, r.slug).toBe(r.status === 'active' && then < 100_000);
    }
  });
});

describe('planRunners: the next Tokyo Marathon and the winter page', () => {
  it('opens applications now for a race on the first Sunday of March', () => {
    expect(nextRaceDay('2026-12-08')).toBe('2027-03-07');
    expect(nextRaceDay('2027-01-20')).toBe('2028-03-05');
    const next = p.events[1];
    expect(next).toMatchObject({ code: 'tokyo-2027', raceOn: '2027-03-07', applicationsOpenOn: addDays(TODAY, -20), applicationsCloseOn: addDays(TODAY, 25), places: 30, campaign: 'tokyo-marathon-2027' });
    expect(p.campaigns).toEqual([expect.objectContaining({ code: 'tokyo-marathon-2027', channel: 'runners', goalYen: 3_000_000, startsOn: addDays(TODAY, -30) })]);
    expect(next?.bankDetailsJa).toContain('ゆうちょ銀行');
    expect(next?.bankDetailsEn).toContain('Japan Post Bank');
    const later = plan('2027-06-15').events[1];
    expect(later?.raceOn).toBe('2028-03-05');
    expect(daysBetween(later?.applicationsCloseOn ?? '', later?.raceOn ?? '')).toBeGreaterThan(0);
  });

  it('has about 12 applications and 6 runners mid-fundraising, with pledges not yet paid and recent gifts', () => {
    const apps = p.applications.filter((a) => a.event === 1);
    expect(count(apps.map((a) => a.status))).toEqual(new Map([['selected', 6], ['shortlisted', 3], ['submitted', 4]]));
    const runners = p.runners.map((r, i) => ({ r, i })).filter(({ r }) => r.event === 1);
    expect(count(runners.map(({ r }) => r.stage))).toEqual(new Map([['published', 5], ['pending', 1]]));
    const gifts = runners.flatMap(({ i }) => giftsOf(i));
    expect(gifts.filter((g) => g.status === 'pledged').length).toBeGreaterThanOrEqual(2);
    expect(gifts.some((g) => g.status === 'received' && g.receivedOn >= addDays(TODAY, -3))).toBe(true);
    for (const g of gifts) expect(g.receivedOn <= TODAY).toBe(true);
    // Two of 2026's runners run again: the same supporter, a new runner.
    const again = runners.filter(({ r }) => p.runners.some((o) => o.event === 0 && JSON.stringify(o.supporter) === JSON.stringify(r.supporter)));
    expect(again).toHaveLength(2);
  });

  it('publishes a page for the winter appeal that covers today, with messages given through it', () => {
    expect(p.campaignPage).toMatchObject({ campaign: 'winter-2026', slug: 'winter' });
    expect(p.campaignPage?.storyJa).not.toBe('');
    expect(p.campaignPage?.storyEn).not.toBe('');
    const winter = p.gifts.filter((g) => g.runner === null);
    expect(winter.length).toBeGreaterThan(5);
    for (const g of winter) expect(g).toMatchObject({ campaign: 'winter-2026', fund: 'winter', page: expect.objectContaining({ message: expect.any(String) }) });
  });

  it('is the same plan for the same seed and day, with at most 12 photos', async () => {
    expect(JSON.stringify(plan())).toBe(JSON.stringify(p));
    expect(JSON.stringify(plan(TODAY, 1))).not.toBe(JSON.stringify(p));
    const photos = new Set(p.runners.flatMap((r) => r.revisions.flatMap((v) => (v.photo ? [v.photo] : []))));
    expect(photos.size).toBeGreaterThan(3);
    expect(photos.size).toBeLessThanOrEqual(12);
    const [first] = photos;
    if (!first) throw new Error('no photo');
    const jpeg = await renderPhoto(first);
    expect(jpeg).toMatchObject({ width: 800, height: 600, contentType: 'image/jpeg' });
    const meta = await sharp(jpeg.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect(meta.exif).toBeUndefined();
  });
});
