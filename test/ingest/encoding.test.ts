import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import { sniffEncoding, transcodeToUtf8 } from '../../pipelines/ingest/readers/encoding.js';

describe('GB18030 transcoding', () => {
  const title =
    'turns a multi-megabyte GB18030 file into the same text in UTF-8, characters split across read chunks included';
  it(title, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-enc-'));
    // Four-byte GB18030 characters (䶮 𠮷 €) and two-byte ones, with an odd line length so that 1 MiB
    // read chunks end inside characters many times.
    const line = '厦门市海沧区䶮𠮷商行（有限合伙）,罚款€5,吊销许可证件,2024年3月1日\r\n';
    const text = line.repeat(Math.ceil((3 * 2 ** 20) / Buffer.byteLength(line)));
    const from = join(dir, 'in.csv');
    const to = join(dir, 'out.csv');
    writeFileSync(from, iconv.encode(text, 'gb18030'));
    expect(await sniffEncoding(from)).toBe('gb18030');
    let reported = 0;
    await transcodeToUtf8(from, to, (done) => (reported = done));
    expect(reported).toBe(readFileSync(from).length);
    const out = readFileSync(to, 'utf8');
    expect(out.length).toBe(text.length);
    expect(out === text).toBe(true);
  });
});
