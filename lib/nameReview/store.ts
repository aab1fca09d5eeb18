/**
 * 名称匹配复核: a reviewer's judgements that a name delivered without a usable USCC is (confirmed) or is
 * not (rejected) a given entity. They are the product's own state, like the follow-up actions and the
 * check records: one JSON file, DIR/name-review/judgements.json, replaced atomically (write, fsync,
 * rename) under a lock file, 0600 in a 0700 folder. A judgement is never deleted: revoking it stamps who,
 * when and why, so the list keeps the whole history. Every build copies the confirmed, unrevoked ones
 * into product.name_judgements (product.ts); the credit check reads them from here at each check.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { withFileLock, writeFileAtomic } from '../auth/atomicFile.js';
import { paths } from '../dataDir.js';
import { InputError } from '../errors.js';
import { norm } from '../validate/text.js';
import { isValidUscc, normaliseCode } from '../validate/uscc.js';

export type Decision = 'confirmed' | 'rejected';

export interface NameJudgement {
  /** `nj-<12 hex>`. */
  id: string;
  /** The name as rules.md §1 normalises it: what records and checks are matched by. */
  name_norm: string;
  /** The name as the reviewer saw it delivered. */
  name: string;
  uscc: string;
  decision: Decision;
  decided_by: string;
  /** ISO timestamp (UTC). */
  decided_at: string;
  /** The suggestion the reviewer answered: its similarity and why it was suggested (docs/check.md). */
  similarity: number | null;
  why: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export interface DecisionInput {
  name: string;
  uscc: string;
  decision: Decision;
  by: string;
  similarity?: number | null;
  why?: string | null;
}

const REASON_MAX = 500;
const NAME_MAX = 200;

const file = paths.nameJudgements;

let cache: { file: string; mtimeMs: number; size: number; judgements: NameJudgement[] } | null = null;

/**
 * Every judgement, oldest first. The credit check asks at every check, so the parsed file is kept
 * while its modification time and size stay the same (it is replaced whole, never edited in place).
 */
export function readJudgements(dataDir: string): NameJudgement[] {
  const f = file(dataDir);
  if (!existsSync(f)) return [];
  const { mtimeMs, size } = statSync(f);
  if (cache?.file === f && cache.mtimeMs === mtimeMs && cache.size === size) return cache.judgements;
  const judgements = JSON.parse(readFileSync(f, 'utf8')) as NameJudgement[];
  cache = { file: f, mtimeMs, size, judgements };
  return judgements;
}

export const isActive = (j: NameJudgement): boolean => j.revoked_at === null;

export const pairKey = (nameNorm: string, uscc: string): string => `${nameNorm}\u0000${uscc}`;

/** What the credit check and the review page use: confirmed names and rejected name → USCC pairs in force. */
export interface ReviewedNames {
  confirmed: ReadonlyMap<string, NameJudgement>;
  /** pairKey(name_norm, uscc) of the rejected suggestions, never suggested again. */
  rejected: ReadonlySet<string>;
}

export function reviewedNames(judgements: readonly NameJudgement[]): ReviewedNames {
  const active = judgements.filter(isActive);
  return {
    confirmed: new Map(active.filter((j) => j.decision === 'confirmed').map((j) => [j.name_norm, j])),
    rejected: new Set(active.filter((j) => j.decision === 'rejected').map((j) => pairKey(j.name_norm, j.uscc))),
  };
}

/** `reviewedNames` of the stored judgements. */
export const readReviewedNames = (dataDir: string): ReviewedNames => reviewedNames(readJudgements(dataDir));

async function update<T>(dataDir: string, change: (all: NameJudgement[]) => T): Promise<T> {
  return withFileLock(file(dataDir), () => {
    const all = [...readJudgements(dataDir)];
    const out = change(all);
    writeFileAtomic(file(dataDir), `${JSON.stringify(all, null, 1)}\n`);
    return out;
  });
}

/**
 * Records a judgement. Whether the name may be judged at all (a name no register record carries, the
 * USCC one the review suggested) is the caller's to decide against the published build; this refuses
 * what the file itself contradicts: a second judgement in force on the same pair, or a second USCC
 * confirmed for one name.
 */
export async function decide(dataDir: string, input: DecisionInput, now: Date = new Date()): Promise<NameJudgement> {
  const name = input.name.trim();
  const nameNorm = norm(name);
  const uscc = normaliseCode(input.uscc);
  if (!nameNorm || name.length > NAME_MAX) throw new InputError(`名称应为 1–${NAME_MAX} 个字符`);
  if (!isValidUscc(uscc)) throw new InputError(`“${input.uscc}”不是有效的统一社会信用代码（GB 32100）`);
  return update(dataDir, (all) => {
    const active = all.filter(isActive);
    const same = active.find((j) => j.name_norm === nameNorm && j.uscc === uscc);
    if (same)
      throw new InputError(
        `名称“${name}”与 ${uscc} 已有复核结论（${same.decision === 'confirmed' ? '确认' : '否定'}，${same.decided_by}）；如需改变，请先撤销`,
      );
    const other = active.find((j) => j.name_norm === nameNorm && j.decision === 'confirmed');
    if (input.decision === 'confirmed' && other)
      throw new InputError(`名称“${name}”已确认对应 ${other.uscc}；一个名称只能确认对应一个主体，请先撤销`);
    const judgement: NameJudgement = {
      id: `nj-${randomBytes(6).toString('hex')}`,
      name_norm: nameNorm,
      name,
      uscc,
      decision: input.decision,
      decided_by: input.by,
      decided_at: now.toISOString(),
      similarity: input.similarity ?? null,
      why: input.why ?? null,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
    };
    all.push(judgement);
    return judgement;
  });
}

export const isJudgementId = (s: string): boolean => /^nj-[0-9a-f]{12}$/.test(s);

/**
 * Revokes a judgement in force: it stays listed, stamped, and stops applying (checks at once, records at the
 * next build).
 */
export async function revoke(
  dataDir: string,
  input: { id: string; by: string; reason: string },
  now: Date = new Date(),
): Promise<NameJudgement> {
  const reason = input.reason.trim();
  if (!reason) throw new InputError('请填写撤销理由');
  if (reason.length > REASON_MAX) throw new InputError(`撤销理由不能超过 ${REASON_MAX} 字`);
  return update(dataDir, (all) => {
    const i = all.findIndex((j) => j.id === input.id);
    const j = all[i];
    if (!j) throw new InputError(`没有复核结论 ${input.id}`);
    if (!isActive(j)) throw new InputError(`复核结论 ${input.id} 已于 ${j.revoked_at} 撤销`);
    const revoked = { ...j, revoked_by: input.by, revoked_at: now.toISOString(), revoke_reason: reason };
    all[i] = revoked;
    return revoked;
  });
}
