/**
 * The few tables beside the marts that pages and documents read, typed by hand (they are created by
 * code, not models: pipelines/ingest/warehouse.ts, lib/reference/tables.ts and the build's records of
 * pipelines/build/records.ts). Only the columns read; dates and timestamps arrive as text (lib/db).
 */
export interface WarehouseTables {
  'ingest.files': { file_id: number; source: string; file_name: string };
  'ref.domains': { domain: string; label: string };
  'ref.authority_domains': { domain: string; label: string; keyword: string; priority: number };
  'ref.calendar': { date: string; is_working_day: boolean };
  'runs.builds': {
    build_id: string;
    as_of: string;
    started_at: string | null;
    finished_at: string | null;
    status: string;
    selection: string | null;
    message: string | null;
  };
  'runs.models': {
    model: string;
    materialized: string;
    action: string;
    status: string;
    rows: number | null;
    seconds: number;
    message: string | null;
  };
  'runs.tests': {
    test: string;
    kind: string;
    models: string[];
    severity: string;
    status: string;
    failures: number;
    seconds: number;
    message: string | null;
  };
}
