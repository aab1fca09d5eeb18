/**
 * Optional delivery of each department's part by e-mail (reports.email): its own table as XLSX and
 * HTML, nothing of other departments. A department without an address in `recipients` is skipped and
 * named in the result, so the office can send it by other means.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../lib/config/schema.js';
import type { Log } from '../../lib/log.js';
import { departmentRows } from './compose.js';
import { screeningHtml } from './html.js';
import { reportTitle } from './labels.js';
import { chineseDate } from './period.js';
import type { ScreeningReport } from './types.js';
import { screeningXlsx } from './xlsx.js';

export type EmailConfig = Readonly<Config['reports']['email']>;

export interface Delivery {
  sent: Array<{ department: string; to: string; messageId: string }>;
  skipped: string[];
}

/** The report as one department should receive it: only the entities routed to it. */
export function departmentPart(report: ScreeningReport, department: string): ScreeningReport {
  const usccs = new Set(departmentRows(report, department).map((r) => r.entity.uscc));
  return {
    ...report,
    departments: [department],
    entities: report.entities.filter((e) => usccs.has(e.uscc)),
    resolved: [],
  };
}

export async function deliverReport(report: ScreeningReport, email: EmailConfig, log: Log): Promise<Delivery> {
  const transport = nodemailer.createTransport({
    host: email.host,
    port: email.port,
    secure: email.secure,
    auth: email.user ? { user: email.user, pass: email.password ?? '' } : undefined,
  });
  const result: Delivery = { sent: [], skipped: [] };
  try {
    for (const department of report.departments) {
      const to = email.recipients[department];
      if (!to) {
        result.skipped.push(department);
        continue;
      }
      const part = departmentPart(report, department);
      const info = await transport.sendMail({
        from: email.from,
        to,
        subject: `${report.report_no} ${reportTitle(report)}（${department}）`,
        text:
          `${department}：\n\n${report.issuing_office}${report.report_no}通报，本部门名单共${part.entities.length}户，` +
          `请按建议措施处置，并于${chineseDate(report.due_date)}前在平台反馈。名单见附件。\n`,
        html: screeningHtml(part, null),
        attachments: [{ filename: `${report.report_no}-${department}.xlsx`, content: await screeningXlsx(part) }],
      });
      result.sent.push({ department, to, messageId: String(info.messageId) });
      log.info({ department, to, report_no: report.report_no }, 'screening report e-mailed');
    }
  } finally {
    transport.close();
  }
  return result;
}
