import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of migrations/0020_runners.sql. Dates are 'YYYY-MM-DD'; yen are integers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CharityEventTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  name_ja: string;
  name_en: string;
  race_on: string;
  minimum_yen: number;
  applications_open_on: string;
  applications_close_on: string;
  places: number;
  campaign_id: string;
  payment_url: string | null;
  bank_details_ja: Generated<string>;
  bank_details_en: Generated<string>;
  intro_ja: Generated<string>;
  intro_en: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export type ApplicationStatus = 'submitted' | 'shortlisted' | 'selected' | 'waitlisted' | 'declined';

export interface RunnerApplicationTable {
  id: Generated<string>;
  organisation_id: string;
  event_id: string;
  family_name: string;
  given_name: Generated<string>;
  family_name_kana: Generated<string>;
  given_name_kana: Generated<string>;
  email: string;
  phone: Generated<string>;
  motivation: string;
  plan: string;
  language: 'ja' | 'en';
  consented_at: Timestamp;
  status: Generated<ApplicationStatus>;
  decision_reason: Generated<string>;
  decision_message: Generated<string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface RunnerTable {
  id: Generated<string>;
  organisation_id: string;
  event_id: string;
  application_id: string | null;
  supporter_id: string;
  code: string;
  slug: string;
  goal_yen: number;
  status: Generated<'active' | 'withdrawn'>;
  published_revision_id: string | null;
  last_reminded_at: Timestamp | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export type RevisionStatus = 'pending' | 'approved' | 'rejected' | 'superseded';

export interface RunnerPageRevisionTable {
  id: Generated<string>;
  organisation_id: string;
  runner_id: string;
  display_name: string;
  story: string;
  goal_yen: number;
  photo: Buffer | null;
  photo_width: number | null;
  photo_height: number | null;
  status: Generated<RevisionStatus>;
  review_note: Generated<string>;
  submitted_by: 'runner' | 'staff';
  created_at: Generated<Date>;
  created_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
}

export interface RunnerMagicLinkTable {
  id: Generated<string>;
  organisation_id: string;
  runner_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RunnerEditSessionTable {
  token_hash: string;
  organisation_id: string;
  runner_id: string;
  link_id: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface CampaignPageTable {
  campaign_id: string;
  organisation_id: string;
  slug: string;
  title_ja: string;
  title_en: string;
  story_ja: Generated<string>;
  story_en: Generated<string>;
  payment_url: string | null;
  bank_details_ja: Generated<string>;
  bank_details_en: Generated<string>;
  show_figures: Generated<boolean>;
  is_published: Generated<boolean>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface PageGiftTable {
  gift_id: string;
  organisation_id: string;
  campaign_id: string;
  runner_id: string | null;
  reference: string;
  on_wall: Generated<boolean>;
  wall_name: Generated<string>;
  show_amount: Generated<boolean>;
  message: Generated<string>;
  hidden_at: Timestamp | null;
  hidden_by: string | null;
  created_at: Generated<Date>;
}

export interface RunnerTables {
  charity_event: CharityEventTable;
  runner_application: RunnerApplicationTable;
  runner: RunnerTable;
  runner_page_revision: RunnerPageRevisionTable;
  runner_magic_link: RunnerMagicLinkTable;
  runner_edit_session: RunnerEditSessionTable;
  campaign_page: CampaignPageTable;
  page_gift: PageGiftTable;
}
