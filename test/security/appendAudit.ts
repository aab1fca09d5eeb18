/** A second process that appends N audit lines as fast as it can (test/security/auditChain.test.ts). */
import { AuditLog } from '../../lib/auth/audit.js';

const [dataDir, who, count] = process.argv.slice(2);
const log = new AuditLog(dataDir!);
for (let i = 0; i < Number(count); i++)
  await log.record({
    user: who!,
    role: 'analyst',
    via: 'token',
    action: 'dataset_read',
    target: `t${i}`,
    filters: {},
    format: 'json',
    rows: i,
    build_id: null,
    ip: null,
  });
