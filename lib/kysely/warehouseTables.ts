/**
 * The few tables beside the marts that pages and documents read, typed by hand (they are created by
 * code, not models: pipelines/ingest/warehouse.ts and lib/reference/tables.ts). Only the columns read.
 */
export interface WarehouseTables {
  'ingest.files': { file_id: number; source: string; file_name: string };
  'ref.domains': { domain: string; label: string };
  'ref.authority_domains': { domain: string; label: string; keyword: string; priority: number };
  'ref.calendar': { date: string; is_working_day: boolean };
}
