/** 重点项目: every key project by risk level, and one project's parties, roles, signals and evidence. */
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../lib/db.js';
import { queryDb } from '../../lib/kysely/queryDb.js';

export interface ProjectRow {
  project_id: string;
  project_name: string;
  risk_level: string;
  signal_count: number;
  project_type: string | null;
  project_status: string | null;
}

const LEVEL_ORDER = sql`case level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`;

export async function projectBoard(db: Db): Promise<ProjectRow[]> {
  return (
    queryDb(db)
      .selectFrom('key_project_risk as k')
      .leftJoin('entity_projects as p', 'p.project_id', 'k.project_id')
      .select(['k.project_id', 'k.project_name', 'k.risk_level', 'k.signal_count'])
      .select([
        sql<string | null>`any_value(p.project_type)`.as('project_type'),
        sql<string | null>`any_value(p.project_status)`.as('project_status'),
      ])
      // Every key project has its name, level and signal count (models/marts/key_project_risk.sql).
      .$narrowType<{ project_name: NotNull; risk_level: NotNull; signal_count: NotNull }>()
      .groupBy(['k.project_id', 'k.project_name', 'k.risk_level', 'k.signal_count'])
      .orderBy(sql`case k.risk_level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`)
      .orderBy('k.signal_count', 'desc')
      .orderBy('k.project_id')
      .execute()
  );
}

export interface ProjectDetail {
  project: ProjectRow | null;
  parties: Array<{ uscc: string; party_name: string; role: string; file: string | null; row_number: number }>;
  signals: Array<{ uscc: string; party_name: string; role: string; kind: string; level: string; evidence: string[] }>;
}

export async function projectDetail(db: Db, projectId: string): Promise<ProjectDetail> {
  const project = (await projectBoard(db)).find((p) => p.project_id === projectId) ?? null;
  const k = queryDb(db);
  return {
    project,
    parties: await k
      .selectFrom('entity_projects as p')
      .leftJoin('ingest.files as f', 'f.file_id', 'p.file_id')
      .select(['p.uscc', 'p.party_name', 'p.role', 'f.file_name as file', 'p.row_number'])
      // A party row names its party and role, from a file row (models/marts/profile/entity_projects.sql).
      .$narrowType<{ party_name: NotNull; role: NotNull; row_number: NotNull }>()
      .where('p.project_id', '=', projectId)
      .orderBy('p.role')
      .orderBy('p.uscc')
      .execute(),
    signals: await k
      .selectFrom('key_project_signals')
      .select(['uscc', 'party_name', 'role', 'kind', 'level', 'evidence'])
      .$narrowType<{ uscc: NotNull; party_name: NotNull; role: NotNull; kind: NotNull; level: NotNull }>()
      .$narrowType<{ evidence: NotNull }>()
      .where('project_id', '=', projectId)
      .orderBy(LEVEL_ORDER)
      .orderBy('kind')
      .orderBy('uscc')
      .execute(),
  };
}
