/** What became of one delivered file in one ingest run, as the summary and the load log show it. */
export type FileStatus = 'loaded' | 'duplicate' | 'already_loaded' | 'failed' | 'left' | 'skipped';

export interface FileOutcome {
  source: string;
  file: string;
  status: FileStatus;
  fileId: number | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsBlank: number;
  message: string | null;
  /** Headers of the file that are no field of its source (kept in the raw cells, never silently). */
  unknownHeaders: string[];
  seconds: number;
  /** A skip that needs nobody's action (a hidden file, an Excel lock file, a leftover marker). */
  quiet?: boolean;
}

/** An outcome without rows: a file refused, left or skipped before anything was read. */
export function noteOutcome(
  source: string,
  file: string,
  status: FileStatus,
  message: string,
  quiet = false,
): FileOutcome {
  const o: FileOutcome = {
    source,
    file,
    status,
    fileId: null,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    rowsBlank: 0,
    message,
    unknownHeaders: [],
    seconds: 0,
  };
  if (quiet) o.quiet = true;
  return o;
}

/** The files a run did not take: refused, or a delivery it had to skip (not the quiet skips: dotfiles, locks). */
export function unreadFiles(outcomes: readonly FileOutcome[]): FileOutcome[] {
  return outcomes.filter((o) => o.status === 'failed' || (o.status === 'skipped' && !o.quiet));
}

/** The run did not take everything it was given: a refused file, or a delivery it had to skip. */
export function needsAttention(outcomes: readonly FileOutcome[]): boolean {
  return unreadFiles(outcomes).length > 0;
}
