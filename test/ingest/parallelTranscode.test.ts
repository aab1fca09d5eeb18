import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import { pieceBounds, transcodeInParallel } from '../../pipelines/ingest/readers/parallelTranscode.js';

/** The whole file decoded at once: what the pieces must add up to, byte for byte. */
const whole = (bytes: Buffer) => Buffer.from(new TextDecoder('gb18030').decode(bytes), 'utf8');

describe('GB18030 decoded in pieces on several threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-ptc-'));
  // Four-byte (䶮 𠮷 €) and two-byte characters, a quoted cell with a line break, a lone lead byte
  // before a line feed and a file that ends inside a character: the cases where a cut could change text.
  const lines = ['厦门市海沧区䶮𠮷商行（有限合伙）,罚款€5', '"两行\n的单元格",2024年3月1日', '序号,名称'];
  const body = Buffer.concat(
    Array.from({ length: 400 }, (_, i) =>
      Buffer.concat([
        iconv.encode(`${lines[i % 3]}${i}\r\n`, 'gb18030'),
        i % 97 === 0 ? Buffer.from([0x81, 0x0a]) : Buffer.alloc(0),
      ]),
    ),
  );
  const cases: [string, Buffer][] = [
    ['many lines', body],
    ['a file ending inside a four-byte character', Buffer.concat([body, iconv.encode('𠮷', 'gb18030').subarray(0, 2)])],
    ['no line feed at all', iconv.encode('䶮𠮷商行'.repeat(200), 'gb18030')],
  ];
  for (const [name, bytes] of cases) {
    it(`${name}: the same UTF-8 bytes as decoding the file whole`, async () => {
      const from = join(dir, `${name}.csv`);
      const to = join(dir, `${name}.out`);
      writeFileSync(from, bytes);
      let reported = 0;
      await transcodeInParallel(from, to, { piece: 97, threads: 2, onBytes: (d) => (reported = d) });
      expect(readFileSync(to).equals(whole(bytes))).toBe(true);
      expect(reported).toBe(bytes.length);
    });
  }

  it('cuts only just after a line feed, and covers the whole file', async () => {
    const from = join(dir, 'bounds.csv');
    writeFileSync(from, body);
    const bounds = await pieceBounds(from, body.length, 97);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(body.length);
    expect(bounds.length).toBeGreaterThan(10);
    for (const b of bounds.slice(1, -1)) expect(body[b - 1]).toBe(0x0a);
    expect([...bounds].sort((a, b) => a - b)).toEqual(bounds);
  });
});
