import type { BuildResult } from './build.js';

/** The short summary a build prints: models, test counts, failing tests and whether it published. */
export function buildSummary(result: BuildResult): string {
  const lines = ['model\taction\tstatus\trows\tseconds'];
  for (const m of result.models)
    lines.push([m.model, m.action, m.status, m.rows ?? '', m.seconds.toFixed(2)].join('\t'));
  const count = (s: string) => result.tests.filter((t) => t.status === s).length;
  lines.push(
    `tests: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed, ${count('error')} errored`,
  );
  for (const t of result.tests.filter((x) => x.status !== 'pass'))
    lines.push(`  ${t.status}\t${t.test}\t${t.failures} row(s)${t.message ? `\t${t.message}` : ''}`);
  lines.push(
    result.published
      ? `published build ${result.buildId} (as-of ${result.asOf})`
      : `build ${result.buildId} NOT published: ${result.message}; the previous build keeps serving`,
  );
  return lines.join('\n');
}
