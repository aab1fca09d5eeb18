/**
 * USCC and identity-number macros, the SQL twins of lib/validate/uscc.ts and idNumber.ts. The weighted
 * sums are written out term by term: on a million rows that is much cheaper than a list lambda.
 */
import { USCC_CHARSET } from '../../validate/uscc.js';
import { lit, macro } from './sqlText.js';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const weightedSum = (weights: number[], value: (pos: number) => string) =>
  weights.map((w, i) => `${value(i + 1)} * ${w}`).join(' + ');

export function codeMacrosSql(): string[] {
  const usccValue = (p: number) => `(instr(${lit(USCC_CHARSET)}, substr(b, ${p}, 1)) - 1)`;
  const orgValue = (p: number) => `(instr(${lit(ORG_ALPHABET)}, substr(o, ${p}, 1)) - 1)`;
  const digit = (p: number) => `(ascii(substr(b, ${p}, 1)) - 48)`;
  return [
    macro(`cs__uscc_check_char(b)`, `substr(${lit(USCC_CHARSET)}, (31 - (${weightedSum(USCC_WEIGHTS, usccValue)}) % 31) % 31 + 1, 1)`),
    macro(
      `cs_uscc_valid(s)`,
      `case when regexp_full_match(s, '[0-9A-HJ-NPQRTUWXY]{18}')
         then cs__uscc_check_char(substr(s, 1, 17)) = substr(s, 18, 1)
         else false end`,
    ),
    // 11 − (Σ mod 11) is 1…11; position r + 1 of this string maps 10 → X and 11 → 0.
    macro(`cs__org_check_char(o)`, `substr('0123456789X0', 11 - (${weightedSum(ORG_WEIGHTS, orgValue)}) % 11 + 1, 1)`),
    macro(
      `cs_uscc_org_check_ok(s)`,
      `case when cs_uscc_valid(s) then cs__org_check_char(substr(s, 9, 8)) = substr(s, 17, 1) else false end`,
    ),
    macro(`cs__id_check_char(b)`, `substr('10X98765432', (${weightedSum(ID_WEIGHTS, digit)}) % 11 + 1, 1)`),
    macro(
      `cs__id_upgrade(n)`,
      `case when regexp_full_match(n, '[0-9]{15}')
         then substr(n, 1, 6) || '19' || substr(n, 7) || cs__id_check_char(substr(n, 1, 6) || '19' || substr(n, 7))
         else n end`,
    ),
    macro(`cs_id_norm(s)`, `cs__id_upgrade(cs_norm_code(s))`),
    macro(
      `cs_id_valid(s)`,
      `case when regexp_full_match(s, '[0-9]{17}[0-9X]')
         then cs__id_check_char(substr(s, 1, 17)) = substr(s, 18, 1)
         else false end`,
    ),
    macro(
      `cs_id_mask(s)`,
      `case when length(s) <= 10 then repeat('*', length(s))
         else left(s, 6) || repeat('*', length(s) - 10) || right(s, 4) end`,
    ),
  ];
}
