import { describe, it, expect } from 'vitest';
import { norm, normDocNo } from '../../lib/validate/text.js';

describe('norm', () => {
  it('turns full-width letters, digits and brackets into half-width', () => {
    expect(norm('ＡＢＣ１２３（有限公司）')).toBe('ABC123(有限公司)');
  });

  it('removes every whitespace, the ideographic space and no-break space included', () => {
    expect(norm(' 北京\u3000某某\t科技\u00a0有限\n公司 ')).toBe('北京某某科技有限公司');
  });

  it('maps Kangxi radicals and compatibility ideographs to the unified ideographs', () => {
    expect(norm('\u2F00')).toBe('一');
    expect(norm('\uF900')).toBe('\u8C48');
  });

  it('leaves case alone', () => {
    expect(norm('abc')).toBe('abc');
  });
});

describe('normDocNo', () => {
  it('makes every bracket style of a document number the same', () => {
    const expected = '京市监罚〔2024〕12号';
    for (const s of [
      '京市监罚[2024]12号',
      '京市监罚【2024】12号',
      '京市监罚(2024)12号',
      '京市监罚（2024）12号',
      '京市监罚〔2024〕12号',
      '京市监罚［２０２４］１２号',
      ' 京市监罚 〔2024〕 12号',
    ]) {
      expect(normDocNo(s)).toBe(expected);
    }
  });

  it('turns each opening bracket into 〔 and each closing one into 〕 independently', () => {
    expect(normDocNo('a(b]c【d〕')).toBe('a〔b〕c〔d〕');
  });
});
