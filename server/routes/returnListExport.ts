/**
 * GET /quarantine/returns: the 退回清单 workbook (pipelines/export/returnList.ts), read from the warehouse's
 * loads like the quarantine dataset: a department user gets its own department's rows, leaders none (403),
 * everyone else every row. Audited as an export of quarantine.
 */
import { existsSync } from 'node:fs';
import type { Request, Response } from 'express';
import type { AuditLog } from '../../lib/auth/audit.js';
import { departmentScope } from '../../lib/auth/scope.js';
import { paths } from '../../lib/dataDir.js';
import { withDb } from '../../lib/db.js';
import { HttpError, isLockError } from '../../lib/errors.js';
import { readPointer } from '../../lib/publish/pointer.js';
import { peopleXlsx } from '../../pipelines/export/peopleTable.js';
import { returnListSheets, returnRows } from '../../pipelines/export/returnList.js';
import { mustPrincipal } from '../authenticate.js';
import { entityRights } from './entityRights.js';
import { clientIp } from './send.js';

export async function sendReturnList(deps: { dataDir: string; audit: AuditLog }, req: Request, res: Response) {
  const p = mustPrincipal(res);
  entityRights(p);
  const department = departmentScope(p, 'quarantine');
  const warehouse = paths.warehouse(deps.dataDir);
  if (!existsSync(warehouse)) throw new HttpError(503, 'no_warehouse', '尚未导入任何数据：请先运行 sentinel ingest');
  const rows = await withDb(warehouse, { readOnly: true, threads: 1 }, (db) => returnRows(db, department)).catch(
    (e: unknown) => {
      if (isLockError(e)) throw new HttpError(503, 'warehouse_busy', '数据仓库正在导入或构建，请一分钟后重试');
      throw e;
    },
  );
  const pointer = readPointer(deps.dataDir);
  const body = await peopleXlsx(returnListSheets(rows), pointer);
  await deps.audit.record({
    user: p.name,
    role: p.role,
    via: p.via,
    action: 'dataset_export',
    target: 'quarantine:returns',
    filters: department === null ? {} : { department },
    format: 'xlsx',
    rows: rows.length,
    build_id: pointer?.build_id ?? null,
    ip: clientIp(req),
  });
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  res.attachment(`退回清单${department ? `-${department}` : ''}-${today}.xlsx`);
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(body);
}
