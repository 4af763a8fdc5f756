import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { nextCounter } from '../../../server/db/counters';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { translatorFor } from '../../../server/http/i18n';
import type { Mailer } from '../../../server/mail/mailer';
import { daysBetween, tokyoDate } from '../../../shared/time';
import type { PublicFigures } from '../../advocacy/contract';
import type { AuditService } from '../../audit/server/audit.service';
import { CreateSupporterInput, DuplicateQuery } from '../../fundraising/contract';
import type { FundraisingService } from '../../fundraising/server/fundraising.service';
import * as gifts from '../../fundraising/server/gifts.repository';
import type {
  ApplyInput, CampaignPageInput, CampaignPageSettings, CharityEvent, CreateEventInput, DecideInput, Decision, DecisionResult, EventDashboard,
  MagicLinkResult, MessageTemplate, ModerationItem, PageInput, PageRevision, PaymentNotice, PledgeInput, PledgeResult, PublicCampaignPage,
  PublicEventPage, PublicRunnerPage, PublicWallEntry, ReviewInput, RunnerApplication, RunnerDetail, RunnerSummary, UpdateEventInput,
} from '../contract';
import * as repo from './runners.repository';
import { needsReminder, percentOf, progressOf } from './runners-progress';

/** A runner's edit link works this long, once. */
export const MAGIC_LINK_HOURS = 48;
/** The editing session a used link opens. */
export const EDIT_SESSION_MINUTES = 120;
const WALL_SIZE = 50;
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface RunnersDeps {
  db: Db;
  audit: AuditService;
  fundraising: FundraisingService;
  /** The office's banded public figures (advocacy), for campaign pages. */
  publicFigures: () => Promise<PublicFigures | null>;
  mailer: Mailer;
  secretKey: Buffer;
  /** The address the public reaches Tobira at (TOBIRA_PUBLIC_URL), for links in emails; else the request's own. */
  publicUrl: string | undefined;
  now: () => Date;
}

/** The answer to opening or using an edit link. */
export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

/** Who acts on a public page: nobody signed in, on the organisation's behalf (audited as such). */
function publicContext(organisationId: string, organisationName: string, ip: string): RequestContext {
  return {
    ip,
    actor: {
      // No staff member: the audit trail and created_by stay empty for what the public wrote.
      staffUserId: null as unknown as string, organisationId, organisationName, email: '', displayName: 'public', role: 'reception',
      language: 'ja', permissions: new Set(), via: 'token', sessionId: null, apiTokenId: null, csrfToken: null,
    },
  };
}

/** 80 random bits: a page address nobody can guess before it is shared. */
const randomSlug = () => randomBytes(10).toString('hex');
const randomReference = () => Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');

function presentEvent(e: repo.EventRow): CharityEvent {
  return {
    id: e.id, code: e.code, nameJa: e.name_ja, nameEn: e.name_en, raceOn: e.race_on, minimumYen: Number(e.minimum_yen), applicationsOpenOn: e.applications_open_on,
    applicationsCloseOn: e.applications_close_on, places: e.places, campaignId: e.campaign_id, campaignNameJa: e.campaign_name_ja, campaignNameEn: e.campaign_name_en,
    paymentUrl: e.payment_url, bankDetailsJa: e.bank_details_ja, bankDetailsEn: e.bank_details_en, introJa: e.intro_ja, introEn: e.intro_en,
    runners: Number(e.runners), applications: Number(e.applications), version: e.version,
  };
}

function presentApplication(a: repo.ApplicationRow): RunnerApplication {
  return {
    id: a.id, eventId: a.event_id, familyName: a.family_name, givenName: a.given_name, familyNameKana: a.family_name_kana, givenNameKana: a.given_name_kana,
    email: a.email, phone: a.phone, motivation: a.motivation, plan: a.plan, language: a.language, status: a.status, decisionReason: a.decision_reason,
    decisionMessage: a.decision_message, decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null, decidedByName: a.decided_by_name,
    runnerId: a.runner_id, createdAt: a.created_at.toISOString(), version: a.version,
  };
}

function presentRevision(r: repo.RevisionRow): PageRevision {
  return {
    id: r.id, runnerId: r.runner_id, displayName: r.display_name, story: r.story, goalYen: Number(r.goal_yen), hasPhoto: r.has_photo, status: r.status,
    reviewNote: r.review_note, submittedBy: r.submitted_by, createdAt: r.created_at.toISOString(),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null, reviewedByName: r.reviewed_by_name,
  };
}

const photoPath = (revisionId: string) => `/give/photos/${revisionId}.jpg`;

/** Which decisions may follow which state. */
const NEXT: Record<RunnerApplication['status'], Decision[]> = {
  submitted: ['shortlist', 'select', 'waitlist', 'decline'],
  shortlisted: ['select', 'waitlist', 'decline'],
  waitlisted: ['select', 'decline'],
  selected: [],
  declined: [],
};
const STATUS_OF: Record<Decision, RunnerApplication['status']> = { shortlist: 'shortlisted', select: 'selected', waitlist: 'waitlisted', decline: 'declined' };

