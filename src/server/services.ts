import { createAssistanceService } from '../modules/assistance/server/assistance.service';
import { createAuditService } from '../modules/audit/server/audit.service';
import { createConsultationsService } from '../modules/consultations/server/consultations.service';
import { createPeopleService } from '../modules/people/server/people.service';
import { createReceptionService } from '../modules/reception/server/reception.service';
import { createStaffService } from '../modules/staff/server/staff.service';
import { createTimelineService } from '../modules/timeline/server/timeline.service';
import { createFieldCipher } from './crypto/field-cipher';
import type { Db } from './db/database';

/** Every module's service, wired once: a module reaches another only through these. */
export function createServices(deps: { db: Db; secretKey: Buffer; sessionHours: number }) {
  const { db } = deps;
  /** Encrypts sensitive fields and documents at rest (see crypto/field-cipher.ts). */
  const cipher = createFieldCipher(deps.secretKey);
  const audit = createAuditService(db);
  const staff = createStaffService({ db, audit, secretKey: deps.secretKey, sessionHours: deps.sessionHours });
  const people = createPeopleService(db, audit);
  const reception = createReceptionService(db, audit, people);
  const consultations = createConsultationsService(db, audit, people, reception);
  const assistance = createAssistanceService(db, audit, people, reception);
  const timeline = createTimelineService({ db, audit, people, reception, consultations, assistance });
  return { db, cipher, audit, staff, people, reception, consultations, assistance, timeline };
}
export type Services = ReturnType<typeof createServices>;
