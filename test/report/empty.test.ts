import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { issueScreeningReport } from '../../pipelines/report/issue.js';
import { World, company } from '../models/world.js';
import { readDocx, readXlsx } from './documents.js';

describe('a month without violators', () => {
  it('still issues a report that says so, and says why there is no PDF when chromium is missing', async () => {
    const world = new World().deliver('enterprises', [company(1, '厦门无违法有限公司')]);
    await world.ingest();
    await world.build('2025-06-30');
    const r = await issueScreeningReport({
      dataDir: world.dir,
      config: loadConfig(),
      period: '2025-06',
      outDir: join(world.dir, 'out'),
      log: silentLog(),
      chromium: '/nonexistent/chromium',
    });
    expect(r.report.entities).toEqual([]);
    expect(r.report.departments).toEqual([]);
    expect(r.report.previous).toBeNull();
    expect(r.files.pdf).toBeNull();
    expect(r.pdfSkipped).toBe(
      'no PDF: /nonexistent/chromium is not installed (apt-get install -y chromium fonts-wqy-microhei)',
    );
    const d = await readDocx(r.files.docx);
    expect(d.paragraphs.join('\n')).toContain('本期列入通报的经营主体共0户');
    expect(d.paragraphs.join('\n')).toContain('本期为首次通报，0户均为新增。');
    // Nothing to list: one annex, named 附件 without a number, that says so; no 附件2.
    expect(d.paragraphs).toContain('附件：各责任部门名单');
    expect(d.paragraphs).toContain('本期无交办部门。');
    expect(d.paragraphs.join('\n')).not.toContain('附件2');
    expect([...(await readXlsx(r.files.xlsx)).keys()]).toEqual(['汇总', '不再列入']);
  }, 120_000);
});
