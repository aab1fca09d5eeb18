/**
 * 统一社会信用代码 (USCC) checks: GB 32100-2015 for the whole code, GB 11714 for the organisation code
 * inside it (characters 9–17). rules.md §1: only the GB 32100 check decides validity.
 */
import { norm } from './text.js';

/** The 31 characters GB 32100 allows (no I, O, S, V, Z), in the order of their values 0–30. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// 3^i mod 31 for positions 1–17.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Whitespace removed, full-width → half-width (NFKC), upper case: the form every USCC is compared in. */
export function normaliseCode(s: string): string {
  return norm(s).toUpperCase();
}

/** The GB 32100 check character for the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`a USCC body has 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`'${first17.charAt(i)}' is not a USCC character`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

/** True when an already normalised code has the USCC shape and a correct GB 32100 check character. */
export function isValidUscc(normalised: string): boolean {
  if (!USCC_SHAPE.test(normalised)) return false;
  return usccCheckChar(normalised.slice(0, 17)) === normalised.charAt(17);
}

function orgCharValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  throw new RangeError(`'${c}' is not an organisation-code character`);
}

/** The GB 11714 check character for an 8-character organisation code body. */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`an organisation code body has 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(first8.charAt(i)) * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * The GB 11714 check of characters 9–17 of a valid USCC. Codes failing it were really issued, so a
 * false here is a finding only (rules.md §1). False as well when the string is not a valid USCC.
 */
export function usccOrgCodeCheckOk(normalised: string): boolean {
  if (!isValidUscc(normalised)) return false;
  const org = normalised.slice(8, 17);
  return orgCodeCheckChar(org.slice(0, 8)) === org.charAt(8);
}
