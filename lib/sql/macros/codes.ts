/**
 * USCC and identity-number macros, the SQL twins of lib/validate/uscc.ts and idNumber.ts. The weighted
 * sums are dot products over the characters, so each argument is referenced once (see letIn).
 */
import { USCC_CHARSET } from '../../validate/uscc.js';
import { letIn, lit, macro, weightedSum } from './sqlText.js';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function codeMacrosSql(): string[] {
  const usccValue = (c: string) => `instr(${lit(USCC_CHARSET)}, ${c}) - 1`;
  const orgValue = (c: string) => `instr(${lit(ORG_ALPHABET)}, ${c}) - 1`;
  const digit = (c: string) => `ascii(${c}) - 48`;
  return [
    macro(
      `cs__uscc_check_char(b)`,
      `substr(${lit(USCC_CHARSET)}, (31 - ${weightedSum('b', usccValue, USCC_WEIGHTS)} % 31) % 31 + 1, 1)`,
    ),
    macro(
      `cs_uscc_valid(s)`,
      letIn(
        's',
        'u',
        `case when regexp_full_match(u, '[0-9A-HJ-NPQRTUWXY]{18}')
         then cs__uscc_check_char(substr(u, 1, 17)) = substr(u, 18, 1)
         else false end`,
      ),
    ),
    // 11 − (Σ mod 11) is 1…11; position r + 1 of this string maps 10 → X and 11 → 0.
    macro(
      `cs__org_check_char(o)`,
      `substr('0123456789X0', 11 - ${weightedSum('o', orgValue, ORG_WEIGHTS)} % 11 + 1, 1)`,
    ),
    macro(
      `cs_uscc_org_check_ok(s)`,
      letIn(
        's',
        'u',
        `case when cs_uscc_valid(u) then cs__org_check_char(substr(u, 9, 8)) = substr(u, 17, 1) else false end`,
      ),
    ),
    macro(`cs__id_check_char(b)`, `substr('10X98765432', ${weightedSum('b', digit, ID_WEIGHTS)} % 11 + 1, 1)`),
    macro(`cs__id_with_check(b)`, letIn('b', 'ib', `ib || cs__id_check_char(ib)`)),
    macro(
      `cs_id_norm(s)`,
      letIn(
        'cs_norm_code(s)',
        'n',
        `case when regexp_full_match(n, '[0-9]{15}')
         then cs__id_with_check(substr(n, 1, 6) || '19' || substr(n, 7))
         else n end`,
      ),
    ),
    macro(
      `cs_id_valid(s)`,
      letIn(
        's',
        'i',
        `case when regexp_full_match(i, '[0-9]{17}[0-9X]')
         then cs__id_check_char(substr(i, 1, 17)) = substr(i, 18, 1)
         else false end`,
      ),
    ),
    macro(
      `cs_id_mask(s)`,
      letIn(
        's',
        'm',
        `case when length(m) <= 10 then repeat('*', length(m))
         else left(m, 6) || repeat('*', length(m) - 10) || right(m, 4) end`,
      ),
    ),
  ];
}
