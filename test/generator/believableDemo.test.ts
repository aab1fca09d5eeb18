/**
 * The demo shows a believable county (issue 18 item 17): with believableNames the planted boundary cases
 * carry names like everyone else's — no 厦门海沧边界…有限公司, 边界red项目 or 测试代表 anywhere it delivers —
 * while the cases and their answers are the same; the shared test world keeps the telling fixture names.
 * No two of the demo's projects share a name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIRT } from '../../generator/dirt.js';
import { generate } from '../../generator/generate.js';
import { copyOfGeneratedWorld, SHARED_WORLD } from '../sharedWorld/index.js';
import { tempDataDir } from '../server/fixtures.js';

const FIXTURE = /边界|测试代表/;

let demo: string;
let tests: string;

beforeAll(async () => {
  demo = tempDataDir();
  const { scale, seed, asOf } = SHARED_WORLD;
  await generate({ scale, seed, asOf, out: demo, dirt: DEFAULT_DIRT, progress: () => {}, believableNames: true });
  tests = await copyOfGeneratedWorld('believable-');
}, 600_000);

/** Every delivered file's text: CSV and JSON as they are, XLSX by its shared strings. */
async function inboxText(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const source of readdirSync(join(dir, 'inbox'))) {
    for (const f of readdirSync(join(dir, 'inbox', source))) {
      const bytes = readFileSync(join(dir, 'inbox', source, f));
      if (!f.endsWith('.xlsx')) out.push(bytes.toString('utf8'));
      else {
        const zip = await JSZip.loadAsync(bytes);
        for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml')))
          out.push(await zip.file(name)!.async('string'));
      }
    }
  }
  return out;
}

const key = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, 'answer-key', `${name}.json`), 'utf8'));

describe('the demo county', () => {
  it('delivers no fixture name, while the test world still does', async () => {
    const delivered = (await inboxText(demo)).join('\n');
    // GBK-encoded files would not match as UTF-8: the answer key, in UTF-8, names every entity too.
    expect(delivered).not.toMatch(FIXTURE);
    for (const f of readdirSync(join(demo, 'answer-key')))
      expect(readFileSync(join(demo, 'answer-key', f), 'utf8'), f).not.toMatch(FIXTURE);
    expect(readFileSync(join(tests, 'answer-key', 'persistent-violators.json'), 'utf8')).toContain(
      '厦门海沧边界屡禁不止有限公司',
    );
  });

  it('plants the same cases with the same answers', () => {
    const cases = (dir: string) =>
      (key(dir, 'planted_cases') as { cases: Array<{ case: string; usccs: string[]; expect: unknown }> }).cases;
    expect(cases(demo)).toEqual(cases(tests));
    for (const dataset of ['repeat-violators', 'cross-domain-violators', 'persistent-violators', 'key-project-risk']) {
      const ids = (dir: string) =>
        (key(dir, dataset) as Array<Record<string, unknown>>).map((r) =>
          JSON.stringify({ ...r, name: null, project_name: null }),
        );
      expect(ids(demo), dataset).toEqual(ids(tests));
    }
  });

  it('names no two projects alike', () => {
    const names = (key(demo, 'key-project-risk') as Array<{ project_name: string }>).map((p) => p.project_name);
    expect(new Set(names).size).toBe(names.length);
  });
});
