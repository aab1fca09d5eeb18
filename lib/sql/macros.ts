/**
 * The validators and parsers of lib/validate as DuckDB macros (all named cs_…), so the ingest can
 * check a million rows inside SQL instead of moving them into JavaScript. Names starting with cs__ are
 * internal steps. test/sql/macros-parity.test.ts keeps the two implementations from drifting apart.
 */
import type { Db } from '../db.js';
import type { Config } from '../config/schema.js';
import { textMacrosSql } from './macros/text.js';
import { codeMacrosSql } from './macros/codes.js';
import { dateMacrosSql } from './macros/dates.js';

export interface MacroOptions {
  serialMin: number;
  serialMax: number;
  /** Years at or above it mean "long term / no end"; such dates still parse (the caller interprets them). */
  longTermYear: number;
}

/** The whole script of `create or replace macro` statements, in dependency order. */
export function macrosSql(opts: MacroOptions): string {
  return [...textMacrosSql(), ...codeMacrosSql(), ...dateMacrosSql(opts)].join('\n');
}

/** Installs every cs_ macro on this connection (macros live in the catalog of the attached database). */
export async function installMacros(db: Db, config: Pick<Config, 'ingest'>): Promise<void> {
  await db.exec(
    macrosSql({
      serialMin: config.ingest.excel_serial_min,
      serialMax: config.ingest.excel_serial_max,
      longTermYear: config.ingest.long_term_year,
    }),
  );
}
