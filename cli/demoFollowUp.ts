/**
 * The demo's follow-up (issue 18 item 6): the county's December circular issued once from the demo
 * build, and a department user to walk an item from 待办理 to 已办结. The demo's data are old (as of
 * 2025-12-31), so the circular runs on its own clock (lib/followUp/clock.ts): pending on the day it is
 * issued, due ten working days after that.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../lib/config/schema.js';
import type { Log } from '../lib/log.js';

export const DEMO_DEPARTMENT_USER = 'demo-dept';

export async function demoFollowUp(opts: {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  period: string;
  say: (m: string) => void;
  out: (m: string) => void;
}): Promise<void> {
  const [{ readIssued }, { issueScreeningReport }, { AuthStore }] = await Promise.all([
    import('../lib/followUp/history.js'),
    import('../pipelines/report/issue.js'),
    import('../lib/auth/store.js'),
  ]);
  let issued = readIssued(opts.dataDir).find((r) => r.period === opts.period);
  if (!issued) {
    opts.say(
      `issuing the ${opts.period} screening circular (DOCX, XLSX, HTML; \`sentinel report screening\` makes the PDF)`,
    );
    const r = await issueScreeningReport({
      dataDir: opts.dataDir,
      config: opts.config,
      period: opts.period,
      log: opts.log,
      chromium: null,
    });
    issued = readIssued(opts.dataDir).find((x) => x.report_no === r.report.report_no);
    opts.say(`${r.report.report_no}: ${r.report.entities.length} entities, documents in ${r.files.docx}`);
  }
  if (!issued) return;
  // The department with most items, so the walk has something to show.
  const counts = new Map<string, number>();
  for (const a of issued.assignments)
    if (a.department !== opts.config.reports.coordinator) counts.set(a.department, (counts.get(a.department) ?? 0) + 1);
  const department = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!department) return;
  const store = new AuthStore(opts.dataDir);
  // Reused by every run with a fresh password, like the demo admin (shown once, never stored in clear).
  const password = randomBytes(12).toString('base64url');
  if (store.findUser(DEMO_DEPARTMENT_USER)) await store.setPassword(DEMO_DEPARTMENT_USER, password);
  else await store.addUser({ name: DEMO_DEPARTMENT_USER, role: 'department', department, password });
  opts.out(
    `demo department user: ${DEMO_DEPARTMENT_USER}  password: ${password}  (${department}; shown once) — ` +
      '跟踪督办 → 登记措施 walks an item from 待办理 to 已办结',
  );
}
