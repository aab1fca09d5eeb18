/**
 * 公民身份号码 (GB 11643-1999). Identity numbers only ever appear masked on pages and exports; these
 * functions exist to normalise, check and mask them.
 */
import { norm } from './text.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`an identity-number body is 17 digits, got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK.charAt(sum % 11);
}

/**
 * Whitespace removed, full-width → half-width, x → X, and a 15-digit (first-generation) number turned
 * into its 18-digit form: '19' inserted after the 6-digit address code, check character appended.
 * Anything else is returned normalised but otherwise as is, for isValidIdNumber to reject.
 */
export function normaliseIdNumber(s: string): string {
  const n = norm(s).toUpperCase();
  if (/^\d{15}$/.test(n)) {
    const body = `${n.slice(0, 6)}19${n.slice(6)}`;
    return body + idCheckChar(body);
  }
  return n;
}

/**
 * 17 digits and the right check character. The birth date inside is deliberately not checked: the
 * spec asks for GB 11643 validity, and the check character is taken as that test (a real number with
 * an odd-looking date is still the number the department recorded).
 */
export function isValidIdNumber(normalised: string): boolean {
  if (!/^\d{17}[\dX]$/.test(normalised)) return false;
  return idCheckChar(normalised.slice(0, 17)) === normalised.charAt(17);
}

/** First 6 and last 4 characters kept, one '*' per character between; 10 characters or fewer: all '*'. */
export function maskIdNumber(s: string): string {
  const chars = [...s];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}
