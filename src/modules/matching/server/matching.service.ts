import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import type { AuditService } from '../../audit/server/audit.service';
import type { Person } from '../../people/contract';
import { presentSummary } from '../../people/server/people.service';
import type { MatchInput, MatchResult } from '../contract';
import { matchKeys, matchProfile, rankCandidates, type MatchProfile } from './match-score';
import * as repo from './matching.repository';

/**
 * The version of the key rules (match-names.ts, matchKeys). Raise it when they change: start-up
 * then recomputes every person's keys.
 */
export const MATCH_RULES_VERSION = 1;

/** How many people, chosen by shared keys, are scored in full. */
const CANDIDATE_POOL = 200;
/** A key shared by more people than this is counted only this far, and weighs the least (see findCandidates). */
const COMMON_KEY_CAP = 1000;
/** Weight of each kind of key: whole words count most, prefixes and the birth year least. */
const KEY_KIND_WEIGHT: Record<string, number> = { s: 1, o: 1, f: 1.5, p: 0.4, y: 0.3 };

type PersonNames = Pick<Person, 'familyName' | 'givenName' | 'nameInOwnScript' | 'nameKana' | 'dateOfBirth' | 'dateOfBirthEstimated' | 'sex' | 'nationality'>;

/** The match keys of a person, as stored. */
export function personMatchKeys(p: PersonNames): string[] {
  return matchKeys(matchProfile(p));
}

function profileOfRow(row: repo.MatchPersonRow): MatchProfile {
  return matchProfile(presentSummary(row));
}

export function createMatchingService(db: Db, audit: AuditService) {
  return {
    /** Writes a person's match keys inside the caller's transaction (called on every create and update). */
    async indexPerson(tx: DbOrTx, organisationId: string, person: Person): Promise<void> {
      await repo.replaceKeys(tx, [{ personId: person.id, organisationId, version: person.version, keys: personMatchKeys(person) }], MATCH_RULES_VERSION);
    },

    /**
     * Indexes, in batches, every person whose keys are missing or stale (people written before
     * this module, bulk imports, demo data, a change of the key rules). Run at start-up.
     * Returns how many people were indexed.
     */
    async reindexStale(batchSize = 1000): Promise<number> {
      let total = 0;
      let afterId: string | null = null;
      for (;;) {
        const rows = await repo.findStalePeople(db, MATCH_RULES_VERSION, afterId, batchSize);
        if (rows.length === 0) return total;
        afterId = rows[rows.length - 1]?.id ?? null;
        const people = rows.map((row) => ({ personId: row.id, organisationId: row.organisation_id, version: row.version, keys: matchKeys(profileOfRow(row)) }));
        await db.transaction().execute((tx) => repo.replaceKeys(tx, people, MATCH_RULES_VERSION));
        total += rows.length;
      }
    },

    /**
     * Finds the files that may belong to a walk-in, best first: up to 10, each 'strong' (almost
     * surely the same person) or 'possible'. People merged into another file are left out.
     */
    async match(ctx: RequestContext, input: MatchInput): Promise<MatchResult> {
      const organisationId = ctx.actor.organisationId;
      const profile = matchProfile(input);
      const keys = matchKeys(profile);
      const rows = await repo.findCandidates(db, organisationId, keys, keys.map((k) => KEY_KIND_WEIGHT[k.slice(0, 1)] ?? 1), COMMON_KEY_CAP, CANDIDATE_POOL);
      const ranked = rankCandidates(profile, rows.map((row) => ({ item: row, profile: profileOfRow(row) })), 10);
      // The query is a name: the audit keeps only how many files were proposed.
      await audit.record(db, ctx, { action: 'search', entityType: 'person', details: { results: ranked.length, purpose: 'match' } });
      return {
        candidates: ranked.map((c) => ({ id: c.item.id, score: c.score, level: c.level, person: presentSummary(c.item) })),
      };
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
