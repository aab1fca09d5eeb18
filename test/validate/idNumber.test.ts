import { describe, it, expect } from 'vitest';
import { idCheckChar, isValidIdNumber, maskIdNumber, normaliseIdNumber } from '../../lib/validate/idNumber.js';

// The two worked examples of GB 11643-1999 Appendix A (北京市朝阳区 and 广东省汕头市).
const STANDARD_EXAMPLES = ['11010519491231002X', '440524188001010014'];

describe('identity numbers (GB 11643)', () => {
  it.each(STANDARD_EXAMPLES)('accepts the standard example %s', (n) => {
    expect(isValidIdNumber(n)).toBe(true);
  });

  it('computes the check characters of the standard examples, X included', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects a wrong check character, a letter in the body and wrong lengths', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
  });

  it('does not check the birth date, only the check character', () => {
    const body = '11010519491331002'; // month 13
    expect(isValidIdNumber(body + idCheckChar(body))).toBe(true);
  });

  it('normalises lower-case x, spaces and full-width digits', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('converts a 15-digit number to 18 digits with its check character', () => {
    expect(normaliseIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(isValidIdNumber(normaliseIdNumber('440524800101001'))).toBe(true);
    expect(normaliseIdNumber('440524800101001')).toBe('440524198001010013'); // Σ = 196, 196 mod 11 = 9 → '3';
  });

  it('leaves other strings normalised for the validity test to reject', () => {
    expect(normaliseIdNumber('12345')).toBe('12345');
    expect(isValidIdNumber(normaliseIdNumber('12345'))).toBe(false);
  });
});

describe('masking identity numbers', () => {
  it('keeps the first 6 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps 6 + 4 of a 15-character number', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  it('masks everything in a string of 10 characters or fewer', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('12345678901')).toBe('123456*8901');
  });
});
