import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import { personFieldNames, type Person, type PersonFieldValues } from '../../people/contract';
import type { PeopleService } from '../../people/server/people.service';
import { mergeFields, MergeChoices, type CreateMergeInput, type KeptCount, type MergeField, type MergePreview, type PersonMerge, type UndoResult } from '../contract';
import * as repo from './merge.repository';
import type { KeptRowGroup, RowGroup } from './merge.tables';

/** The merge field a person field belongs to (the estimated flag goes with the date of birth). */
const mergeFieldOf = (field: keyof PersonFieldValues): MergeField => (field === 'dateOfBirthEstimated' ? 'dateOfBirth' : field);

const fieldValues = (p: Person): PersonFieldValues => Object.fromEntries(personFieldNames.map((f) => [f, p[f]])) as PersonFieldValues;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameLanguages = (a: string[], b: string[]) => same([...a].sort(), [...b].sort());

/** The survivor's fields after the merge, per the caseworker's choices. */
export function chooseFields(survivor: PersonFieldValues, merged: PersonFieldValues, choose: MergeChoices): PersonFieldValues {
  const from = (field: MergeField) => (choose[field] === 'merged' ? merged : survivor);
  return {
    familyName: from('familyName').familyName,
    givenName: from('givenName').givenName,
    nameInOwnScript: from('nameInOwnScript').nameInOwnScript,
    nameKana: from('nameKana').nameKana,
    dateOfBirth: from('dateOfBirth').dateOfBirth,
    dateOfBirthEstimated: from('dateOfBirth').dateOfBirthEstimated,
    sex: from('sex').sex,
    nationality: from('nationality').nationality,
    languages: choose.languages === 'both' ? [...new Set([...survivor.languages, ...merged.languages])] : from('languages').languages,
    phone: from('phone').phone,
    housing: from('housing').housing,
  };
}

/** The fields on which two files disagree: the ones a caseworker has to choose. */
export function differingFields(a: PersonFieldValues, b: PersonFieldValues): MergeField[] {
  return mergeFields.filter((field) => {
    if (field === 'languages') return !sameLanguages(a.languages, b.languages);
    if (field === 'dateOfBirth') return a.dateOfBirth !== b.dateOfBirth || a.dateOfBirthEstimated !== b.dateOfBirthEstimated;
    return !same(a[field], b[field]);
  });
}

const keptCounts = (groups: KeptRowGroup[]): KeptCount[] => groups.map((g) => ({ table: g.table, column: g.column, reason: g.reason, count: g.keys.length }));

function present(row: repo.MergeRow): PersonMerge {
  return {
    id: row.id,
    survivorId: row.survivor_id,
    survivorFileNumber: row.survivor_file_number,
    mergedId: row.merged_id,
    mergedFileNumber: row.merged_file_number,
    choices: MergeChoices.parse(row.choices),
    moved: (row.moved_rows as unknown as RowGroup[]).map((g) => ({ table: g.table, column: g.column, count: g.keys.length })),
    kept: keptCounts(row.kept_rows as unknown as KeptRowGroup[]),
    mergedBy: row.merged_by_name,
    mergedAt: row.merged_at.toISOString(),
    undoneBy: row.undone_by_name,
    undoneAt: row.undone_at ? row.undone_at.toISOString() : null,
  };
}

