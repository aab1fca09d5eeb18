/**
 * Default dirtiness rates: the share of delivered rows carrying each fault. Each can be changed
 * with `--dirt key=rate` (docs/generator.md lists them). Rates apply per delivered row.
 */
export interface DirtRates {
  /** USCC with a wrong check character (loads, finding; resolved by name when unique). */
  invalidUscc: number;
  /** USCC missing: a name-only record. */
  nameOnly: number;
  /** A ★ field left empty: the row is quarantined (missing_required). */
  missingRequired: number;
  /** A ★ date no parser can read: quarantined (unreadable_date). */
  unreadableDate: number;
  /** 行政相对人类别 missing with no USCC and no identity number: quarantined (unknown_subject_kind). */
  unknownSubjectKind: number;
  /** A penalty amount written in yuan under a 万元 header (probable_unit_error). */
  unitError: number;
  /** A ☆ field left empty (loads, non-compliant). */
  missingOptional: number;
  /** USCC written in lower case or with spaces (harmless after normalisation). */
  messyUscc: number;
}

export const DEFAULT_DIRT: DirtRates = {
  invalidUscc: 0.008,
  nameOnly: 0.006,
  missingRequired: 0.002,
  unreadableDate: 0.001,
  unknownSubjectKind: 0.0005,
  unitError: 0.002,
  missingOptional: 0.01,
  messyUscc: 0.02,
};

export function parseDirt(specs: readonly string[]): DirtRates {
  const rates: DirtRates = { ...DEFAULT_DIRT };
  for (const spec of specs) {
    const [key, value] = spec.split('=');
    if (!key || !(key in rates) || value === undefined || !(Number(value) >= 0 && Number(value) <= 1)) {
      throw new Error(
        `--dirt expects key=rate with a key among ${Object.keys(DEFAULT_DIRT).join(', ')} ` +
          `and 0 ≤ rate ≤ 1, got "${spec}"`,
      );
    }
    rates[key as keyof DirtRates] = Number(value);
  }
  return rates;
}
