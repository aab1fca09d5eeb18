/** `sentinel audit verify`: checks the audit log's hash chain; exit 1 names the first broken line. */
import type { Command } from 'commander';
import type { CommandContext } from './context.js';

export function registerAudit(program: Command, context: () => CommandContext): void {
  const audit = program.command('audit').description('the audit log (DIR/audit/, docs/audit.md)');
  audit
    .command('verify')
    .description('check the hash chain of every audit line; exit 1 and name the first broken line')
    .action(async () => {
      const ctx = context();
      const { verifyAudit } = await import('../lib/auth/auditVerify.js');
      const r = await verifyAudit(ctx.runtime.dataDir);
      if (r.broken) {
        const { file, line, problem } = r.broken;
        process.stderr.write(
          `审计日志校验失败：${file} 第 ${line} 行（${problem}）；此前 ${r.lines} 行完好\n` +
            `audit log broken at ${file} line ${line}: ${problem}\n`,
        );
        process.exitCode = 1;
        return;
      }
      ctx.out(`审计日志完好：${r.files} 个文件，${r.lines} 行，哈希链连续 (audit log intact: ${r.lines} lines)`);
    });
}
