/**
 * Identity numbers on the way out: shown in full to admin and credit_office only (interfaces.md),
 * masked as 350205********1234 for everyone else.
 */
import { maskIdNumber } from '../../lib/validate/idNumber.js';
import { IDENTITY_COLUMNS, IDENTITY_HEADERS } from '../ingest/contracts/sensitive.js';

type Value = unknown;

function maskValue(v: Value): Value {
  return typeof v === 'string' && v.length > 0 ? maskIdNumber(v) : v;
}

/** Masks identity columns of a row, and identity headers inside nested objects such as quarantine's `raw`. */
export function maskRow<T extends Record<string, Value>>(row: T): T {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(row)) {
    if (IDENTITY_COLUMNS.has(k) || IDENTITY_HEADERS.has(k)) out[k] = maskValue(v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = maskRow(v as Record<string, Value>);
    else out[k] = v;
  }
  return out as T;
}
