import { z } from 'zod';
import { IsoDate, EmailAddress, PhoneNumber } from '../../shared/codes';
import { plainText } from '../../server/text/plain-text';
import { PublicFigures } from '../advocacy/contract';
import { KanaReading } from '../fundraising/contract';

// Charity runners and public giving pages (issue 14), built on fundraising: an event (the Tokyo
// Marathon charity programme) is linked to a campaign; a selected runner is a supporter; a gift
// through a runner's page is a fundraising gift soft-credited to the runner (kind 'runner').
// Staff shapes first, then what the public pages may show (nothing beyond what each person agreed).

/** Text typed by anyone: HTML stripped, controls and bidi overrides removed (server/text/plain-text.ts), then limited. */
export const PlainLine = (max: number) => z.string().transform((s) => plainText(s)).pipe(z.string().max(max));
export const PlainText = (max: number) => z.string().transform((s) => plainText(s, { multiline: true })).pipe(z.string().max(max));
const RequiredLine = (max: number) => PlainLine(max).pipe(z.string().min(1));
const RequiredText = (max: number) => PlainText(max).pipe(z.string().min(1));
const Email = EmailAddress;
/** A phone number as typed (src/shared/codes.ts). */
const Phone = PhoneNumber;
const Code = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);
/** Addresses the public pages use themselves (/give/edit, /give/photos, /give/assets): no event may take them. */
const RESERVED_CODES = new Set(['edit', 'photos', 'assets', 'apply', 'give']);
const EventCode = Code.refine((c) => !RESERVED_CODES.has(c), { params: { key: 'reserved' } });
const HttpsUrl = z.url({ protocol: /^https$/ }).max(500);
/** Whole yen above zero. */
const Yen = z.number().int().positive().max(100_000_000);

// --- Events ------------------------------------------------------------------------------------

const eventFields = {
  code: EventCode,
  nameJa: RequiredLine(200),
  nameEn: RequiredLine(200),
  raceOn: IsoDate,
  minimumYen: Yen,
  applicationsOpenOn: IsoDate,
  applicationsCloseOn: IsoDate,
  places: z.number().int().min(1).max(10_000),
  campaignId: z.uuid(),
  paymentUrl: HttpsUrl.nullable(),
  bankDetailsJa: PlainText(1000),
  bankDetailsEn: PlainText(1000),
  introJa: PlainText(4000),
  introEn: PlainText(4000),
};
export const CreateEventInput = z.strictObject({
  ...eventFields,
  minimumYen: eventFields.minimumYen.default(100_000),
  paymentUrl: eventFields.paymentUrl.default(null),
  bankDetailsJa: eventFields.bankDetailsJa.default(''),
  bankDetailsEn: eventFields.bankDetailsEn.default(''),
  introJa: eventFields.introJa.default(''),
  introEn: eventFields.introEn.default(''),
})
  .refine((e) => e.applicationsCloseOn >= e.applicationsOpenOn, { params: { key: 'ends_before_start' }, path: ['applicationsCloseOn'] })
  .refine((e) => e.raceOn >= e.applicationsCloseOn, { params: { key: 'ends_before_start' }, path: ['raceOn'] });
export type CreateEventInput = z.infer<typeof CreateEventInput>;
/** Only what is sent changes (no defaults here: a PATCH of the places leaves the bank details alone). */
export const UpdateEventInput = z.strictObject(eventFields).omit({ code: true }).partial().extend({ version: z.number().int().positive() });
export type UpdateEventInput = z.infer<typeof UpdateEventInput>;

export const CharityEvent = z.object({
  id: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  raceOn: z.string(),
  minimumYen: z.number().int(),
  applicationsOpenOn: z.string(),
  applicationsCloseOn: z.string(),
  places: z.number().int(),
  campaignId: z.uuid(),
  campaignNameJa: z.string(),
  campaignNameEn: z.string(),
  paymentUrl: z.string().nullable(),
  bankDetailsJa: z.string(),
  bankDetailsEn: z.string(),
  introJa: z.string(),
  introEn: z.string(),
  /** Runners selected (not withdrawn), against places. */
  runners: z.number().int(),
  applications: z.number().int(),
  version: z.number().int(),
});
export type CharityEvent = z.infer<typeof CharityEvent>;

