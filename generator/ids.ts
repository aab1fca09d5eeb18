import { usccCheckChar, orgCodeCheckChar } from '../lib/validate/uscc.js';
import { idCheckChar } from '../lib/validate/idNumber.js';

/**
 * Identifiers with real check characters, unique by construction: the organisation code inside a
 * USCC is a bijective scramble of the entity's index, so no two entities share one at any scale.
 */
const ORG_SPACE = 100_000_000;
const ORG_MULT = 48_271; // coprime with 10^8, so index → code is a bijection
const ORG_OFFSET = 13_579_246;

export function orgBody(index: number): string {
  const n = (index * ORG_MULT + ORG_OFFSET) % ORG_SPACE;
  return String(n).padStart(8, '0');
}

/**
 * kind: the USCC's first two characters — 91 enterprise, 92 individual business, 93 co-operative,
 * 51 social organisation, 12 public institution, 11 government organ (GB 32100 registration
 * authority + type).
 */
export function makeUscc(kind: string, division: string, index: number): string {
  const body = orgBody(index);
  const first17 = `${kind}${division}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

/** A USCC whose check character is wrong: what a typo in a department's system produces. */
export function breakUscc(uscc: string): string {
  const last = uscc.slice(-1);
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const i = alphabet.indexOf(last);
  return uscc.slice(0, 17) + alphabet[(i + 7) % alphabet.length];
}

const BIRTH_REGIONS = ['350205', '350203', '350206', '350211', '350212', '350524', '350681', '360102', '440513'];

const PER_DAY = BIRTH_REGIONS.length * 1000;
const BIRTH_SPAN_DAYS = 14_600; // births spread over 40 years from 1960

/**
 * An 18-digit resident identity number (GB 11643) with a valid check character; region, birth
 * date and sequence are all derived from the person's index, so numbers never collide.
 */
export function makeIdNumber(index: number): string {
  const region = BIRTH_REGIONS[index % BIRTH_REGIONS.length] as string;
  const day = (Math.floor(index / PER_DAY) * 7919) % BIRTH_SPAN_DAYS;
  const d = new Date(Date.UTC(1960, 0, 1 + day));
  const birth = d.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(index / BIRTH_REGIONS.length) % 1000).padStart(3, '0');
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}
