import sharp from 'sharp';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { migrate } from '../src/server/db/migrate';
import type { RequestContext } from '../src/server/http/context';
import { preparePhoto } from '../src/server/images/photos';
import { addDays, tokyoDate } from '../src/shared/time';
import { ApplyInput, CampaignPageInput, CreateEventInput, DecideInput, PledgeInput } from '../src/modules/runners/contract';
import { CreateCampaignInput } from '../src/modules/fundraising/contract';
import { openFresh } from './databases';

/**
 * Tobira on PGlite in this process, listening on a free port, with what a phone visitor reaches:
 * a charity event with a runner whose approved page has a photo, a story and a donor wall of a
 * dozen gifts, and a published campaign page. Everything goes through the services, as the staff
 * and the public would write it.
 */
export async function startLighthouseSite(): Promise<{ urls: string[]; close(): Promise<void> }> {
  const { handle, dispose } = await openFresh('pglite', 'tobira_bench_lighthouse', '');
  await migrate(handle.db);
  const { app, services } = await buildApp({ db: handle.db, secretKey: Buffer.alloc(32, 9), logLevel: 'silent' });
  await bootstrap(services, { adminEmail: 'admin@bench.local', adminPassword: 'bench-password-123' }, 'とびら難民支援');
  const { token } = await services.staff.createTokenFor('admin@bench.local', 'bench');
  const actor = await services.staff.actorFromToken(token);
  if (!actor) throw new Error('no actor');
  const ctx: RequestContext = { actor, ip: '127.0.0.1' };
  const today = tokyoDate();

  const campaign = await services.fundraising.gifts.createCampaign(ctx, CreateCampaignInput.parse({
    code: 'tokyo-marathon-2027', nameJa: '東京マラソン2027 チャリティ', nameEn: 'Tokyo Marathon 2027 charity', channel: 'runners', goalYen: 3_000_000, startsOn: addDays(today, -40),
  }));
  const event = await services.runners.createEvent(ctx, CreateEventInput.parse({
    code: 'tokyo-2027', nameJa: '東京マラソン2027', nameEn: 'Tokyo Marathon 2027', raceOn: addDays(today, 90), applicationsOpenOn: addDays(today, -30),
    applicationsCloseOn: addDays(today, 20), places: 30, campaignId: campaign.id, bankDetailsJa: 'ゆうちょ銀行 〇一八支店 普通 1234567 トクヒ）トビラナンミンシエン',
    introJa: '難民・難民申請者のために走るチャリティランナーを応援してください。', introEn: 'Support our charity runners, who run for refugees and asylum seekers.',
  }));
  await services.runners.apply(event.code, ApplyInput.parse({
    familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', email: 'hanako@example.jp', motivation: '友人のために。', plan: '職場で呼びかけます。', consent: 'on',
  }), '127.0.0.1');
  const [application] = await services.runners.applications(ctx, event.id, 'submitted');
  if (!application) throw new Error('no application');
  const decided = await services.runners.decide(ctx, application.id, DecideInput.parse({ decision: 'select', version: application.version, goalYen: 150_000 }));
  const runner = decided.runner;
  if (!runner) throw new Error('no runner');
  // A phone photo: 3000×2000, as a runner would upload it (the page serves it resized, EXIF removed).
  const upload = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 30, g: 90, b: 140 } } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><circle cx="1500" cy="900" r="600" fill="#f2a900"/><rect x="0" y="1500" width="3000" height="500" fill="#1a7f37"/></svg>') }])
    .jpeg({ quality: 92 }).toBuffer();
  const photo = await preparePhoto(upload);
  const story = [
    '2年前、難民として日本に来た友人と出会いました。仕事も保険もないまま、半年以上も保護費を待つ彼の姿を見て、何かできることはないかと考えました。',
    '東京マラソン2027を、日本に逃れてきた人々のために走ります。いただいたご寄付は、通訳つきの相談、食料、冬のシェルター、医療につながります。',
    '目標は15万円。応援よろしくお願いします！',
  ].join('\n\n');
  const revision = await services.runners.writePage(ctx, runner.id, { displayName: '山田 花子', story, goalYen: 150_000 }, photo);
  await services.runners.review(ctx, revision.id, { decision: 'approve', note: '' });
  const names = ['佐藤より', 'Team Hikari', '', '鈴木家', '', 'Anna', '高橋', '', 'Kenji', '田中', '', '職場のみんな'];
  for (const [i, wallName] of names.entries()) {
    const pledge = await services.runners.pledge({ eventCode: event.code, slug: runner.slug }, PledgeInput.parse({
      amountYen: [3000, 5000, 10000, 2000, 30000, 5000][i % 6], familyName: `支援者${i}`, email: `donor${i}@example.jp`, wall: wallName ? 'name' : 'anonymous', wallName,
      showAmount: i % 3 === 0, message: i % 2 === 0 ? '完走を応援しています！がんばってください。' : '',
    }), '127.0.0.1');
    const gift = (await handle.db.selectFrom('page_gift').select('gift_id').where('reference', '=', pledge.reference).executeTakeFirstOrThrow()).gift_id;
    await services.runners.confirmPageGift(ctx, gift, { status: 'received', receivedOn: today });
  }
  await services.runners.saveCampaignPage(ctx, campaign.id, CampaignPageInput.parse({
    slug: 'winter', titleJa: '冬の緊急募金', titleEn: 'Winter appeal', storyJa: '路上で夜を過ごす人に、今夜の寝床と温かい食事を。', storyEn: 'A bed and a warm meal tonight for people sleeping outside.',
    isPublished: true, version: 0,
  }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    urls: [`${address}/give/${event.code}/${runner.slug}?lang=ja`, `${address}/give/${event.code}/${runner.slug}?lang=en`, `${address}/give/${event.code}?lang=ja`, `${address}/appeal/winter?lang=ja`],
    async close() {
      await app.close();
      await handle.close();
      await dispose();
    },
  };
}
