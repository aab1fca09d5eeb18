/** Text normalisation for comparisons (sources.md "Normalisation"); displayed values stay as delivered. */

/** NFKC (full-width → half-width) with every whitespace character removed. */
export function norm(s: string): string {
  // NFKC first: it turns the ideographic space U+3000 into a plain space, which \s then removes too.
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

// After NFKC, full-width （） and ［］ are already ASCII; 【】 and 〔〕 have no compatibility mapping.
const OPENING = /[[【(〔]/gu;
const CLOSING = /[\]】)〕]/gu;

/** `norm`, then every bracket of a 文号 becomes 〔 or 〕, so 京[2024]1号 and 京〔2024〕1号 compare equal. */
export function normDocNo(s: string): string {
  return norm(s).replace(OPENING, '〔').replace(CLOSING, '〕');
}