// --- Applications ------------------------------------------------------------------------------

export const ApplicationStatus = z.enum(['submitted', 'shortlisted', 'selected', 'waitlisted', 'declined']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** The public application form (no login): /give/<event>/apply. */
export const ApplyInput = z.object({
  familyName: RequiredLine(100),
  givenName: PlainLine(100).default(''),
  familyNameKana: KanaReading.default(''),
  givenNameKana: KanaReading.default(''),
  email: Email,
  phone: Phone.default(''),
  motivation: RequiredText(4000),
  plan: RequiredText(4000),
  /** The privacy notice was ticked: a checkbox sends 'on'. */
  consent: z.unknown().refine((v) => v === 'on' || v === true, { params: { key: 'consent_required' } }),
  language: z.enum(['ja', 'en']).default('ja'),
});
export type ApplyInput = z.infer<typeof ApplyInput>;

export const RunnerApplication = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  email: z.string(),
  phone: z.string(),
  motivation: z.string(),
  plan: z.string(),
  language: z.enum(['ja', 'en']),
  status: ApplicationStatus,
  decisionReason: z.string(),
  decisionMessage: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  /** The runner made of it, once selected. */
  runnerId: z.uuid().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type RunnerApplication = z.infer<typeof RunnerApplication>;

export const ApplicationQuery = z.object({ status: ApplicationStatus.optional() });

/** shortlist → select / waitlist / decline; a waitlisted applicant may still be selected. */
export const Decision = z.enum(['shortlist', 'select', 'waitlist', 'decline']);
export type Decision = z.infer<typeof Decision>;
export const DecideInput = z.strictObject({
  decision: Decision,
  version: z.number().int().positive(),
  /** Why (kept with the application; required to decline or waitlist). */
  reason: PlainText(2000).default(''),
  /** The message to the applicant, from the template and edited (sent by email when mail is set up). */
  message: PlainText(8000).default(''),
  /** A selected runner's goal; at least the event's minimum (default: the minimum). */
  goalYen: Yen.optional(),
}).refine((d) => !(d.decision === 'decline' || d.decision === 'waitlist') || d.reason !== '', { params: { key: 'required' }, path: ['reason'] });
export type DecideInput = z.infer<typeof DecideInput>;

export const MessageTemplate = z.object({ decision: Decision, language: z.enum(['ja', 'en']), subject: z.string(), body: z.string() });
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const DecisionResult = z.object({
  application: RunnerApplication,
  /** Whether the message went out by email (false when no mail server is set up: give it by hand). */
  emailed: z.boolean(),
  /** For a selection: the runner, and whether the supporter already existed. */
  runner: z.lazy(() => RunnerSummary).nullable(),
  matchedExistingSupporter: z.boolean(),
});
export type DecisionResult = z.infer<typeof DecisionResult>;

// --- Runners and their pages ------------------------------------------------------------------

export const Progress = z.enum(['behind', 'on_track', 'reached']);
export type Progress = z.infer<typeof Progress>;
export const PageState = z.enum(['no_page', 'pending', 'published', 'published_with_pending', 'rejected']);
export type PageState = z.infer<typeof PageState>;

export const RunnerSummary = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  supporterId: z.uuid(),
  supporterNumber: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  code: z.string(),
  slug: z.string(),
  /** The public address, once published. */
  publicPath: z.string().nullable(),
  goalYen: z.number().int(),
  raisedYen: z.number().int(),
  pledgedYen: z.number().int(),
  donors: z.number().int(),
  progress: Progress,
  /** Below the event's minimum a month before race day (or later). */
  belowMinimumLate: z.boolean(),
  pageState: PageState,
  status: z.enum(['active', 'withdrawn']),
  lastRemindedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RunnerSummary = z.infer<typeof RunnerSummary>;

export const PageRevision = z.object({
  id: z.uuid(),
  runnerId: z.uuid(),
  displayName: z.string(),
  story: z.string(),
  goalYen: z.number().int(),
  hasPhoto: z.boolean(),
  status: z.enum(['pending', 'approved', 'rejected', 'superseded']),
  reviewNote: z.string(),
  submittedBy: z.enum(['runner', 'staff']),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
});
export type PageRevision = z.infer<typeof PageRevision>;

export const RunnerDetail = RunnerSummary.extend({
  revisions: z.array(PageRevision),
  /** The page gifts credited to this runner, newest first (staff view: every entry, hidden or not). */
  wall: z.array(z.object({
    giftId: z.uuid(), reference: z.string(), amountYen: z.number().int(), status: z.string(), onWall: z.boolean(), wallName: z.string(), showAmount: z.boolean(),
    message: z.string(), hidden: z.boolean(), createdAt: z.string(),
  })),
});
export type RunnerDetail = z.infer<typeof RunnerDetail>;

/** Staff write or correct a page themselves (it still goes through review). Multipart on the runner's side. */
export const PageInput = z.object({
  displayName: RequiredLine(100),
  story: RequiredText(4000),
  goalYen: z.coerce.number().pipe(Yen),
});
export type PageInput = z.infer<typeof PageInput>;

export const ReviewInput = z.strictObject({ decision: z.enum(['approve', 'reject']), note: PlainText(2000).default('') })
  .refine((r) => r.decision === 'approve' || r.note !== '', { params: { key: 'required' }, path: ['note'] });
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ModerationItem = z.object({ revision: PageRevision, runner: RunnerSummary, eventNameJa: z.string(), eventNameEn: z.string() });
export type ModerationItem = z.infer<typeof ModerationItem>;

export const MagicLinkResult = z.object({
  /** The address to give the runner by hand when no mail server is set up (shown once). */
  url: z.string(),
  expiresAt: z.string(),
  emailed: z.boolean(),
});
export type MagicLinkResult = z.infer<typeof MagicLinkResult>;

export const ReminderResult = z.object({ reminded: z.number().int(), emailed: z.number().int() });

// --- Dashboard ---------------------------------------------------------------------------------

export const EventDashboard = z.object({
  event: CharityEvent,
  today: z.string(),
  daysToRace: z.number().int(),
  /** Received through the runners (net of refunds), and promised but not yet received. */
  raisedYen: z.number().int(),
  pledgedYen: z.number().int(),
  donors: z.number().int(),
  counts: z.object({ behind: z.number().int(), onTrack: z.number().int(), reached: z.number().int() }),
  applications: z.record(ApplicationStatus, z.number().int()),
  pendingReviews: z.number().int(),
  runners: z.array(RunnerSummary),
  /** Below the minimum with a month or less to race day: the reminders to send. */
  needReminder: z.array(RunnerSummary),
});
export type EventDashboard = z.infer<typeof EventDashboard>;

// --- Campaign pages ----------------------------------------------------------------------------

export const CampaignPageInput = z.strictObject({
  slug: Code,
  titleJa: RequiredLine(200),
  titleEn: RequiredLine(200),
  storyJa: PlainText(4000).default(''),
  storyEn: PlainText(4000).default(''),
  paymentUrl: HttpsUrl.nullable().default(null),
  bankDetailsJa: PlainText(1000).default(''),
  bankDetailsEn: PlainText(1000).default(''),
  showFigures: z.boolean().default(true),
  isPublished: z.boolean().default(false),
  /** 0 when the page does not exist yet. */
  version: z.number().int().min(0),
});
export type CampaignPageInput = z.infer<typeof CampaignPageInput>;
export const CampaignPageSettings = z.object({
  campaignId: z.uuid(), slug: z.string(), titleJa: z.string(), titleEn: z.string(), storyJa: z.string(), storyEn: z.string(),
  paymentUrl: z.string().nullable(), bankDetailsJa: z.string(), bankDetailsEn: z.string(), showFigures: z.boolean(), isPublished: z.boolean(),
  publicPath: z.string(), version: z.number().int(),
});
export type CampaignPageSettings = z.infer<typeof CampaignPageSettings>;

// --- Public (no login) -------------------------------------------------------------------------

/** One entry of a donor wall: a name only if the donor gave one to show, an amount only if they chose. */
export const PublicWallEntry = z.strictObject({
  /** null: shown as 匿名 / Anonymous. */
  name: z.string().nullable(),
  amountYen: z.number().int().nullable(),
  message: z.string(),
  date: z.string(),
});
export type PublicWallEntry = z.infer<typeof PublicWallEntry>;

export const PublicThermometer = z.strictObject({ goalYen: z.number().int(), raisedYen: z.number().int(), percent: z.number().int(), supporters: z.number().int() });
export type PublicThermometer = z.infer<typeof PublicThermometer>;

export const PublicRunnerPage = z.strictObject({
  /** Who the gifts go to (the organisation's name). */
  organisationName: z.string(),
  eventCode: z.string(),
  eventNameJa: z.string(),
  eventNameEn: z.string(),
  raceOn: z.string(),
  slug: z.string(),
  displayName: z.string(),
  story: z.string(),
  /** /give/photos/<revision>.jpg, or null. */
  photoPath: z.string().nullable(),
  photoWidth: z.number().int().nullable(),
  photoHeight: z.number().int().nullable(),
  thermometer: PublicThermometer,
  wall: z.array(PublicWallEntry),
});
export type PublicRunnerPage = z.infer<typeof PublicRunnerPage>;

export const PublicEventPage = z.strictObject({
  organisationName: z.string(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  raceOn: z.string(),
  introJa: z.string(),
  introEn: z.string(),
  applicationsOpen: z.boolean(),
  applicationsCloseOn: z.string(),
  raisedYen: z.number().int(),
  runners: z.array(z.strictObject({ slug: z.string(), displayName: z.string(), photoPath: z.string().nullable(), goalYen: z.number().int(), raisedYen: z.number().int(), percent: z.number().int() })),
});
export type PublicEventPage = z.infer<typeof PublicEventPage>;

export const PublicCampaignPage = z.strictObject({
  organisationName: z.string(),
  slug: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  storyJa: z.string(),
  storyEn: z.string(),
  thermometer: PublicThermometer,
  /** The office's banded figures (advocacy's public figures), when the page shows them. */
  figures: PublicFigures.shape.figures,
  figuresFrom: z.string().nullable(),
  figuresTo: z.string().nullable(),
  figuresPeriod: PublicFigures.shape.period.nullable(),
  wall: z.array(PublicWallEntry),
});
export type PublicCampaignPage = z.infer<typeof PublicCampaignPage>;

/** The public gift form (a pledge: the payment happens on the platform or by bank transfer). */
export const PledgeInput = z.object({
  amountYen: z.coerce.number().pipe(Yen.min(500).max(10_000_000)),
  familyName: RequiredLine(100),
  givenName: PlainLine(100).default(''),
  familyNameKana: KanaReading.default(''),
  givenNameKana: KanaReading.default(''),
  email: Email,
  /** For a receipt (¥2,000 and more): 〒 and address. */
  postalCode: z.string().trim().max(20).default(''),
  address: PlainLine(300).default(''),
  wantsReceipt: z.union([z.literal('on'), z.boolean()]).optional().transform((v) => v === 'on' || v === true),
  /** How the donor appears on the wall: 'name' (the name below), 'anonymous', or 'hidden' (not listed). */
  wall: z.enum(['name', 'anonymous', 'hidden']).default('anonymous'),
  wallName: PlainLine(100).default(''),
  showAmount: z.union([z.literal('on'), z.boolean()]).optional().transform((v) => v === 'on' || v === true),
  message: PlainText(500).default(''),
  language: z.enum(['ja', 'en']).default('ja'),
}).refine((p) => p.wall !== 'name' || p.wallName !== '', { params: { key: 'required' }, path: ['wallName'] })
  .refine((p) => !p.wantsReceipt || (p.postalCode !== '' && p.address !== ''), { params: { key: 'required' }, path: ['address'] });
export type PledgeInput = z.infer<typeof PledgeInput>;

export const PledgeResult = z.strictObject({
  reference: z.string(),
  amountYen: z.number().int(),
  /** Where to pay by card, with the reference carried; else null and the bank details are shown. */
  paymentUrl: z.string().nullable(),
  bankDetails: z.string(),
});
export type PledgeResult = z.infer<typeof PledgeResult>;

/** A payment platform (or the office's own tool) tells Tobira a pledge was paid: HMAC-signed body. */
export const PaymentNotice = z.strictObject({
  reference: z.string().regex(/^[A-Z0-9]{8}$/),
  status: z.enum(['received', 'failed']),
  amountYen: Yen,
  receivedOn: IsoDate,
  externalId: z.string().max(200).optional(),
});
export type PaymentNotice = z.infer<typeof PaymentNotice>;
