/**
 * The reviewed judgements as a source of every build: product.name_judgements holds the confirmed ones
 * not revoked, which int_names_resolvable reads after the register (rules.md §1 first, docs/check.md).
 * Empty when nothing was ever judged, so a build without judgements makes exactly the tables it made
 * before the review existed.
 */
import { existsSync } from 'node:fs';
import { paths } from '../dataDir.js';
import { literal } from '../db.js';

const COLUMNS = `{id: 'VARCHAR', name_norm: 'VARCHAR', uscc: 'VARCHAR', decision: 'VARCHAR', decided_by: 'VARCHAR',
  decided_at: 'VARCHAR', revoked_at: 'VARCHAR'}`;

/** Statements that create product.name_judgements (schema product exists already). */
export function nameJudgementStatements(dataDir: string, schema: string): string[] {
  const file = paths.nameJudgements(dataDir);
  const rows = existsSync(file)
    ? `select id as judgement_id, name_norm, uscc, decided_by, decided_at
       from read_json(${literal(file)}, format = 'array', columns = ${COLUMNS})
       where decision = 'confirmed' and revoked_at is null`
    : `select * from (select null::varchar as judgement_id, null::varchar as name_norm, null::varchar as uscc,
         null::varchar as decided_by, null::varchar as decided_at) where false`;
  return [`create or replace table ${schema}.name_judgements as ${rows}`];
}
