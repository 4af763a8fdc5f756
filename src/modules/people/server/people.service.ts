import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import { hasSomeName, type CreatePersonInput, type Housing, type Person, type PersonFieldValues, type PersonSummary, type UpdatePersonInput } from '../contract';
import { foldForSearch, personSearchText, searchTokens } from '../search-text';
import { nextCounter } from '../../../server/db/counters';
import * as repo from './people.repository';
import { cardNumberPattern, normaliseCardNumber } from '../../cases/contract';

/** A person row as the short summary lists show. */
/** The person columns a summary needs: any query that selects them (with `id` the person's id) can use presentSummary. */
export type PersonSummaryRow = Pick<repo.PersonRow, 'id' | 'file_number' | 'family_name' | 'given_name' | 'name_in_own_script' | 'name_kana' | 'date_of_birth' | 'date_of_birth_estimated' | 'sex' | 'nationality'>;

/** A person's summary (names, file number, date of birth, sex, nationality) for lists in every module. */
export function presentSummary(row: PersonSummaryRow): PersonSummary {
  return {
    id: row.id,
    fileNumber: row.file_number,
    familyName: row.family_name,
    givenName: row.given_name,
    nameInOwnScript: row.name_in_own_script,
    nameKana: row.name_kana,
    dateOfBirth: row.date_of_birth,
    dateOfBirthEstimated: row.date_of_birth_estimated,
    sex: row.sex as Person['sex'],
    nationality: row.nationality,
  };
}

