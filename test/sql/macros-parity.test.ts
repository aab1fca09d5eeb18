/**
 * The SQL macros and the JS validators must agree. Inputs are generated from a fixed seed: valid
 * codes, the same codes corrupted in the ways real extracts corrupt them, and random text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMacroDb, evalOver, type MacroDb } from './macroDb.js';
import {
  USCC_CHARSET,
  isValidUscc,
  normaliseCode,
  usccCheckChar,
  usccOrgCodeCheckOk,
} from '../../lib/validate/uscc.js';
import { idCheckChar, isValidIdNumber, maskIdNumber, normaliseIdNumber } from '../../lib/validate/idNumber.js';
import { norm, normDocNo } from '../../lib/validate/text.js';

/** mulberry32: small, seeded, good enough to spread test inputs. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20251122);
const pick = <T>(xs: readonly T[] | string): T => (xs as T[])[Math.floor(rand() * xs.length)] as T;
const digits = (n: number) => Array.from({ length: n }, () => pick('0123456789')).join('');
const toFullWidth = (s: string) =>
  [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
const SPACES = [' ', '\t', '\u3000', '\u00a0', '\u2003', '\n'];

/** The ways a delivered code goes wrong, applied at random (sometimes none). */
function corrupt(code: string): string {
  const chars = [...code];
  switch (Math.floor(rand() * 9)) {
    case 0:
      return code;
    case 1:
      chars[Math.floor(rand() * chars.length)] = pick(USCC_CHARSET);
      return chars.join('');
    case 2:
      return code.toLowerCase();
    case 3:
      return toFullWidth(code);
    case 4:
      chars.splice(Math.floor(rand() * chars.length), 0, pick(SPACES));
      return chars.join('');
    case 5:
      return code.slice(0, -1);
    case 6:
      return code + pick('0X9');
    case 7:
      chars[Math.floor(rand() * chars.length)] = pick('IOSVZ');
      return chars.join('');
    default: {
      const i = Math.floor(rand() * (chars.length - 1));
      [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      return chars.join('');
    }
  }
}

function usccInputs(n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const body =
      pick(['91', '92', '93', '12', '52', 'Y1']) +
      digits(6) +
      Array.from({ length: 9 }, () => pick(USCC_CHARSET)).join('');
    out.push(corrupt(body + usccCheckChar(body)));
  }
  return out;
}

function idInputs(n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    if (rand() < 0.25) out.push(corrupt(digits(15)));
    else {
      const body = digits(17);
      out.push(corrupt(body + idCheckChar(body)));
    }
  }
  return out;
}

// Characters whose NFKC does not depend on their neighbours (no combining marks, no jamo, no
// half-width voicing marks): for them cs_nfkc must equal String.prototype.normalize exactly.
const TEXT_ALPHABET = [
  ...'北京市海淀区某某科技有限公司分号罚决字第',
  ...'abcXYZ019-_/.',
  ...'（）【】〔〕[]()［］，；：、。“”',
  ...'ＡＢＣａｂｃ０１２９',
  ...SPACES,
  '\uFEFF',
  '\u000B',
  '\u2F00',
  '\u2F08',
  '\uF900',
  '\uFA10',
  '\u3251',
  '\u2460',
  '\u2474',
  '\u3231',
  '\u32A3',
  '\u2026',
  '\u339C',
  'ｶ',
  '\u2160',
];
function textInputs(n: number): string[] {
  return Array.from({ length: n }, () =>
    Array.from({ length: Math.floor(rand() * 14) }, () => pick(TEXT_ALPHABET)).join(''),
  );
}

let m: MacroDb;
beforeAll(async () => {
  m = await openMacroDb();
});
afterAll(() => m.close());

/** Inputs where SQL and JS disagree, with both answers, for a readable failure. */
async function disagreements<T>(inputs: string[], expr: string, js: (s: string) => T) {
  const sql = await evalOver<T>(m.db, inputs, expr);
  expect(sql).toHaveLength(inputs.length);
  return inputs.flatMap((s, i) => (sql[i] === js(s) ? [] : [{ input: s, sql: sql[i], js: js(s) }]));
}

