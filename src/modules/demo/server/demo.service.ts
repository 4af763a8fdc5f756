import type { Services } from '../../../server/services';

/** Loads demo data once (placeholder until the generator lands); returns a summary or null. */
export async function loadDemoData(_services: Services, _organisationId: string): Promise<string | null> {
  return null;
}
