import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMacroDb, type MacroDb } from './macroDb.js';
import { NFKC_MULTI, NFKC_SINGLE_FROM, NFKC_SINGLE_TO } from '../../lib/sql/macros/nfkcTable.js';
import { PLAIN } from '../../lib/sql/macros/text.js';

let m: MacroDb;
beforeAll(async () => {
  m = await openMacroDb();
});
afterAll(() => m.close());
const v = (sql: string, params: string[] = []) => m.db.value(sql, params);

describe('cs_nfkc', () => {
  it('leaves plain Chinese and ASCII untouched and NULL as NULL', async () => {
    expect(await v(`select cs_nfkc(?)`, ['北京市海淀区某某科技有限公司 ABC-1'])).toBe(
      '北京市海淀区某某科技有限公司 ABC-1',
    );
    expect(await v(`select cs_nfkc(null)`)).toBeNull();
    expect(await v(`select cs_nfkc('')`)).toBe('');
  });

  it('maps full-width brackets, punctuation, digits and letters to half-width', async () => {
    expect(await v(`select cs_nfkc(?)`, ['某某（北京）有限公司，地址：１２３号；ＡＢＣｘ［１］'])).toBe(
      '某某(北京)有限公司,地址:123号;ABCx[1]',
    );
  });

  it('maps the ideographic space to a plain space', async () => {
    expect(await v(`select cs_nfkc(?)`, ['某某\u3000公司'])).toBe('某某 公司');
  });

  it('maps Kangxi radicals, compatibility ideographs and half-width katakana', async () => {
    expect(await v(`select cs_nfkc(?)`, ['\u2F00号\uF900ｶﾀ'])).toBe('一号\u8C48カタ');
  });

  it('expands parenthesised and circled forms whose NFKC is several characters', async () => {
    expect(await v(`select cs_nfkc(?)`, ['㈱某某商行⑴㈠…'])).toBe('(株)某某商行(1)(一)...');
  });

  it('maps every one of the 1,810 single and 1,163 multi-character mappings as Node does', async () => {
    const chars = [...[...NFKC_SINGLE_FROM], ...NFKC_MULTI.map(([from]) => from)];
    const rows = await m.db.all<{ s: string; r: string }>(
      `select s, cs_nfkc(s) as r from (select unnest(?::varchar[]) as s)`,
      [chars],
    );
    expect(rows).toHaveLength(chars.length);
    const wrong = rows.filter((row) => row.r !== row.s.normalize('NFKC')).map((row) => row.s);
    expect(wrong).toEqual([]);
  });

  it('passes through unchanged only characters whose NFKC is themselves', async () => {
    const ranges = [...PLAIN.matchAll(/\\x\{([0-9A-F]+)\}(?:-\\x\{([0-9A-F]+)\})?/g)].map((m) => [
      parseInt(m[1]!, 16),
      parseInt(m[2] ?? m[1]!, 16),
    ]);
    expect(ranges.length).toBeGreaterThan(5);
    const chars = ranges.flatMap(([a, b]) =>
      Array.from({ length: b! - a! + 1 }, (_, i) => String.fromCodePoint(a! + i)),
    );
    expect(chars.filter((c) => c.normalize('NFKC') !== c).map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
    // And the macro leaves a document number of them as it is, on the fast path.
    expect(await v(`select cs_nfkc(?)`, ['厦海市监罚〔2022〕2号【一】“某”—'])).toBe('厦海市监罚〔2022〕2号【一】“某”—');
  });

  it('was generated from the Unicode version of the Node that runs the tests', () => {
    const from = [...NFKC_SINGLE_FROM];
    const to = [...NFKC_SINGLE_TO];
    expect(from.every((c, i) => c.normalize('NFKC') === to[i])).toBe(true);
    expect(NFKC_MULTI.every(([c, n]) => c.normalize('NFKC') === n)).toBe(true);
  });
});

describe('cs_norm, cs_norm_docno, cs_norm_code', () => {
  it('removes every kind of whitespace after NFKC', async () => {
    expect(await v(`select cs_norm(?)`, [' 某某\t科技\u3000有限\u00a0公司\n\u2003\uFEFF'])).toBe('某某科技有限公司');
  });

  it('gives NULL for NULL, empty and whitespace-only values', async () => {
    expect(await v(`select cs_norm(null)`)).toBeNull();
    expect(await v(`select cs_norm('')`)).toBeNull();
    expect(await v(`select cs_norm(?)`, [' \u3000\t'])).toBeNull();
  });

  it('turns every bracket of a document number into 〔〕', async () => {
    for (const s of [
      '京市监罚[2024]12号',
      '京市监罚【2024】12号',
      '京市监罚（2024）12号',
      '京市监罚［２０２４］１２号',
      '京市监罚 〔2024〕 12号',
    ]) {
      expect(await v(`select cs_norm_docno(?)`, [s])).toBe('京市监罚〔2024〕12号');
    }
  });

  it('upper-cases codes after removing spaces and full-width forms', async () => {
    expect(await v(`select cs_norm_code(?)`, [' ９１４４ 0300 7152 6726ｘｇ '])).toBe('9144030071526726XG');
  });
});

describe('cs_split_list', () => {
  it('splits on ; , 、 in both widths, trims and drops empty items', async () => {
    expect(await v(`select cs_split_list(?)`, ['警告；罚款， 没收违法所得、 ;,其他-责令改正 '])).toEqual([
      '警告',
      '罚款',
      '没收违法所得',
      '其他-责令改正',
    ]);
  });

  it('gives one item for an undivided value and an empty list for separators only', async () => {
    expect(await v(`select cs_split_list(?)`, ['罚款'])).toEqual(['罚款']);
    expect(await v(`select cs_split_list(?)`, ['；、,'])).toEqual([]);
    expect(await v(`select cs_split_list(null)`)).toBeNull();
  });
});