describe('SQL macros agree with the JS validators', () => {
  const usccs = usccInputs(3000);
  const ids = idInputs(3000);
  const texts = textInputs(3000);

  it('generates a fair share of valid and invalid codes', () => {
    const validUscc = usccs.filter((s) => isValidUscc(normaliseCode(s))).length;
    const validId = ids.filter((s) => isValidIdNumber(normaliseIdNumber(s))).length;
    expect(validUscc / usccs.length).toBeGreaterThan(0.3);
    expect(validUscc / usccs.length).toBeLessThan(0.8);
    expect(validId / ids.length).toBeGreaterThan(0.3);
    expect(validId / ids.length).toBeLessThan(0.8);
    expect(
      usccs.filter((s) => isValidUscc(normaliseCode(s)) && !usccOrgCodeCheckOk(normaliseCode(s))).length,
    ).toBeGreaterThan(100);
  });

  it('cs_norm_code and cs_uscc_valid', async () => {
    expect(await disagreements(usccs, 'cs_norm_code(s)', (s) => normaliseCode(s) || null)).toEqual([]);
    expect(await disagreements(usccs, 'cs_uscc_valid(cs_norm_code(s))', (s) => isValidUscc(normaliseCode(s)))).toEqual(
      [],
    );
  });

  it('cs_uscc_org_check_ok', async () => {
    expect(
      await disagreements(usccs, 'cs_uscc_org_check_ok(cs_norm_code(s))', (s) => usccOrgCodeCheckOk(normaliseCode(s))),
    ).toEqual([]);
  });

  it('cs_id_norm and cs_id_valid', async () => {
    expect(await disagreements(ids, 'cs_id_norm(s)', (s) => normaliseIdNumber(s) || null)).toEqual([]);
    expect(
      await disagreements(ids, 'cs_id_valid(cs_id_norm(s))', (s) => isValidIdNumber(normaliseIdNumber(s))),
    ).toEqual([]);
  });

  it('cs_id_mask', async () => {
    const inputs = [
      ...ids,
      ...ids.map(normaliseIdNumber),
      '',
      '1',
      '1234567890',
      '12345678901',
      '一二三四五六七八九十甲乙',
    ];
    expect(await disagreements(inputs, 'cs_id_mask(s)', maskIdNumber)).toEqual([]);
  });

  it('cs_norm and cs_norm_docno on random text', async () => {
    const perCharNfkc = texts.filter((s) => s.normalize('NFKC') === [...s].map((c) => c.normalize('NFKC')).join(''));
    expect(perCharNfkc.length).toBe(texts.length);
    // Prefixed so a leading U+FEFF survives the trip back into JS (see evalOver).
    expect(await disagreements(texts, `'<' || cs_nfkc(s)`, (s) => `<${s.normalize('NFKC')}`)).toEqual([]);
    expect(await disagreements(texts, 'cs_norm(s)', (s) => norm(s) || null)).toEqual([]);
    expect(await disagreements(texts, 'cs_norm_docno(s)', (s) => normDocNo(s) || null)).toEqual([]);
  });

  it('cs_norm on the codes as well', async () => {
    expect(await disagreements([...usccs, ...ids], 'cs_norm(s)', (s) => norm(s) || null)).toEqual([]);
  });
});

describe('USCC and identity-number macros on published codes', () => {
  it('accepts published USCCs and the GB 11643 examples', async () => {
    const r = await m.db.one(`select
      cs_uscc_valid('914403001922038216') and cs_uscc_valid('9144030071526726XG') and cs_uscc_valid('12100000425006133D') as uscc,
      cs_id_valid('11010519491231002X') and cs_id_valid('440524188001010014') as id,
      cs_id_norm('110105491231002') as upgraded`);
    expect(r).toEqual({ uscc: true, id: true, upgraded: '11010519491231002X' });
  });

  it('answers false, never NULL, for NULL and junk', async () => {
    const r = await m.db.one(
      `select cs_uscc_valid(null) a, cs_uscc_org_check_ok(null) b, cs_id_valid(null) c, cs_uscc_valid('') d, cs_id_valid('abc') e`,
    );
    expect(r).toEqual({ a: false, b: false, c: false, d: false, e: false });
  });
});
