/**
 * The follow-ups escalated to the credit office in a build (the follow_up_escalated warnings, docs/rules.md),
 * as department and evidence record id (`follow_up:<report_no>|<uscc>`), for the 跟踪督办 page's 升级 mark.
 */
import type { Db } from '../db.js';

/** `<department>\u0000follow_up:<report_no>|<uscc>` of each escalated assignment. */
export const escalationKey = (department: string, reportNo: string, uscc: string): string =>
  `${department}\u0000follow_up:${reportNo}|${uscc}`;

export async function escalatedFollowUps(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ department: string; record_id: string }>(
    `select subject_id as department, unnest(evidence) as record_id from warnings
     where kind = 'follow_up_escalated' and status <> 'resolved'`,
  );
  return new Set(rows.map((r) => `${r.department}\u0000${r.record_id}`));
}
