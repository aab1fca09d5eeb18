import type { FileOutcome } from './outcome.js';

interface SourceCounts {
  files: number;
  dup: number;
  failed: number;
  read: number;
  loaded: number;
  quarantined: number;
  left: number;
  skipped: number;
}

/** Per-source counts of an ingest, then every refused, left and skipped file with its reason. */
export function ingestSummary(outcomes: FileOutcome[]): string {
  const bySource = new Map<string, SourceCounts>();
  for (const o of outcomes) {
    const s = bySource.get(o.source) ?? {
      files: 0,
      dup: 0,
      failed: 0,
      read: 0,
      loaded: 0,
      quarantined: 0,
      left: 0,
      skipped: 0,
    };
    if (o.status === 'loaded') s.files++;
    else if (o.status === 'failed') s.failed++;
    else if (o.status === 'left') s.left++;
    else if (o.status === 'skipped') s.skipped++;
    else s.dup++;
    s.read += o.rowsRead;
    s.loaded += o.rowsLoaded;
    s.quarantined += o.rowsQuarantined;
    bySource.set(o.source, s);
  }
  const lines = ['source\tfiles\tunchanged\tfailed\trows_read\trows_loaded\trows_quarantined\tleft\tskipped'];
  for (const [source, s] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push([source, s.files, s.dup, s.failed, s.read, s.loaded, s.quarantined, s.left, s.skipped].join('\t'));
  }
  for (const status of ['failed', 'left', 'skipped'] as const)
    for (const o of outcomes.filter((x) => x.status === status))
      lines.push(`${status}: ${o.source}/${o.file}: ${o.message}`);
  // sources.md: unknown extra columns are kept, never silently — every one is named, per file.
  for (const o of outcomes.filter((x) => x.unknownHeaders.length > 0))
    lines.push(`unknown headers: ${o.source}/${o.file}: ${o.unknownHeaders.join(', ')}`);
  if (outcomes.length === 0) lines.push('(no new files in the inbox)');
  return lines.join('\n');
}
