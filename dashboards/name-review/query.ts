/**
 * 名称匹配复核: the names records carry without a valid USCC that rules.md §1 cannot resolve (the
 * name_review_names mart), each with the similar-name suggestions the credit check computes
 * (dashboards/check/query.ts suggestionsFor), less those a reviewer rejected; and whether a suggested
 * name → USCC pair may be judged at all.
 */
import type { Config } from '../../lib/config/schema.js';
import type { Db } from '../../lib/db.js';
import { pairKey, type ReviewedNames } from '../../lib/nameReview/store.js';
import { norm } from '../../lib/validate/text.js';
import { suggestionsFor, type Suggestion } from '../check/query.js';
import { mainTables } from '../profile/entity.js';

export interface ReviewName {
  name_norm: string;
  name: string;
  sources: string[];
  records: number;
  suggestions: Suggestion[];
}

export interface ReviewQueue {
  /** Names not yet judged (no confirmed judgement in force, none attached in this build). */
  total: number;
  names: ReviewName[];
  /** name_norm → records the build attached by a confirmed judgement, and to which USCC. */
  attached: Map<string, { uscc: string; records: number }>;
}

export const REVIEW_MART = 'name_review_names';

export async function hasReviewMart(db: Db): Promise<boolean> {
  return (await mainTables(db)).has(REVIEW_MART);
}

/** The page's names, most records first; suggestions for those names only (each is compared with every name known). */
export async function reviewQueue(
  db: Db,
  reviewed: ReviewedNames,
  opts: { limit: number; offset: number; suggestions: Readonly<Config['checks']['suggestions']> },
): Promise<ReviewQueue> {
  const confirmed = [...reviewed.confirmed.keys()];
  const pending = `from name_review_names where reviewed_uscc is null and name_norm not in (select unnest(?::varchar[]))`;
  const total = await db.value<number>(`select count(*)::integer ${pending}`, [confirmed]);
  const rows = await db.all<Omit<ReviewName, 'suggestions'>>(
    `select name_norm, name, sources, records ${pending} order by records desc, name_norm limit ? offset ?`,
    [confirmed, opts.limit, opts.offset],
  );
  const suggested = await suggestionsFor(
    db,
    rows.map((r) => r.name_norm),
    { ...opts.suggestions, max_names: rows.length },
  );
  const attachedRows = await db.all<{ name_norm: string; uscc: string; records: number }>(
    `select name_norm, reviewed_uscc as uscc, records from name_review_names where reviewed_uscc is not null`,
  );
  return {
    total,
    names: rows.map((r) => ({
      ...r,
      suggestions: (suggested.get(r.name_norm) ?? []).filter(
        (s) => !reviewed.rejected.has(pairKey(r.name_norm, s.uscc)),
      ),
    })),
    attached: new Map(attachedRows.map((r) => [r.name_norm, { uscc: r.uscc, records: r.records }])),
  };
}

/**
 * The suggestion a judgement answers, or why it cannot be judged: only a name the build lists for review
 * (records carry it, the register does not) and a USCC the review suggests for it.
 */
export async function judgeable(
  db: Db,
  name: string,
  uscc: string,
  suggestions: Readonly<Config['checks']['suggestions']>,
): Promise<{ ok: true; name: string; suggestion: Suggestion } | { ok: false; reason: string }> {
  const nameNorm = norm(name);
  const listed = await db.one<{ name: string }>(`select name from name_review_names where name_norm = ?`, [nameNorm]);
  if (!listed) return { ok: false, reason: `“${name}”不在待复核名称中：法人库中有该名称，或没有记录使用它` };
  const found = await suggestionsFor(db, [nameNorm], { ...suggestions, max_names: 1 });
  const suggestion = found.get(nameNorm)?.find((s) => s.uscc === uscc);
  if (!suggestion) return { ok: false, reason: `${uscc} 不是“${name}”的相近名称建议` };
  return { ok: true, name: listed.name, suggestion };
}
