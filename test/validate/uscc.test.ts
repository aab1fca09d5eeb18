import { describe, it, expect } from 'vitest';
import {
  USCC_CHARSET,
  normaliseCode,
  usccCheckChar,
  isValidUscc,
  orgCodeCheckChar,
  usccOrgCodeCheckOk,
} from '../../lib/validate/uscc.js';

// Published codes of well-known organisations. Sources: zh.wikipedia (华为技术有限公司, infobox 机构代码);
// the others appear as the registered code of the named company across public company-data
// fixtures and registry pages (found with the code search of public repositories).
const REAL_USCCS: Record<string, string> = {
  华为技术有限公司: '914403001922038216',
  '腾讯科技（深圳）有限公司': '9144030071526726XG',
  深圳市腾讯计算机系统有限公司: '91440300708461136T',
  '阿里巴巴（中国）网络技术有限公司': '91330100716105852F',
  北京百度网讯科技有限公司: '91110000802100433B',
  上海汽车集团股份有限公司: '91310000132260250X',
  华东师范大学: '12100000425006133D',
};

/** A code whose GB 32100 check passes, built from a 17-character body. */
const withCheck = (body17: string) => body17 + usccCheckChar(body17);

describe('USCC validation (GB 32100)', () => {
  it.each(Object.entries(REAL_USCCS))('accepts the published code of %s', (_name, code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccOrgCodeCheckOk(code)).toBe(true);
  });

  it('computes the check character of a real code from its first 17 characters', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(usccCheckChar('9144030071526726X')).toBe('G');
  });

  it('maps a check value of 31 to 0, the first character', () => {
    // 911100001020321266 (a published code) ends in a 6; look for a body whose sum is ≡ 0 mod 31.
    let body = '';
    for (let n = 0; n < 1000 && !body; n++) {
      const b = `91110000${String(n).padStart(9, '0')}`;
      const sum = [...b].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * (3 ** i % 31), 0);
      if (sum % 31 === 0) body = b;
    }
    expect(body).not.toBe('');
    expect(usccCheckChar(body)).toBe('0');
  });

  it('rejects a real code with a wrong check character', () => {
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('9144030071526726XH')).toBe(false);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s even where the check would pass', (letter) => {
    // Put the letter in the body and give it every possible last character: none is valid.
    const body = `9144030071526726${letter}`;
    for (const last of USCC_CHARSET) expect(isValidUscc(body + last)).toBe(false);
    expect(() => usccCheckChar(body)).toThrow(RangeError);
  });

  it('rejects 17 and 19 characters', () => {
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('9144030019220382160')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('accepts lower case, spaces and full-width characters only after normalisation', () => {
    const messy = ' ９１４４０３００７１５２６７２６ｘｇ ';
    expect(isValidUscc(messy)).toBe(false);
    expect(isValidUscc('9144030071526726xg')).toBe(false);
    expect(normaliseCode(messy)).toBe('9144030071526726XG');
    expect(isValidUscc(normaliseCode(messy))).toBe(true);
    expect(normaliseCode('9144 0300\t7152\u30006726\nxg')).toBe('9144030071526726XG');
  });
});

describe('organisation code inside a USCC (GB 11714)', () => {
  it('computes the check character of real organisation codes', () => {
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(orgCodeCheckChar('80210043')).toBe('3');
  });

  it('keeps a USCC valid when only its inner organisation-code check fails', () => {
    // Huawei's body with the organisation check character 1 changed to 2, outer check recomputed.
    const code = withCheck('91440300192203822');
    expect(isValidUscc(code)).toBe(true);
    expect(usccOrgCodeCheckOk(code)).toBe(false);
  });

  it('maps an organisation check value of 11 to 0 and 10 to X', () => {
    const found: Record<string, string> = {};
    for (let n = 0; n < 200; n++) {
      const body = String(10000000 + n);
      found[orgCodeCheckChar(body)] ??= body;
    }
    expect(Object.keys(found).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
    const zeroBody = found['0']!;
    const sum = [...zeroBody].reduce((s, c, i) => s + Number(c) * [3, 7, 9, 10, 5, 8, 4, 2][i]!, 0);
    expect(sum % 11).toBe(0);
  });

  it('reads letters in an organisation code as A=10 … Z=35', () => {
    // MA-prefixed codes have been issued since 2015: M=22, A=10.
    const sum = 22 * 3 + 10 * 7 + 0 * 9 + 1 * 10 + 15 * 5 + 26 * 8 + 8 * 4 + 11 * 2; // 'MA01FQ8B'
    const expected = 11 - (sum % 11);
    expect(orgCodeCheckChar('MA01FQ8B')).toBe(expected === 10 ? 'X' : expected === 11 ? '0' : String(expected));
  });

  it('says false for an invalid USCC rather than judging its inner code', () => {
    expect(usccOrgCodeCheckOk('914403001922038217')).toBe(false);
  });
});
