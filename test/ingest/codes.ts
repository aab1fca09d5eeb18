import { usccCheckChar, orgCodeCheckChar } from '../../lib/validate/uscc.js';
import { idCheckChar } from '../../lib/validate/idNumber.js';

/** A valid USCC from its first 8 characters and an 8-character organisation body (both checks pass). */
export function uscc(prefix8: string, body8: string): string {
  const first17 = prefix8 + body8 + orgCodeCheckChar(body8);
  return first17 + usccCheckChar(first17);
}

/** A USCC whose GB 32100 check passes while its inner GB 11714 check fails (codes like this were issued). */
export function usccBadInner(prefix8: string, body8: string): string {
  const good = orgCodeCheckChar(body8);
  const wrong = good === '1' ? '2' : '1';
  const first17 = prefix8 + body8 + wrong;
  return first17 + usccCheckChar(first17);
}

export function idNumber(first17: string): string {
  return first17 + idCheckChar(first17);
}