function present(row: repo.PersonRow): Person {
  return {
    ...presentSummary(row),
    languages: row.languages,
    phone: row.phone,
    housing: row.housing as Person['housing'],
    version: row.version,
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** File numbers read like "TB-000042": short enough to say at the desk, sortable. */
export function formatFileNumber(n: number): string {
  return `TB-${String(n).padStart(6, '0')}`;
}

const emptyToNull = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s);

/** Called inside the update's transaction when a person's housing changes (the case history keeps it). */
export type HousingChangeHook = (tx: DbOrTx, ctx: RequestContext, change: { personId: string; oldValue: string | null; newValue: string | null }) => Promise<void>;

/** Called inside the transaction of every write of a person's fields (the matching module re-indexes them). */
export type PersonWrittenHook = (tx: DbOrTx, organisationId: string, person: Person) => Promise<void>;

/**
 * The keyed hash under which case files are found by residence card number (the cases module's,
 * wired in src/server/services.ts); without it a card number finds nothing.
 */
export type ResidenceCardHash = (cardNumber: string) => string;

export function createPeopleService(
  db: Db,
  audit: AuditService,
  hooks: { onHousingChanged?: HousingChangeHook; onPersonWritten?: PersonWrittenHook; residenceCardHash?: ResidenceCardHash } = {},
) {
  /**
   * Finding a file by card number tells the searcher that this card belongs to a person on file,
   * and who: a disclosure of the case file, so only roles that may read case files get an answer.
   */
  async function findByResidenceCard(ctx: RequestContext, card: string, limit: number) {
    if (!ctx.actor.permissions.has('cases.read') || !hooks.residenceCardHash) return [];
    return repo.findByResidenceCardHash(db, ctx.actor.organisationId, hooks.residenceCardHash(card), limit);
  }


  return {
    /** Registers a person and gives them the organisation's next file number. */
    async create(ctx: RequestContext, input: CreatePersonInput, tx?: DbOrTx): Promise<Person> {
      const run = async (t: DbOrTx) => {
        const fileNumber = formatFileNumber(await nextCounter(t, ctx.actor.organisationId, 'person'));
        const fields = {
          family_name: input.familyName,
          given_name: input.givenName,
          name_in_own_script: emptyToNull(input.nameInOwnScript),
          name_kana: emptyToNull(input.nameKana),
          date_of_birth: input.dateOfBirth ?? null,
          date_of_birth_estimated: input.dateOfBirthEstimated,
          sex: input.sex,
          nationality: input.nationality ?? null,
          languages: input.languages,
          phone: emptyToNull(input.phone),
          housing: input.housing ?? null,
        };
        const row = await repo.insertPerson(t, {
          ...fields,
          organisation_id: ctx.actor.organisationId,
          file_number: fileNumber,
          created_by: ctx.actor.staffUserId,
          search_text: personSearchText({ fileNumber, familyName: fields.family_name, givenName: fields.given_name, nameInOwnScript: fields.name_in_own_script, nameKana: fields.name_kana, phone: fields.phone }),
        });
        await audit.record(t, ctx, { action: 'create', entityType: 'person', entityId: row.id });
        const person = present(row);
        await hooks.onPersonWritten?.(t, ctx.actor.organisationId, person);
        return person;
      };
      return tx ? run(tx) : db.transaction().execute(run);
    },

    /** Opens a person's file (audited as a read). */
    async get(ctx: RequestContext, id: string): Promise<Person> {
      const row = await repo.findPerson(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('person.not_found');
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: id });
      return present(row);
    },

    /** Throws person.not_found unless the person exists in the caller's organisation. */
    async assertExists(tx: DbOrTx, ctx: RequestContext, id: string, field = 'personId'): Promise<void> {
      const row = await repo.findPerson(tx, ctx.actor.organisationId, id);
      if (!row) throw new AppError(404, 'person.not_found', { [field]: { key: 'invalid' } });
    },

    /**
     * Throws unless new records may be added to this file: it must exist in the caller's
     * organisation (404) and must not have been merged into another file (409 person.merged; the
     * records belong on the surviving file, or they would be hidden with the merged one).
     */
    async assertWritable(tx: DbOrTx, ctx: RequestContext, id: string, field = 'personId'): Promise<void> {
      const row = await repo.findPerson(tx, ctx.actor.organisationId, id);
      if (!row) throw new AppError(404, 'person.not_found', { [field]: { key: 'invalid' } });
      if (row.merged_into_id) throw new AppError(409, 'person.merged', { [field]: { key: 'invalid' } });
    },

    /** Changes a person's fields; a stale `version` gets 409 instead of overwriting someone's edit. */
    async update(ctx: RequestContext, id: string, input: UpdatePersonInput): Promise<Person> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findPerson(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('person.not_found');
        if (current.merged_into_id) throw conflict('person.merged');
        if (current.version !== input.version) throw conflict('person.version_conflict');
        const { version, ...changes } = input;
        const patch: Partial<repo.PersonWrite> = {};
        if (changes.familyName !== undefined) patch.family_name = changes.familyName;
        if (changes.givenName !== undefined) patch.given_name = changes.givenName;
        if (changes.nameInOwnScript !== undefined) patch.name_in_own_script = emptyToNull(changes.nameInOwnScript);
        if (changes.nameKana !== undefined) patch.name_kana = emptyToNull(changes.nameKana);
        if (changes.dateOfBirth !== undefined) patch.date_of_birth = changes.dateOfBirth;
        if (changes.dateOfBirthEstimated !== undefined) patch.date_of_birth_estimated = changes.dateOfBirthEstimated;
        if (changes.sex !== undefined) patch.sex = changes.sex;
        if (changes.nationality !== undefined) patch.nationality = changes.nationality;
        if (changes.languages !== undefined) patch.languages = changes.languages;
        if (changes.phone !== undefined) patch.phone = emptyToNull(changes.phone);
        if (changes.housing !== undefined) patch.housing = changes.housing;
        const merged = {
          familyName: patch.family_name ?? current.family_name,
          givenName: patch.given_name ?? current.given_name,
          nameInOwnScript: 'name_in_own_script' in patch ? patch.name_in_own_script : current.name_in_own_script,
          nameKana: 'name_kana' in patch ? patch.name_kana : current.name_kana,
          phone: 'phone' in patch ? patch.phone : current.phone,
        };
        if (!hasSomeName(merged)) throw new AppError(400, 'validation.failed', { familyName: { key: 'name_required' } });
        patch.search_text = personSearchText({ fileNumber: current.file_number, ...merged });
        const row = await repo.updatePerson(tx, ctx.actor.organisationId, id, version, patch);
        if (!row) throw conflict('person.version_conflict');
        if ('housing' in patch && patch.housing !== current.housing) {
          await hooks.onHousingChanged?.(tx, ctx, { personId: id, oldValue: current.housing, newValue: patch.housing ?? null });
        }
        await audit.record(tx, ctx, { action: 'update', entityType: 'person', entityId: id, details: { fields: Object.keys(changes) } });
        const person = present(row);
        await hooks.onPersonWritten?.(tx, ctx.actor.organisationId, person);
        return person;
      });
    },

    /** The person's file locked for the rest of the transaction (merges), or undefined. */
    async lockForMerge(tx: DbOrTx, ctx: RequestContext, id: string): Promise<Person | undefined> {
      const row = await repo.lockPerson(tx, ctx.actor.organisationId, id);
      return row ? present(row) : undefined;
    },

    /**
     * Sets every editable field at once inside the caller's transaction (a merge and its undo, which
     * audit themselves); the search text is recomputed and a stale `version` gets 409.
     */
    async replaceFields(tx: DbOrTx, ctx: RequestContext, id: string, version: number, fields: PersonFieldValues): Promise<Person> {
      const current = await repo.findPerson(tx, ctx.actor.organisationId, id);
      if (!current) throw notFound('person.not_found');
      if (!hasSomeName(fields)) throw new AppError(400, 'validation.failed', { familyName: { key: 'name_required' } });
      const patch: Partial<repo.PersonWrite> = {
        family_name: fields.familyName,
        given_name: fields.givenName,
        name_in_own_script: emptyToNull(fields.nameInOwnScript),
        name_kana: emptyToNull(fields.nameKana),
        date_of_birth: fields.dateOfBirth,
        date_of_birth_estimated: fields.dateOfBirthEstimated,
        sex: fields.sex,
        nationality: fields.nationality,
        languages: fields.languages,
        phone: emptyToNull(fields.phone),
        housing: fields.housing,
      };
      patch.search_text = personSearchText({ fileNumber: current.file_number, ...fields });
      const row = await repo.updatePerson(tx, ctx.actor.organisationId, id, version, patch);
      if (!row) throw conflict('person.version_conflict');
      if (fields.housing !== current.housing) {
        await hooks.onHousingChanged?.(tx, ctx, { personId: id, oldValue: current.housing, newValue: fields.housing });
      }
      const person = present(row);
      await hooks.onPersonWritten?.(tx, ctx.actor.organisationId, person);
      return person;
    },

    /** Marks a file as merged into another, or (null) restores it to search and lists. */
    async setMergedInto(tx: DbOrTx, ctx: RequestContext, id: string, mergedIntoId: string | null): Promise<void> {
      await repo.setMergedInto(tx, ctx.actor.organisationId, id, mergedIntoId);
    },

    /** How many people the organisation has on file. */
    async count(organisationId: string, tx: DbOrTx = db): Promise<number> {
      return Number((await repo.countPeople(tx, organisationId)).n);
    },

    /** People whose current housing is `housing` (e.g. sleeping rough), audited as a list read. */
    async listByHousing(ctx: RequestContext, housing: Housing, limit = 500): Promise<PersonSummary[]> {
      const rows = await repo.listByHousing(db, ctx.actor.organisationId, housing, limit);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', details: { list: `housing:${housing}`, results: rows.length } });
      return rows.map(presentSummary);
    },

    /** Finds people by any name form, file number or phone as the reception desk types (by residence card number with cases.read). */
    async search(ctx: RequestContext, query: string, limit: number): Promise<PersonSummary[]> {
      // A residence card number (typed with spaces, hyphens or in full width) finds the file that
      // holds it, for those who may read case files; for anyone else it finds nothing.
      const card = normaliseCardNumber(query);
      const rows = cardNumberPattern.test(card)
        ? await findByResidenceCard(ctx, card, limit)
        : await repo.searchPeople(db, ctx.actor.organisationId, searchTokens(query), foldForSearch(query), limit);
      // The query itself may be a name: the audit keeps only how many files were listed.
      await audit.record(db, ctx, { action: 'search', entityType: 'person', details: { results: rows.length } });
      return rows.map(presentSummary);
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