export function createMergeService(db: Db, audit: AuditService, people: PeopleService) {
  /** Both files, locked (in id order, so two merges cannot deadlock), checked mergeable. */
  async function lockPair(tx: DbOrTx, ctx: RequestContext, survivorId: string, mergedId: string, otherField: string) {
    if (survivorId === mergedId) throw new AppError(400, 'merge.same_person', { [otherField]: { key: 'invalid' } });
    const [first, second] = [survivorId, mergedId].sort();
    const locked = new Map<string, Person | undefined>();
    for (const id of [first, second] as string[]) locked.set(id, await people.lockForMerge(tx, ctx, id));
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor || !merged) throw notFound('person.not_found');
    if (survivor.mergedIntoId || merged.mergedIntoId) throw conflict('merge.already_merged');
    return { survivor, merged };
  }

  /** One merge record (no audit of its own: the merge and its undo are audited on both files). */
  async function get(ctx: RequestContext, mergeId: string): Promise<PersonMerge> {
    const row = await repo.findMerge(db, ctx.actor.organisationId, mergeId);
    if (!row) throw notFound('merge.not_found');
    return present(row);
  }

  return {
    get,

    /** Both files side by side, what differs and what would move or stay (audited as a read of both). */
    async preview(ctx: RequestContext, survivorId: string, otherId: string): Promise<MergePreview> {
      return db.transaction().execute(async (tx) => {
        const { survivor, merged } = await lockPair(tx, ctx, survivorId, otherId, 'otherId');
        const linked: MergePreview['linked'] = [];
        const kept: KeptCount[] = [];
        for (const link of await repo.findPersonLinks(tx)) {
          const n = await repo.countLinked(tx, link, survivorId, otherId);
          if (n.survivor + n.merged > 0) linked.push({ table: link.table, column: link.column, survivor: n.survivor, merged: n.merged });
          if (link.primaryKey.length === 0 && n.merged > 0) kept.push({ table: link.table, column: link.column, reason: 'no_key', count: n.merged });
          else {
            if (n.selfLink > 0) kept.push({ table: link.table, column: link.column, reason: 'self_link', count: n.selfLink });
            if (n.unique > 0) kept.push({ table: link.table, column: link.column, reason: 'unique', count: n.unique });
          }
        }
        for (const id of [survivorId, otherId]) await audit.record(tx, ctx, { action: 'read', entityType: 'person', entityId: id, details: { view: 'merge_preview' } });
        return { survivor, merged, differingFields: differingFields(fieldValues(survivor), fieldValues(merged)), linked, kept };
      });
    },

    /**
     * Merges one file into another in one transaction: the survivor takes the chosen values and
     * every linked record that can move; the merged file is hidden and remembers where it went.
     */
    async merge(ctx: RequestContext, input: CreateMergeInput): Promise<PersonMerge> {
      const id = await db.transaction().execute(async (tx) => {
        const { survivor, merged } = await lockPair(tx, ctx, input.survivorId, input.mergedId, 'mergedId');
        if (survivor.version !== input.survivorVersion || merged.version !== input.mergedVersion) throw conflict('merge.version_conflict');
        const before = fieldValues(survivor);
        const after = fieldValues(await people.replaceFields(tx, ctx, survivor.id, survivor.version, chooseFields(before, fieldValues(merged), input.choose)));
        await people.setMergedInto(tx, ctx, merged.id, survivor.id);
        const moved: RowGroup[] = [];
        const kept: KeptRowGroup[] = [];
        for (const link of await repo.findPersonLinks(tx)) {
          const result = await repo.moveLinked(tx, link, survivor.id, merged.id);
          if (result.moved) moved.push(result.moved);
          kept.push(...result.kept);
        }
        const row = await repo.insertMerge(tx, {
          organisation_id: ctx.actor.organisationId,
          survivor_id: survivor.id,
          merged_id: merged.id,
          choices: JSON.stringify(input.choose),
          survivor_before: JSON.stringify(before),
          survivor_after: JSON.stringify(after),
          moved_rows: JSON.stringify(moved),
          kept_rows: JSON.stringify(kept),
          merged_by: ctx.actor.staffUserId,
        });
        const details = { mergeId: row.id, movedRows: moved.reduce((n, g) => n + g.keys.length, 0), keptRows: kept.reduce((n, g) => n + g.keys.length, 0) };
        await audit.record(tx, ctx, { action: 'merge', entityType: 'person', entityId: survivor.id, details: { ...details, role: 'survivor', otherId: merged.id } });
        await audit.record(tx, ctx, { action: 'merge', entityType: 'person', entityId: merged.id, details: { ...details, role: 'merged', otherId: survivor.id } });
        return row.id;
      });
      return get(ctx, id);
    },

    /**
     * Undoes a merge: exactly the recorded rows go back, the merged file reappears, and each field of
     * the survivor the merge changed gets its old value back unless someone edited it since (that edit is kept).
     */
    async undo(ctx: RequestContext, mergeId: string): Promise<UndoResult> {
      const outcome = await db.transaction().execute(async (tx) => {
        const mergeRow = await repo.lockMerge(tx, ctx.actor.organisationId, mergeId);
        if (!mergeRow) throw notFound('merge.not_found');
        if (mergeRow.undone_at) throw conflict('merge.already_undone');
        const record = await repo.findMerge(tx, ctx.actor.organisationId, mergeId);
        if (!record) throw notFound('merge.not_found');
        const [first, second] = [record.survivor_id, record.merged_id].sort();
        const locked = new Map<string, Person | undefined>();
        for (const id of [first, second] as string[]) locked.set(id, await people.lockForMerge(tx, ctx, id));
        const survivor = locked.get(record.survivor_id);
        if (!survivor) throw notFound('person.not_found');
        // Undo the later merge first: the survivor's rows now live in another file.
        if (survivor.mergedIntoId) throw conflict('merge.survivor_merged');

        let rowsNotFound = 0;
        for (const group of record.moved_rows as unknown as RowGroup[]) {
          rowsNotFound += group.keys.length - (await repo.moveBack(tx, group, record.survivor_id, record.merged_id));
        }
        const before = record.survivor_before as unknown as PersonFieldValues;
        const after = record.survivor_after as unknown as PersonFieldValues;
        const current = fieldValues(survivor);
        const restored = { ...current } as Record<keyof PersonFieldValues, unknown>;
        const fieldsKept = new Set<MergeField>();
        for (const field of personFieldNames) {
          if (same(before[field], after[field])) continue;
          if (same(current[field], after[field])) restored[field] = before[field];
          else fieldsKept.add(mergeFieldOf(field));
        }
        // The date of birth and its estimated flag travel together.
        if (fieldsKept.has('dateOfBirth')) {
          restored.dateOfBirth = current.dateOfBirth;
          restored.dateOfBirthEstimated = current.dateOfBirthEstimated;
        }
        if (!same(restored, current)) await people.replaceFields(tx, ctx, survivor.id, survivor.version, restored as PersonFieldValues);
        await people.setMergedInto(tx, ctx, record.merged_id, null);
        await repo.markUndone(tx, mergeId, ctx.actor.staffUserId);
        const details = { mergeId, rowsNotFound, fieldsKept: [...fieldsKept] };
        await audit.record(tx, ctx, { action: 'unmerge', entityType: 'person', entityId: record.survivor_id, details: { ...details, role: 'survivor', otherId: record.merged_id } });
        await audit.record(tx, ctx, { action: 'unmerge', entityType: 'person', entityId: record.merged_id, details: { ...details, role: 'merged', otherId: record.survivor_id } });
        return { rowsNotFound, fieldsKept: mergeFields.filter((f) => fieldsKept.has(f)) };
      });
      return { ...(await get(ctx, mergeId)), ...outcome };
    },

    /** The merges a file took part in, as survivor or as merged file, newest first (audited as a read). */
    async listForPerson(ctx: RequestContext, personId: string): Promise<PersonMerge[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const rows = await repo.listMergesOfPerson(db, ctx.actor.organisationId, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'merges' } });
      return rows.map(present);
    },
  };
}
export type MergeService = ReturnType<typeof createMergeService>;
