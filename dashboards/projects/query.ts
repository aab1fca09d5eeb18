/** 重点项目: every key project by risk level, and one project's parties, roles, signals and evidence. */
import type { Db } from '../../lib/db.js';

export interface ProjectRow {
  project_id: string;
  project_name: string;
  risk_level: string;
  signal_count: number;
  project_type: string | null;
  project_status: string | null;
}

export async function projectBoard(db: Db): Promise<ProjectRow[]> {
  return db.all(
    `select k.project_id, k.project_name, k.risk_level, k.signal_count, any_value(p.project_type) as project_type, any_value(p.project_status) as project_status
     from key_project_risk as k left join entity_projects as p on p.project_id = k.project_id
     group by k.project_id, k.project_name, k.risk_level, k.signal_count
     order by case k.risk_level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end, k.signal_count desc, k.project_id`,
  );
}

export interface ProjectDetail {
  project: ProjectRow | null;
  parties: Array<{ uscc: string; party_name: string; role: string; file: string | null; row_number: number }>;
  signals: Array<{ uscc: string; party_name: string; role: string; kind: string; level: string; evidence: string[] }>;
}

export async function projectDetail(db: Db, projectId: string): Promise<ProjectDetail> {
  const project = (await projectBoard(db)).find((p) => p.project_id === projectId) ?? null;
  return {
    project,
    parties: await db.all(
      `select p.uscc, p.party_name, p.role, f.file_name as file, p.row_number
       from entity_projects as p left join ingest.files as f on f.file_id = p.file_id
       where p.project_id = ? order by p.role, p.uscc`,
      [projectId],
    ),
    signals: await db.all(
      `select uscc, party_name, role, kind, level, evidence from key_project_signals where project_id = ?
       order by case level when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end, kind, uscc`,
      [projectId],
    ),
  };
}
