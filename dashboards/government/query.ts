/** 政务诚信: the published government-integrity list and the 双清零 indicator. */
import type { Db } from '../../lib/db.js';

export interface GovernmentBody {
  uscc: string;
  name: string | null;
  registration_category: string;
  court_case_count: number;
  broken_commitment_count: number;
  arrears_account_count: number;
  evidence: string[];
}

export interface SupervisionIndicator {
  indicator_id: string;
  value: number | null;
  target: number;
  comparator: string;
  met: boolean;
}

/** Bodies on the court list first: 双清零 drives those to zero before anything else. */
export async function governmentBodies(db: Db): Promise<GovernmentBody[]> {
  const rows = await db.all<GovernmentBody>(
    `select uscc, name, registration_category, court_case_count::integer as court_case_count,
       broken_commitment_count::integer as broken_commitment_count,
       arrears_account_count::integer as arrears_account_count, evidence
     from government_integrity order by court_case_count desc, uscc`,
  );
  return rows.map((r) => ({ ...r, evidence: [...(r.evidence as unknown as string[])] }));
}

export async function supervisionIndicators(db: Db): Promise<SupervisionIndicator[]> {
  return db.all<SupervisionIndicator>(
    `select indicator_id, value, target, comparator, met from supervision_indicators order by indicator_id`,
  );
}
