/** What every benchmark hands back to bench/run.ts, and what bench/out/latest.json holds. */

export interface Measurement {
  bench: string;
  case: string;
  rows: number | null;
  seconds: number;
  rowsPerSecond: number | null;
  baselineSeconds: number | null;
  /** Product speed over baseline speed (rows/s ÷ rows/s); for a time ratio, seconds ÷ baseline seconds. */
  ratio: number | null;
  peakRssMb: number | null;
  /** The target in words, e.g. "≥ 0.5× baseline rows/s"; null when the row is context only. */
  target: string | null;
  pass: boolean | null;
  note?: string;
}

export interface Check {
  bench: string;
  name: string;
  ok: boolean;
  detail: string;
}

export interface BenchOutcome {
  measurements: Measurement[];
  checks: Check[];
}

export interface BenchOptions {
  /** Rows of the CSV files (1,000,000 by default). */
  rows: number;
  /** Rows of the XLSX file (100,000 by default). */
  xlsxRows: number;
  seed: number;
  /** Keep the data directories of the run for inspection. */
  keep: boolean;
  /** World size for the generate, models and server benchmarks. */
  scale: 'county' | 'city';
  /** Progress lines go here (stderr in the CLI). */
  progress: (line: string) => void;
}