export function createRunnersService(deps: RunnersDeps) {
  const { db, audit, fundraising, mailer } = deps;
  const hash = (token: string) => createHmac('sha256', deps.secretKey).update(`runner-link:${token}`).digest('hex');
  const base = (origin: string) => (deps.publicUrl ?? origin).replace(/\/+$/, '');

  async function loadEvent(tx: DbOrTx, ctx: RequestContext, id: string) {
    const e = await repo.findEvent(tx, ctx.actor.organisationId, id);
    if (!e) throw notFound('runners.event_not_found');
    return e;
  }

  async function loadRunner(tx: DbOrTx, ctx: RequestContext, id: string, lock = false) {
    const r = await repo.findRunner(tx, ctx.actor.organisationId, id, lock);
    if (!r) throw notFound('runners.runner_not_found');
    return r;
  }

  async function organisationName(tx: DbOrTx, id: string): Promise<string> {
    return (await tx.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
  }

  /** Runners as the staff see them, with what each has raised and where they stand. */
  async function summaries(tx: DbOrTx, ctx: RequestContext, event: repo.EventRow, runners: repo.RunnerRow[]): Promise<RunnerSummary[]> {
    const today = tokyoDate(deps.now());
    const people = await fundraising.supporters.summaries(ctx, runners.map((r) => r.supporter_id), tx);
    const totals = await repo.runnerTotals(tx, ctx.actor.organisationId, event.campaign_id, runners.map((r) => r.supporter_id));
    const revisions = await repo.revisionsOf(tx, runners.map((r) => r.id));
    return runners.map((r) => {
      const s = people.get(r.supporter_id);
      const t = totals.get(r.supporter_id) ?? { raised: 0, pledged: 0, donors: 0 };
      const own = revisions.filter((v) => v.runner_id === r.id);
      const pending = own.some((v) => v.status === 'pending');
      const pageState = r.published_revision_id ? (pending ? 'published_with_pending' : 'published')
        : pending ? 'pending' : own.some((v) => v.status === 'rejected') ? 'rejected' : 'no_page';
      const goal = Number(r.goal_yen);
      return {
        id: r.id, eventId: r.event_id, supporterId: r.supporter_id, supporterNumber: s?.supporter_number ?? '', name: s ? fundraising.supporters.listName(s) : '',
        email: s?.email ?? null, code: r.code, slug: r.slug, publicPath: r.published_revision_id ? `/give/${event.code}/${r.slug}` : null, goalYen: goal,
        raisedYen: t.raised, pledgedYen: t.pledged, donors: t.donors,
        progress: progressOf({ raisedYen: t.raised, goalYen: goal, selectedOn: tokyoDate(r.created_at), raceOn: event.race_on, today }),
        belowMinimumLate: needsReminder({ raisedYen: t.raised, minimumYen: Number(event.minimum_yen), raceOn: event.race_on, today }),
        pageState, status: r.status, lastRemindedAt: r.last_reminded_at ? new Date(r.last_reminded_at).toISOString() : null, version: r.version,
      };
    });
  }

  async function summaryOf(tx: DbOrTx, ctx: RequestContext, runner: repo.RunnerRow): Promise<RunnerSummary> {
    const event = await loadEvent(tx, ctx, runner.event_id);
    const [s] = await summaries(tx, ctx, event, [runner]);
    if (!s) throw notFound('runners.runner_not_found');
    return s;
  }

  async function send(to: string | null | undefined, subject: string, text: string): Promise<boolean> {
    if (!to || !mailer.configured) return false;
    try {
      return (await mailer.send({ to, subject, text })).sent;
    } catch {
      // The decision or link stands; the person is told it was not emailed and can hand it over.
      return false;
    }
  }

  async function newMagicLink(tx: DbOrTx, ctx: RequestContext, runner: repo.RunnerRow, origin: string) {
    const token = randomBytes(32).toString('base64url');
    const link = await repo.insertMagicLink(tx, {
      organisation_id: ctx.actor.organisationId, runner_id: runner.id, token_hash: hash(token),
      expires_at: new Date(deps.now().getTime() + MAGIC_LINK_HOURS * 3_600_000), created_by: ctx.actor.staffUserId,
    });
    return { url: `${base(origin)}/give/edit/${token}`, expiresAt: new Date(link.expires_at) };
  }

  function wallEntries(rows: Awaited<ReturnType<typeof repo.wall>>): PublicWallEntry[] {
    return rows.map((w) => ({ name: w.wall_name === '' ? null : w.wall_name, amountYen: w.show_amount ? Number(w.amount_yen) : null, message: w.message, date: w.received_on }));
  }

  /** Finds the donor among the supporters (one strong match), or adds them; never changes an existing supporter from a public form. */
  async function donorFor(tx: DbOrTx, ctx: RequestContext, p: { familyName: string; givenName: string; familyNameKana: string; givenNameKana: string; email: string; phone?: string; language: 'ja' | 'en'; publishName: boolean; tags: string[]; address?: { postalCode: string; line1: string } }) {
    const strong = (await fundraising.supporters.findDuplicates(ctx, DuplicateQuery.parse({
      kind: 'individual', familyName: p.familyName, givenName: p.givenName, familyNameKana: p.familyNameKana, givenNameKana: p.givenNameKana, email: p.email, phone: p.phone || null,
    }), tx)).filter((c) => c.level === 'strong');
    const first = strong[0];
    if (strong.length >= 1 && first) return { supporterId: first.supporter.id, existing: true };
    const created = await fundraising.supporters.createInTx(tx, ctx, CreateSupporterInput.parse({
      kind: 'individual', familyName: p.familyName, givenName: p.givenName, familyNameKana: p.familyNameKana, givenNameKana: p.givenNameKana, email: p.email,
      phone: p.phone ?? '', preferredLanguage: p.language, publishName: p.publishName, tags: p.tags, acknowledgeDuplicates: true,
      ...(p.address && { address: { postalCode: p.address.postalCode, line1: p.address.line1 } }),
    }));
    return { supporterId: created.id, existing: false };
  }

  const service = {
    // --- Events ---

    async listEvents(ctx: RequestContext): Promise<CharityEvent[]> {
      return (await repo.listEvents(db, ctx.actor.organisationId)).map(presentEvent);
    },

    async getEvent(ctx: RequestContext, id: string): Promise<CharityEvent> {
      return presentEvent(await loadEvent(db, ctx, id));
    },

    async createEvent(ctx: RequestContext, input: CreateEventInput): Promise<CharityEvent> {
      return db.transaction().execute(async (tx) => {
        if (!(await gifts.findCampaign(tx, ctx.actor.organisationId, input.campaignId))) throw invalidField('campaign.not_found', 'campaignId', 'unknown_choice');
        if (await repo.findEventByCode(tx, input.code)) throw new AppError(409, 'runners.event_code_taken', { code: { key: 'taken' } });
        const { id } = await repo.insertEvent(tx, {
          organisation_id: ctx.actor.organisationId, code: input.code, name_ja: input.nameJa, name_en: input.nameEn, race_on: input.raceOn, minimum_yen: input.minimumYen,
          applications_open_on: input.applicationsOpenOn, applications_close_on: input.applicationsCloseOn, places: input.places, campaign_id: input.campaignId,
          payment_url: input.paymentUrl, bank_details_ja: input.bankDetailsJa, bank_details_en: input.bankDetailsEn, intro_ja: input.introJa, intro_en: input.introEn,
          created_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'charity_event', entityId: id, details: { code: input.code } });
        return presentEvent(await loadEvent(tx, ctx, id));
      });
    },

    async updateEvent(ctx: RequestContext, id: string, input: UpdateEventInput): Promise<CharityEvent> {
      return db.transaction().execute(async (tx) => {
        const current = await loadEvent(tx, ctx, id);
        const next = {
          open: input.applicationsOpenOn ?? current.applications_open_on, close: input.applicationsCloseOn ?? current.applications_close_on, race: input.raceOn ?? current.race_on,
        };
        if (next.close < next.open) throw invalidField('runners.invalid_dates', 'applicationsCloseOn', 'ends_before_start');
        if (next.race < next.close) throw invalidField('runners.invalid_dates', 'raceOn', 'ends_before_start');
        if (input.campaignId && !(await gifts.findCampaign(tx, ctx.actor.organisationId, input.campaignId))) {
          throw invalidField('campaign.not_found', 'campaignId', 'unknown_choice');
        }
        const ok = await repo.updateEvent(tx, ctx.actor.organisationId, id, input.version, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }), ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.raceOn !== undefined && { race_on: input.raceOn }), ...(input.minimumYen !== undefined && { minimum_yen: input.minimumYen }),
          ...(input.applicationsOpenOn !== undefined && { applications_open_on: input.applicationsOpenOn }),
          ...(input.applicationsCloseOn !== undefined && { applications_close_on: input.applicationsCloseOn }),
          ...(input.places !== undefined && { places: input.places }), ...(input.campaignId !== undefined && { campaign_id: input.campaignId }),
          ...(input.paymentUrl !== undefined && { payment_url: input.paymentUrl }), ...(input.bankDetailsJa !== undefined && { bank_details_ja: input.bankDetailsJa }),
          ...(input.bankDetailsEn !== undefined && { bank_details_en: input.bankDetailsEn }), ...(input.introJa !== undefined && { intro_ja: input.introJa }),
          ...(input.introEn !== undefined && { intro_en: input.introEn }),
        });
        if (!ok) throw conflict('runners.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'charity_event', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
        return presentEvent(await loadEvent(tx, ctx, id));
      });
    },

    /** Runners by progress, the total raised, days to race day, who needs a reminder. */
    async dashboard(ctx: RequestContext, id: string): Promise<EventDashboard> {
      const event = await loadEvent(db, ctx, id);
      const today = tokyoDate(deps.now());
      const runners = (await summaries(db, ctx, event, await repo.listRunners(db, ctx.actor.organisationId, id))).filter((r) => r.status === 'active');
      const totals = await repo.eventTotals(db, ctx.actor.organisationId, id, event.campaign_id);
      const counts = await repo.applicationCounts(db, id);
      const pending = (await repo.pendingRevisions(db, ctx.actor.organisationId)).filter((p) => runners.some((r) => r.id === p.runner_id)).length;
      const order = { behind: 0, on_track: 1, reached: 2 } as const;
      runners.sort((a, b) => order[a.progress] - order[b.progress] || a.raisedYen / a.goalYen - b.raisedYen / b.goalYen || a.code.localeCompare(b.code));
      await audit.record(db, ctx, { action: 'read', entityType: 'charity_event', entityId: id, details: { dashboard: true } });
      return {
        event: presentEvent(event), today, daysToRace: daysBetween(today, event.race_on), raisedYen: totals.raised, pledgedYen: totals.pledged, donors: totals.donors,
        counts: {
          behind: runners.filter((r) => r.progress === 'behind').length, onTrack: runners.filter((r) => r.progress === 'on_track').length,
          reached: runners.filter((r) => r.progress === 'reached').length,
        },
        applications: { submitted: counts.get('submitted') ?? 0, shortlisted: counts.get('shortlisted') ?? 0, selected: counts.get('selected') ?? 0, waitlisted: counts.get('waitlisted') ?? 0, declined: counts.get('declined') ?? 0 },
        pendingReviews: pending, runners, needReminder: runners.filter((r) => r.belowMinimumLate),
      };
    },

    // --- Applications ---

    async applications(ctx: RequestContext, eventId: string, status: RunnerApplication['status'] | undefined): Promise<RunnerApplication[]> {
      await loadEvent(db, ctx, eventId);
      const rows = await repo.listApplications(db, ctx.actor.organisationId, eventId, status);
      await audit.record(db, ctx, { action: 'search', entityType: 'runner_application', details: { eventId, status: status ?? null, results: rows.length } });
      return rows.map(presentApplication);
    },

    /** The message for a decision in a language, filled in for this applicant (the person edits it before sending). */
    async messageTemplate(ctx: RequestContext, applicationId: string, decision: Decision, language: 'ja' | 'en'): Promise<MessageTemplate> {
      const a = await repo.findApplication(db, ctx.actor.organisationId, applicationId);
      if (!a) throw notFound('runners.application_not_found');
      const event = await loadEvent(db, ctx, a.event_id);
      const t = translatorFor(language);
      const values = {
        name: language === 'ja' ? `${a.family_name} ${a.given_name}`.trim() : `${a.given_name} ${a.family_name}`.trim(), event: language === 'ja' ? event.name_ja : event.name_en,
        minimum: Number(event.minimum_yen).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB'), raceOn: event.race_on, organisation: ctx.actor.organisationName,
      };
      return { decision, language, subject: t(`runners.messages.${decision}.subject`, values), body: t(`runners.messages.${decision}.body`, values) };
    },

    /**
     * shortlist → select / waitlist / decline. A selected applicant becomes a supporter (the one on
     * file when the email, phone or kana + name match strongly; else a new one) and a runner of the
     * event with a code (for imports) and an unguessable page address. The message goes by email
     * after the decision is saved; if it cannot, the answer says so.
     */
    async decide(ctx: RequestContext, applicationId: string, input: DecideInput): Promise<DecisionResult> {
      const outcome = await db.transaction().execute(async (tx) => {
        const a = await repo.lockApplication(tx, ctx.actor.organisationId, applicationId);
        if (!a) throw notFound('runners.application_not_found');
        if (a.version !== input.version) throw conflict('runners.version_conflict');
        if (!NEXT[a.status].includes(input.decision)) throw conflict('runners.invalid_transition', { from: a.status, to: input.decision });
        const event = await loadEvent(tx, ctx, a.event_id);
        let runner: repo.RunnerRow | undefined;
        let matched = false;
        if (input.decision === 'select') {
          if (Number(event.runners) >= event.places) throw conflict('runners.event_full', { places: event.places });
          const goal = input.goalYen ?? Number(event.minimum_yen);
          if (goal < Number(event.minimum_yen)) throw invalidField('runners.goal_below_minimum', 'goalYen', 'yen_min', { min: Number(event.minimum_yen) });
          const donor = await donorFor(tx, ctx, {
            familyName: a.family_name, givenName: a.given_name, familyNameKana: a.family_name_kana, givenNameKana: a.given_name_kana, email: a.email, phone: a.phone,
            language: a.language, publishName: false, tags: ['runner'],
          });
          matched = donor.existing;
          if (await repo.findRunnerOfSupporter(tx, event.id, donor.supporterId)) throw conflict('runners.already_runner');
          const number = await nextCounter(tx, ctx.actor.organisationId, 'runner');
          const { id } = await repo.insertRunner(tx, {
            organisation_id: ctx.actor.organisationId, event_id: event.id, application_id: a.id, supporter_id: donor.supporterId, code: `R-${String(number).padStart(4, '0')}`,
            slug: randomSlug(), goal_yen: goal, created_by: ctx.actor.staffUserId,
          });
          runner = await loadRunner(tx, ctx, id);
        }
        await repo.updateApplication(tx, a.id, a.version, {
          status: STATUS_OF[input.decision], decision_reason: input.reason, decision_message: input.message, decided_by: ctx.actor.staffUserId, decided_at: deps.now(),
        });
        await audit.record(tx, ctx, { action: 'update', entityType: 'runner_application', entityId: a.id, details: { decision: input.decision, runnerId: runner?.id ?? null, matchedSupporter: matched } });
        const row = await repo.findApplication(tx, ctx.actor.organisationId, a.id);
        if (!row) throw notFound('runners.application_not_found');
        return { row, runner: runner ? await summaryOf(tx, ctx, runner) : null, matched, event };
      });
      const subject = translatorFor(outcome.row.language)(`runners.messages.${input.decision}.subject`, { event: outcome.row.language === 'ja' ? outcome.event.name_ja : outcome.event.name_en, organisation: ctx.actor.organisationName });
      const emailed = input.message !== '' && (await send(outcome.row.email, subject, input.message));
      return { application: presentApplication(outcome.row), emailed, runner: outcome.runner, matchedExistingSupporter: outcome.matched };
    },

    // --- Runners ---

    async runner(ctx: RequestContext, id: string): Promise<RunnerDetail> {
      const r = await loadRunner(db, ctx, id);
      const summary = await summaryOf(db, ctx, r);
      const revisions = (await repo.revisionsOf(db, [r.id])).map(presentRevision);
      const wall = (await repo.pageGiftsOfRunner(db, r.id)).map((g) => ({
        giftId: g.gift_id, reference: g.reference, amountYen: Number(g.amount_yen), status: g.status, onWall: g.on_wall, wallName: g.wall_name, showAmount: g.show_amount,
        message: g.message, hidden: g.hidden_at !== null, createdAt: g.created_at.toISOString(),
      }));
      await audit.record(db, ctx, { action: 'read', entityType: 'runner', entityId: id });
      return { ...summary, revisions, wall };
    },

    async updateRunner(ctx: RequestContext, id: string, input: { version: number; goalYen?: number | undefined; status?: 'active' | 'withdrawn' | undefined }): Promise<RunnerSummary> {
      return db.transaction().execute(async (tx) => {
        const r = await loadRunner(tx, ctx, id, true);
        const event = await loadEvent(tx, ctx, r.event_id);
        if (input.goalYen !== undefined && input.goalYen < Number(event.minimum_yen)) throw invalidField('runners.goal_below_minimum', 'goalYen', 'yen_min', { min: Number(event.minimum_yen) });
        const ok = await repo.updateRunner(tx, id, input.version, { ...(input.goalYen !== undefined && { goal_yen: input.goalYen }), ...(input.status !== undefined && { status: input.status }) });
        if (!ok) throw conflict('runners.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'runner', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
        return summaryOf(tx, ctx, await loadRunner(tx, ctx, id));
      });
    },

    /** A page written by staff (for a runner without email, or a correction): it is reviewed like the runner's own. */
    async writePage(ctx: RequestContext, runnerId: string, input: PageInput, photo?: { bytes: Buffer; width: number; height: number }): Promise<PageRevision> {
      return db.transaction().execute(async (tx) => {
        const r = await loadRunner(tx, ctx, runnerId, true);
        return submitRevision(tx, ctx, r, input, photo, 'staff');
      });
    },

    /** A single-use link by which the runner edits the page, emailed when mail is set up. */
    async magicLink(ctx: RequestContext, runnerId: string, origin: string): Promise<MagicLinkResult> {
      const { link, runner, email, language, event } = await db.transaction().execute(async (tx) => {
        const r = await loadRunner(tx, ctx, runnerId);
        if (r.status !== 'active') throw conflict('runners.runner_withdrawn');
        const s = (await fundraising.supporters.summaries(ctx, [r.supporter_id], tx)).get(r.supporter_id);
        const made = await newMagicLink(tx, ctx, r, origin);
        await audit.record(tx, ctx, { action: 'create', entityType: 'runner_magic_link', entityId: r.id });
        return { link: made, runner: r, email: s?.email ?? null, language: s?.preferred_language ?? 'ja', event: await loadEvent(tx, ctx, r.event_id) };
      });
      const t = translatorFor(language);
      const values = { url: link.url, hours: MAGIC_LINK_HOURS, event: language === 'ja' ? event.name_ja : event.name_en, code: runner.code, organisation: ctx.actor.organisationName };
      const emailed = await send(email, t('runners.mail.magicLink.subject', values), t('runners.mail.magicLink.body', values));
      return { url: link.url, expiresAt: link.expiresAt.toISOString(), emailed };
    },

    /** Reminds runners (below the minimum, a month before): an email with their progress and a fresh edit link. */
    async remind(ctx: RequestContext, eventId: string, runnerIds: readonly string[], origin: string): Promise<{ reminded: number; emailed: number }> {
      const event = await loadEvent(db, ctx, eventId);
      const runners = (await repo.runnersByIds(db, ctx.actor.organisationId, runnerIds)).filter((r) => r.event_id === eventId && r.status === 'active');
      const list = await summaries(db, ctx, event, runners);
      let emailed = 0;
      for (const s of list) {
        const runner = runners.find((r) => r.id === s.id);
        if (!runner) continue;
        const link = await db.transaction().execute(async (tx) => {
          const made = await newMagicLink(tx, ctx, runner, origin);
          await repo.updateRunner(tx, runner.id, null, { last_reminded_at: deps.now() });
          await audit.record(tx, ctx, { action: 'update', entityType: 'runner', entityId: runner.id, details: { reminded: true } });
          return made;
        });
        const language = (await fundraising.supporters.summaries(ctx, [s.supporterId])).get(s.supporterId)?.preferred_language ?? 'ja';
        const t = translatorFor(language);
        const yen = (n: number) => n.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB');
        const values = {
          name: s.name, event: language === 'ja' ? event.name_ja : event.name_en, raised: yen(s.raisedYen), minimum: yen(Number(event.minimum_yen)),
          days: daysBetween(tokyoDate(deps.now()), event.race_on), url: link.url, page: s.publicPath ? `${base(origin)}${s.publicPath}` : '', organisation: ctx.actor.organisationName,
        };
        if (await send(s.email, t('runners.mail.reminder.subject', values), t('runners.mail.reminder.body', values))) emailed += 1;
      }
      return { reminded: list.length, emailed };
    },

    // --- Moderation ---

    async moderation(ctx: RequestContext): Promise<ModerationItem[]> {
      const pending = await repo.pendingRevisions(db, ctx.actor.organisationId);
      const runners = await repo.runnersByIds(db, ctx.actor.organisationId, [...new Set(pending.map((p) => p.runner_id))]);
      const out: ModerationItem[] = [];
      const byEvent = new Map<string, repo.RunnerRow[]>();
      for (const r of runners) byEvent.set(r.event_id, [...(byEvent.get(r.event_id) ?? []), r]);
      const summaryById = new Map<string, { summary: RunnerSummary; event: repo.EventRow }>();
      for (const [eventId, list] of byEvent) {
        const event = await loadEvent(db, ctx, eventId);
        for (const s of await summaries(db, ctx, event, list)) summaryById.set(s.id, { summary: s, event });
      }
      for (const p of pending) {
        const found = summaryById.get(p.runner_id);
        if (found) out.push({ revision: presentRevision(p), runner: found.summary, eventNameJa: found.event.name_ja, eventNameEn: found.event.name_en });
      }
      return out;
    },

    /** Approve (the page goes live as written) or reject (with a note the runner is told). */
    async review(ctx: RequestContext, revisionId: string, input: ReviewInput): Promise<PageRevision> {
      return db.transaction().execute(async (tx) => {
        const rev = await repo.findRevision(tx, ctx.actor.organisationId, revisionId);
        if (!rev) throw notFound('runners.revision_not_found');
        const runner = await loadRunner(tx, ctx, rev.runner_id, true);
        const ok = await repo.setRevisionStatus(tx, revisionId, {
          status: input.decision === 'approve' ? 'approved' : 'rejected', review_note: input.note, reviewed_by: ctx.actor.staffUserId, reviewed_at: deps.now(),
        }, 'pending');
        if (!ok) throw conflict('runners.revision_not_pending');
        if (input.decision === 'approve') {
          const event = await loadEvent(tx, ctx, runner.event_id);
          await repo.updateRunner(tx, runner.id, null, { published_revision_id: revisionId, goal_yen: Math.max(Number(rev.goal_yen), Number(event.minimum_yen)) });
        }
        await audit.record(tx, ctx, { action: 'update', entityType: 'runner_page_revision', entityId: revisionId, details: { decision: input.decision } });
        const updated = await repo.findRevision(tx, ctx.actor.organisationId, revisionId);
        if (!updated) throw notFound('runners.revision_not_found');
        return presentRevision(updated);
      });
    },

    async revisionPhoto(ctx: RequestContext, revisionId: string): Promise<Buffer> {
      const p = await repo.revisionPhoto(db, revisionId);
      if (!p || p.organisation_id !== ctx.actor.organisationId || !p.photo) throw notFound('runners.photo_not_found');
      return p.photo;
    },

    async hidePageGift(ctx: RequestContext, giftId: string, hidden: boolean): Promise<void> {
      await db.transaction().execute(async (tx) => {
        if (!(await repo.findPageGift(tx, ctx.actor.organisationId, giftId))) throw notFound('runners.page_gift_not_found');
        await repo.setPageGiftHidden(tx, giftId, ctx.actor.staffUserId, hidden);
        await audit.record(tx, ctx, { action: 'update', entityType: 'page_gift', entityId: giftId, details: { hidden } });
      });
    },

    /** A pledge paid (by bank transfer, seen on the statement) or not paid. */
    async confirmPageGift(ctx: RequestContext, giftId: string, input: { status: 'received' | 'failed'; receivedOn: string }): Promise<void> {
      const pg = await repo.findPageGift(db, ctx.actor.organisationId, giftId);
      if (!pg) throw notFound('runners.page_gift_not_found');
      if (pg.status !== 'pledged') throw conflict('gift.invalid_transition', { from: pg.status, to: input.status });
      await fundraising.gifts.updateGift(ctx, giftId, { version: pg.gift_version, status: input.status, receivedOn: input.receivedOn });
    },

    /** The event's donors with what receipts need, as CSV rows (the caller formats). */
    async donors(ctx: RequestContext, eventId: string) {
      const event = await loadEvent(db, ctx, eventId);
      const rows = await repo.eventDonors(db, ctx.actor.organisationId, eventId, event.campaign_id);
      await audit.record(db, ctx, { action: 'export', entityType: 'charity_event', entityId: eventId, details: { donors: rows.length } });
      return { event: presentEvent(event), rows };
    },

    // --- Campaign pages ---

    async campaignPage(ctx: RequestContext, campaignId: string): Promise<CampaignPageSettings> {
      const p = await repo.findCampaignPage(db, ctx.actor.organisationId, campaignId);
      if (!p) throw notFound('runners.campaign_page_not_found');
      return presentCampaignPage(p);
    },

    async saveCampaignPage(ctx: RequestContext, campaignId: string, input: CampaignPageInput): Promise<CampaignPageSettings> {
      return db.transaction().execute(async (tx) => {
        if (!(await gifts.findCampaign(tx, ctx.actor.organisationId, campaignId))) throw notFound('campaign.not_found');
        if (await repo.slugTaken(tx, input.slug, campaignId)) throw new AppError(409, 'runners.slug_taken', { slug: { key: 'taken' } });
        const ok = await repo.saveCampaignPage(tx, {
          campaign_id: campaignId, organisation_id: ctx.actor.organisationId, slug: input.slug, title_ja: input.titleJa, title_en: input.titleEn,
          story_ja: input.storyJa, story_en: input.storyEn, payment_url: input.paymentUrl, bank_details_ja: input.bankDetailsJa, bank_details_en: input.bankDetailsEn,
          show_figures: input.showFigures, is_published: input.isPublished, updated_by: ctx.actor.staffUserId,
        }, input.version);
        if (!ok) throw conflict('runners.version_conflict');
        await audit.record(tx, ctx, { action: input.version === 0 ? 'create' : 'update', entityType: 'campaign_page', entityId: campaignId, details: { published: input.isPublished } });
        const p = await repo.findCampaignPage(tx, ctx.actor.organisationId, campaignId);
        if (!p) throw notFound('runners.campaign_page_not_found');
        return presentCampaignPage(p);
      });
    },

    // --- Public: read ---

    /** An event's public page: its published runners only. Null when there is no such event. */
    async publicEvent(code: string): Promise<PublicEventPage | null> {
      const event = await repo.findEventByCode(db, code);
      if (!event) return null;
      const ctx = publicContext(event.organisation_id, '', '');
      const runners = (await repo.listRunners(db, event.organisation_id, event.id)).filter((r) => r.status === 'active' && r.published_revision_id);
      const published = await repo.publishedRevisions(db, runners.flatMap((r) => r.published_revision_id ?? []));
      const totals = await repo.runnerTotals(db, ctx.actor.organisationId, event.campaign_id, runners.map((r) => r.supporter_id));
      const all = await repo.eventTotals(db, event.organisation_id, event.id, event.campaign_id);
      const today = tokyoDate(deps.now());
      return {
        organisationName: await organisationName(db, event.organisation_id), code: event.code, nameJa: event.name_ja, nameEn: event.name_en, raceOn: event.race_on, introJa: event.intro_ja, introEn: event.intro_en,
        applicationsOpen: today >= event.applications_open_on && today <= event.applications_close_on, applicationsCloseOn: event.applications_close_on,
        raisedYen: all.raised,
        runners: runners.flatMap((r) => {
          const rev = published.get(r.published_revision_id ?? '');
          if (!rev) return [];
          const raised = totals.get(r.supporter_id)?.raised ?? 0;
          return [{ slug: r.slug, displayName: rev.display_name, photoPath: rev.has_photo ? photoPath(rev.id) : null, goalYen: Number(r.goal_yen), raisedYen: raised, percent: percentOf(raised, Number(r.goal_yen)) }];
        }).sort((a, b) => b.raisedYen - a.raisedYen || a.displayName.localeCompare(b.displayName)),
      };
    },

    /** A runner's public page: the approved revision only; null (404) until one is approved, or once withdrawn. */
    async publicRunner(code: string, slug: string): Promise<PublicRunnerPage | null> {
      const event = await repo.findEventByCode(db, code);
      if (!event) return null;
      const runner = await repo.findRunnerBySlug(db, event.id, slug);
      if (!runner || runner.status !== 'active' || !runner.published_revision_id) return null;
      const rev = (await repo.publishedRevisions(db, [runner.published_revision_id])).get(runner.published_revision_id);
      if (!rev) return null;
      const totals = (await repo.runnerTotals(db, event.organisation_id, event.campaign_id, [runner.supporter_id])).get(runner.supporter_id) ?? { raised: 0, pledged: 0, donors: 0 };
      const goal = Number(runner.goal_yen);
      return {
        organisationName: await organisationName(db, event.organisation_id), eventCode: event.code, eventNameJa: event.name_ja, eventNameEn: event.name_en, raceOn: event.race_on, slug: runner.slug, displayName: rev.display_name, story: rev.story,
        photoPath: rev.has_photo ? photoPath(rev.id) : null, photoWidth: rev.photo_width, photoHeight: rev.photo_height,
        thermometer: { goalYen: goal, raisedYen: totals.raised, percent: percentOf(totals.raised, goal), supporters: totals.donors },
        wall: wallEntries(await repo.wall(db, { runnerId: runner.id }, WALL_SIZE)),
      };
    },

    /** The photo of a published page (nothing of a page under review or rejected). */
    async publicPhoto(revisionId: string): Promise<Buffer | null> {
      const p = await repo.revisionPhoto(db, revisionId);
      if (!p?.photo) return null;
      const runner = await repo.findRunner(db, p.organisation_id, p.runner_id);
      return runner && runner.status === 'active' && runner.published_revision_id === revisionId ? p.photo : null;
    },

    async publicCampaign(slug: string): Promise<PublicCampaignPage | null> {
      const page = await repo.findCampaignPageBySlug(db, slug);
      if (!page || !page.is_published) return null;
      const totals = await repo.campaignTotals(db, page.campaign_id);
      const goal = Number(page.goal_yen ?? 0);
      const figures = page.show_figures ? await deps.publicFigures() : null;
      return {
        organisationName: await organisationName(db, page.organisation_id), slug: page.slug, titleJa: page.title_ja, titleEn: page.title_en, storyJa: page.story_ja, storyEn: page.story_en,
        thermometer: { goalYen: goal, raisedYen: totals.raised, percent: percentOf(totals.raised, goal), supporters: totals.donors },
        figures: figures?.figures ?? [], figuresFrom: figures?.from ?? null, figuresTo: figures?.to ?? null, figuresPeriod: figures?.period ?? null,
        wall: wallEntries(await repo.wall(db, { campaignId: page.campaign_id, withMessageOnly: true }, 20)),
      };
    },

    /** The event's public application form may be used (open window). */
    async applicationWindow(code: string): Promise<{ event: PublicEventPage; open: boolean } | null> {
      const event = await service.publicEvent(code);
      return event ? { event, open: event.applicationsOpen } : null;
    },

    // --- Public: write ---

    /** A public application; a second one from the same email for the event changes nothing. */
    async apply(code: string, input: ApplyInput, ip: string): Promise<void> {
      const event = await repo.findEventByCode(db, code);
      if (!event) throw notFound('runners.event_not_found');
      const today = tokyoDate(deps.now());
      if (today < event.applications_open_on || today > event.applications_close_on) throw conflict('runners.applications_closed');
      await db.transaction().execute(async (tx) => {
        const ctx = publicContext(event.organisation_id, '', ip);
        const id = await repo.insertApplication(tx, {
          organisation_id: event.organisation_id, event_id: event.id, family_name: input.familyName, given_name: input.givenName, family_name_kana: input.familyNameKana,
          given_name_kana: input.givenNameKana, email: input.email, phone: input.phone, motivation: input.motivation, plan: input.plan, language: input.language, consented_at: deps.now(),
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'runner_application', entityId: id, details: { via: 'public', duplicate: id === null } });
      });
    },

    /**
     * A gift promised through a runner's page or a campaign page: the donor (matched or added), a
     * pledged gift for the campaign soft-credited to the runner, and what the donor chose to show.
     * Payment happens on the platform (paymentUrl, carrying the reference) or by bank transfer.
     */
    async pledge(target: { eventCode: string; slug: string } | { campaignSlug: string }, input: PledgeInput, ip: string): Promise<PledgeResult> {
      let organisationId: string;
      let campaignId: string;
      let runner: repo.RunnerRow | null = null;
      let paymentUrl: string | null;
      let bank: { ja: string; en: string };
      if ('eventCode' in target) {
        const event = await repo.findEventByCode(db, target.eventCode);
        const r = event ? await repo.findRunnerBySlug(db, event.id, target.slug) : undefined;
        if (!event || !r || r.status !== 'active' || !r.published_revision_id) throw notFound('runners.page_not_found');
        ({ organisation_id: organisationId, campaign_id: campaignId, payment_url: paymentUrl } = event);
        bank = { ja: event.bank_details_ja, en: event.bank_details_en };
        runner = r;
      } else {
        const page = await repo.findCampaignPageBySlug(db, target.campaignSlug);
        if (!page || !page.is_published) throw notFound('runners.page_not_found');
        ({ organisation_id: organisationId, campaign_id: campaignId, payment_url: paymentUrl } = page);
        bank = { ja: page.bank_details_ja, en: page.bank_details_en };
      }
      const reference = await db.transaction().execute(async (tx) => {
        const ctx = publicContext(organisationId, await organisationName(tx, organisationId), ip);
        const donor = await donorFor(tx, ctx, {
          familyName: input.familyName, givenName: input.givenName, familyNameKana: input.familyNameKana, givenNameKana: input.givenNameKana, email: input.email,
          language: input.language, publishName: input.wall === 'name', tags: [],
          ...(input.wantsReceipt && { address: { postalCode: input.postalCode, line1: input.address } }),
        });
        const ref = randomReference();
        const note = donor.existing && input.wantsReceipt ? `Receipt asked on the page; address given: 〒${input.postalCode} ${input.address}` : input.wantsReceipt ? 'Receipt asked on the page' : '';
        const gift = await fundraising.gifts.createGiftInTx(tx, ctx, {
          supporterId: donor.supporterId, amountYen: input.amountYen, receivedOn: tokyoDate(deps.now()), method: paymentUrl ? 'card' : 'bank_transfer',
          inKindDescription: '', valuationBasis: '', campaignId, fundId: null, isAnonymous: input.wall !== 'name', donorMessage: input.message, sourcePlatform: 'web_page',
          externalId: `page:${ref}`, feeYen: 0, status: 'pledged', recurringCommitmentId: null, note,
          softCredits: runner ? [{ kind: 'runner', supporterId: runner.supporter_id, name: '' }] : [],
        });
        await repo.insertPageGift(tx, {
          gift_id: gift.id, organisation_id: organisationId, campaign_id: campaignId, runner_id: runner?.id ?? null, reference: ref, on_wall: input.wall !== 'hidden',
          wall_name: input.wall === 'name' ? input.wallName : '', show_amount: input.showAmount, message: input.message,
        });
        return ref;
      });
      return {
        reference, amountYen: input.amountYen,
        paymentUrl: paymentUrl ? `${paymentUrl}${paymentUrl.includes('?') ? '&' : '?'}ref=${reference}&amount=${input.amountYen}` : null,
        bankDetails: input.language === 'ja' ? bank.ja : bank.en || bank.ja,
      };
    },

    /** The platform says a pledge was paid (or failed): the gift is marked, once. */
    async paymentNotice(notice: PaymentNotice, ip: string): Promise<'received' | 'failed' | 'already'> {
      const pg = await repo.findPageGiftByReference(db, notice.reference);
      if (!pg) throw notFound('runners.pledge_not_found');
      if (pg.status === notice.status) return 'already';
      if (pg.status !== 'pledged') throw conflict('gift.invalid_transition', { from: pg.status, to: notice.status });
      if (notice.status === 'received' && Number(pg.amount_yen) !== notice.amountYen) throw conflict('runners.amount_mismatch', { pledged: Number(pg.amount_yen), paid: notice.amountYen });
      const ctx = publicContext(pg.organisation_id, await organisationName(db, pg.organisation_id), ip);
      await fundraising.gifts.updateGift(ctx, pg.gift_id, { version: pg.gift_version, status: notice.status, receivedOn: notice.receivedOn, ...(notice.externalId && { note: `platform ${notice.externalId}` }) });
      return notice.status;
    },

    // --- Public: the runner edits the page ---

    /** What an edit link is now, without using it (so a mail scanner opening it changes nothing). */
    async linkState(token: string, tx: DbOrTx = db): Promise<LinkState> {
      const link = await repo.findMagicLink(tx, hash(token));
      if (!link) return 'unknown';
      if (link.used_at) return 'used';
      return new Date(link.expires_at) <= deps.now() ? 'expired' : 'valid';
    },

    /** Uses a link (once): opens an editing session and returns its token for the cookie. */
    async useLink(token: string): Promise<{ session: string } | { state: Exclude<LinkState, 'valid'> }> {
      return db.transaction().execute(async (tx) => {
        const used = await repo.useMagicLink(tx, hash(token), deps.now());
        if (!used) {
          const state = await service.linkState(token, tx);
          return { state: state === 'valid' ? 'used' : state };
        }
        const session = randomBytes(32).toString('base64url');
        await repo.insertEditSession(tx, {
          token_hash: hash(`session:${session}`), organisation_id: used.organisation_id, runner_id: used.runner_id, link_id: used.id,
          expires_at: new Date(deps.now().getTime() + EDIT_SESSION_MINUTES * 60_000),
        });
        return { session };
      });
    },

    /** The runner behind an editing session, with the page as it stands (the newest revision) — null when the session is over. */
    async editing(session: string | undefined) {
      if (!session) return null;
      const s = await repo.findEditSession(db, hash(`session:${session}`), deps.now());
      if (!s) return null;
      const runner = await repo.findRunner(db, s.organisation_id, s.runner_id);
      if (!runner || runner.status !== 'active') return null;
      const event = await repo.findEvent(db, s.organisation_id, runner.event_id);
      if (!event) return null;
      const [latest] = await repo.revisionsOf(db, [runner.id]);
      const supporter = (await fundraising.supporters.summaries(publicContext(s.organisation_id, '', ''), [runner.supporter_id])).get(runner.supporter_id);
      return {
        runner, event, latest: latest ? presentRevision(latest) : null, minimumYen: Number(event.minimum_yen),
        suggestedName: supporter ? `${supporter.family_name} ${supporter.given_name}`.trim() : '',
        publicPath: runner.published_revision_id ? `/give/${event.code}/${runner.slug}` : null,
        csrf: createHmac('sha256', deps.secretKey).update(`runner-edit-csrf:${session}`).digest('base64url'),
      };
    },

    /** The runner sends the page for review (a new revision; an older one still waiting is replaced). */
    async submitByRunner(session: string, csrf: string, input: PageInput, photo: { bytes: Buffer; width: number; height: number } | undefined, ip: string): Promise<PageRevision> {
      const editing = await service.editing(session);
      if (!editing) throw new AppError(401, 'runners.edit_session_over');
      if (csrf !== editing.csrf) throw new AppError(403, 'auth.csrf');
      return db.transaction().execute(async (tx) => {
        const ctx = publicContext(editing.runner.organisation_id, '', ip);
        return submitRevision(tx, ctx, editing.runner, input, photo, 'runner');
      });
    },

    /** Ends the runner's editing session (the link is already used up). */
    async endEditing(session: string): Promise<void> {
      await repo.endEditSession(db, hash(`session:${session}`));
    },

    /** Runner codes → the runner's supporter, for gifts an import brings with a ランナーID. */
    async supportersOfRunnerCodes(tx: DbOrTx, organisationId: string, codes: readonly string[]): Promise<Map<string, string>> {
      // As a platform's custom field carries it: ｒ－００４２, r-42, 42 → R-0042.
      const norm = (c: string) => {
        const s = c.normalize('NFKC').trim().toUpperCase().replace(/^R-?/, '');
        return /^\d+$/.test(s) ? `R-${s.padStart(4, '0')}` : c.trim();
      };
      const found = await repo.supportersOfRunnerCodes(tx, organisationId, [...new Set(codes.map(norm))]);
      return new Map(codes.flatMap((c) => {
        const id = found.get(norm(c));
        return id ? [[c, id] as const] : [];
      }));
    },
  };

  async function submitRevision(tx: DbOrTx, ctx: RequestContext, r: repo.RunnerRow, input: PageInput, photo: { bytes: Buffer; width: number; height: number } | undefined, by: 'runner' | 'staff') {
    const event = await repo.findEvent(tx, r.organisation_id, r.event_id);
    if (!event) throw notFound('runners.event_not_found');
    if (input.goalYen < Number(event.minimum_yen)) throw invalidField('runners.goal_below_minimum', 'goalYen', 'yen_min', { min: Number(event.minimum_yen) });
    const kept = photo ? null : await repo.latestPhoto(tx, r.id);
    const { id } = await repo.insertRevision(tx, {
      organisation_id: r.organisation_id, runner_id: r.id, display_name: input.displayName, story: input.story, goal_yen: input.goalYen,
      photo: photo?.bytes ?? kept?.photo ?? null, photo_width: photo?.width ?? kept?.photo_width ?? null, photo_height: photo?.height ?? kept?.photo_height ?? null,
      submitted_by: by, created_by: by === 'staff' ? ctx.actor.staffUserId : null,
    });
    await repo.supersedePending(tx, r.id, id);
    await audit.record(tx, ctx, { action: 'create', entityType: 'runner_page_revision', entityId: id, details: { runnerId: r.id, by, photo: photo !== undefined } });
    const rev = await repo.findRevision(tx, r.organisation_id, id);
    if (!rev) throw notFound('runners.revision_not_found');
    return presentRevision(rev);
  }

  return service;
}

function presentCampaignPage(p: NonNullable<Awaited<ReturnType<typeof repo.findCampaignPage>>>): CampaignPageSettings {
  return {
    campaignId: p.campaign_id, slug: p.slug, titleJa: p.title_ja, titleEn: p.title_en, storyJa: p.story_ja, storyEn: p.story_en, paymentUrl: p.payment_url,
    bankDetailsJa: p.bank_details_ja, bankDetailsEn: p.bank_details_en, showFigures: p.show_figures, isPublished: p.is_published, publicPath: `/appeal/${p.slug}`, version: p.version,
  };
}

export type RunnersService = ReturnType<typeof createRunnersService>;
