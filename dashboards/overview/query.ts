/** 总览: how many warnings, flags and projects at risk, how events trend, and what changed since the last build. */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';

export interface OverviewData {
  warnings: Array<{ level: string; status: string; n: number }>;
  /** Entities (not entity × domain rows); `screened`: the union of the three, the screening report's list. */
  flags: { repeat: number; cross: number; persistent: number; screened: number };
  projects: Array<{ level: string | null; n: number }>;
  eventsByMonth: Array<{ month: string; events: number }>;
  changes: Array<{ kind: string; status: string; n: number }>;
}

const n = sql<number>`count(*)::integer`.as('n');

/** Every warning has its kind, level and status (models/marts/warnings.sql), though the YAML tests only the id. */
type Classified = { kind: NotNull; level: NotNull; status: NotNull };

/** `department`: a department user's own department, whose warnings alone are counted (lib/auth/scope.ts). */
export async function overviewData(db: Db, department: string | null = null): Promise<OverviewData> {
  const k = queryDb(db);
  const warnings = () =>
    department === null ? k.selectFrom('warnings') : k.selectFrom('warnings').where('subject_id', '=', department);
  const count = async (table: 'cross_domain_violators' | 'persistent_violators') =>
    (await k.selectFrom(table).select(n).executeTakeFirstOrThrow()).n;
  return {
    warnings: await warnings()
      .select(['level', 'status', n])
      .$narrowType<Classified>()
      .groupBy(['level', 'status'])
      .orderBy('level')
      .orderBy('status')
      .execute(),
    flags: {
      repeat: (
        await k
          .selectFrom('repeat_violators')
          .select(sql<number>`count(distinct uscc)::integer`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      cross: await count('cross_domain_violators'),
      persistent: await count('persistent_violators'),
      screened: await db.value<number>(
        `select count(*)::integer from (select uscc from repeat_violators union select uscc from cross_domain_violators
         union select uscc from persistent_violators)`,
      ),
    },
    projects: await k.selectFrom('key_project_risk').select(['risk_level as level', n]).groupBy('risk_level').execute(),
    eventsByMonth: await k
      .selectFrom('sector_heatmap')
      .select(['month', sql<number>`sum(events)::integer`.as('events')])
      // Every heatmap row has its month (the mart's grain), though the YAML does not test it yet.
      .$narrowType<{ month: NotNull }>()
      .groupBy('month')
      .orderBy('month')
      .execute(),
    changes: await warnings()
      .select(['kind', 'status', n])
      .$narrowType<Classified>()
      .where('status', '<>', 'ongoing')
      .groupBy(['kind', 'status'])
      .orderBy('kind')
      .orderBy('status')
      .execute(),
  };
}
