/** An analyst's dataset read as the audit log records it, with `target` to tell the entries apart. */
export const auditEntry = (target: string) => ({
  user: 'analyst1',
  role: 'analyst',
  via: 'token' as const,
  action: 'dataset_read',
  target,
  filters: {},
  format: 'json',
  rows: 1,
  build_id: 'b1',
  ip: '127.0.0.1',
});
