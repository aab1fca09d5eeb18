/**
 * `sentinel headers`: the unknown headers the ingest saw, with their files, departments, samples and the
 * proposed field (what the 表头映射 page lists); `sentinel headers confirm` writes one into the mapping
 * file, as the page's button does; `sentinel headers check` validates the mapping file. Listing shows
 * delivered cells, so it is audited as the operating-system user that ran it, like a CLI export.
 */
import type { Command } from 'commander';
import type { CommandContext } from './context.js';

async function audit(
  ctx: CommandContext,
  action: string,
  target: string,
  filters: Record<string, string>,
  rows: number,
) {
  const { AuditLog } = await import('../lib/auth/audit.js');
  const { userInfo } = await import('node:os');
  await new AuditLog(ctx.runtime.dataDir).record({
    user: userInfo().username,
    role: 'cli',
    via: 'cli',
    action,
    target,
    filters,
    format: null,
    rows,
    build_id: null,
    ip: null,
  });
}

async function mappingContext(ctx: CommandContext) {
  const { headerMappingsPath, loadHeaderMappings } = await import('../lib/headerMappings/file.js');
  const { FIELD_CATALOGUE } = await import('../pipelines/ingest/fieldCatalogue.js');
  const path = headerMappingsPath(ctx.config.ingest.header_mappings_file);
  return { path, catalogue: FIELD_CATALOGUE, mappings: loadHeaderMappings(path, FIELD_CATALOGUE) };
}

async function list(ctx: CommandContext, all: boolean): Promise<void> {
  const { readHeadersSeen } = await import('../lib/headerMappings/seen.js');
  const { reviewHeaders } = await import('../lib/headerMappings/review.js');
  const { mappings } = await mappingContext(ctx);
  const rows = reviewHeaders(readHeadersSeen(ctx.runtime.dataDir), mappings).filter((r) => all || r.mappedTo === null);
  const lines = ['source\theader\tstatus\tproposed\tfiles\trefused\tdepartments\tsamples'];
  for (const r of rows) {
    const proposed = r.proposal ? `${r.proposal.header} (${r.proposal.why})` : '';
    const status = r.mappedTo ? `mapped → ${r.mappedTo}` : 'pending';
    lines.push(
      [
        r.source,
        r.header,
        status,
        proposed,
        r.files.map((f) => f.file).join('; '),
        r.refused,
        r.departments.join('; '),
        r.samples.join('; '),
      ].join('\t'),
    );
  }
  if (rows.length === 0) lines.push(all ? '(no unknown headers seen)' : '(no unknown header waits for a mapping)');
  ctx.out(lines.join('\n'));
  await audit(ctx, 'headers_view', 'headers', all ? { all: 'true' } : {}, rows.length);
}

interface ConfirmFlags {
  source: string;
  header: string;
  field?: string;
  files?: string;
  by?: string;
}

async function confirm(ctx: CommandContext, flags: ConfirmFlags): Promise<void> {
  const { confirmMapping } = await import('../lib/headerMappings/confirm.js');
  const { readHeadersSeen } = await import('../lib/headerMappings/seen.js');
  const { reviewHeaders } = await import('../lib/headerMappings/review.js');
  const { InputError } = await import('../lib/errors.js');
  const { userInfo } = await import('node:os');
  const { path, catalogue, mappings } = await mappingContext(ctx);
  // Without --field the proposal is taken, as the page's button takes the preselected field.
  const seen = reviewHeaders(readHeadersSeen(ctx.runtime.dataDir), mappings).find(
    (r) => r.source === flags.source && r.header.trim() === flags.header.trim(),
  );
  const field = flags.field ?? seen?.proposal?.header;
  if (!field) throw new InputError(`没有为「${flags.header}」推断出字段，请用 --field 指定`);
  const by = flags.by ?? userInfo().username;
  const entry = await confirmMapping(path, catalogue, {
    source: flags.source,
    header: flags.header,
    field,
    files: flags.files ?? null,
    by,
    at: new Date(),
  });
  const [header, name] = Object.entries(entry.headers)[0]!;
  await audit(
    ctx,
    'header_mapping_confirmed',
    `${flags.source}|${header}`,
    { field: name, ...(flags.files ? { files: flags.files } : {}) },
    1,
  );
  ctx.out(`已写入 ${path}：${flags.source} 的列「${header}」→ 字段 ${name}（确认人 ${by}）；下次读入时生效`);
}

export function registerHeaders(program: Command, context: () => CommandContext): void {
  const headers = program
    .command('headers')
    .description('unknown headers the ingest saw, with files, departments, samples and a proposed field')
    .option('--all', 'also list the headers already mapped')
    .action(async (opts: { all?: boolean }) => list(context(), opts.all === true));
  headers
    .command('confirm')
    .description('map a delivered header to a field in the mapping file (the proposed field unless --field)')
    .requiredOption('--source <source>', 'the source folder, e.g. penalties')
    .requiredOption('--header <header>', 'the header as delivered')
    .option('--field <field>', 'the field by its sources.md header (统一社会信用代码) or column name (uscc)')
    .option('--files <pattern>', 'only for file names matching this pattern (* and ?)')
    .option('--by <name>', 'who confirms (default: the operating-system user)')
    .action(async (flags: ConfirmFlags) => confirm(context(), flags));
  headers
    .command('check')
    .description('validate the mapping file; exit 1 with every mistake listed')
    .action(async () => {
      const ctx = context();
      const { path, mappings } = await mappingContext(ctx);
      const mapped = mappings.entries.reduce((n, e) => n + Object.keys(e.headers).length, 0);
      ctx.out(`表头映射文件 ${path} 有效：${mappings.entries.length} 条映射，${mapped} 个列名`);
    });
}
