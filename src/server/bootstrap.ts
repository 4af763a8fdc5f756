import { generatePassword } from '../modules/staff/server/staff.service';
import type { Config } from './config';
import type { Services } from './services';

export interface BootstrapResult {
  organisationId: string;
  /** Set only when this start created the first administrator with a generated password. */
  generatedAdmin: { email: string; password: string } | null;
  createdAdmin: string | null;
}

/** The organisation this installation serves; a new one starts with the default aid catalogue and barrier taxonomy. */
export async function ensureOrganisation(services: Services, name = process.env.TOBIRA_ORGANISATION_NAME ?? 'Tobira') {
  const org = await services.staff.ensureOrganisation(name);
  if (org.created) await services.assistance.seedDefaultCatalogue(services.db, org.id);
  // An organisation from before the advocacy module gets its barriers on the first start after it.
  await services.advocacy.ensureDefaultBarriers(org.id);
  await services.fundraising.gifts.ensureDefaultFunds(org.id);
  return org;
}

/**
 * First start: the organisation (with the default aid catalogue) and, when no staff account
 * exists, the administrator from TOBIRA_ADMIN_EMAIL / TOBIRA_ADMIN_PASSWORD or a generated one.
 */
export async function bootstrap(services: Services, config: Pick<Config, 'adminEmail' | 'adminPassword'>, organisationName = process.env.TOBIRA_ORGANISATION_NAME ?? 'Tobira'): Promise<BootstrapResult> {
  const org = await ensureOrganisation(services, organisationName);
  if ((await services.staff.count()) > 0) return { organisationId: org.id, generatedAdmin: null, createdAdmin: null };

  const email = (config.adminEmail ?? 'admin@tobira.local').toLowerCase();
  const password = config.adminPassword ?? generatePassword();
  await services.staff.addUser(org.id, { email, displayName: 'Administrator / 管理者', role: 'admin', language: 'ja', password });
  return { organisationId: org.id, generatedAdmin: config.adminPassword ? null : { email, password }, createdAdmin: email };
}
