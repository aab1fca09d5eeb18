import type { Command } from 'commander';
import type { CommandContext } from './context.js';

/**
 * `sentinel digest send`: deliver the published build's new warnings to the inboxes and mail each
 * subscriber with an address its digest, once per build (DIR/subscriptions/digests.jsonl); run again,
 * it sends nothing twice. `sentinel digest list` prints what was sent. Neither opens the warehouse, so
 * both work while `sentinel start` runs (which sends the digest itself after each build when
 * warnings.digest.enabled).
 */
export function registerDigest(program: Command, context: () => CommandContext): void {
  const digest = program
    .command('digest')
    .description('每日预警摘要: the new warnings of the published build by e-mail');
  digest
    .command('send')
    .description('mail each subscriber the published build’s new warnings, once per build (SMTP of reports.email)')
    .action(async () => {
      const ctx = context();
      const [{ sendDigests }, { AuthStore }, { WARNING_KINDS }] = await Promise.all([
        import('../pipelines/report/digest.js'),
        import('../lib/auth/store.js'),
        import('../server/warningKinds.js'),
      ]);
      const r = await sendDigests({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        users: new AuthStore(ctx.runtime.dataDir),
        log: ctx.log,
        kindLabels: WARNING_KINDS,
      });
      if (!r.build_id) return ctx.out('no published build: nothing to send');
      for (const s of r.sent) ctx.out(`sent ${s.count} warning(s) to ${s.user} <${s.to}> (${s.message_id})`);
      ctx.out(
        `build ${r.build_id}: ${r.sent.length} digest(s) sent, ${r.already.length} already sent for this build, ` +
          `${r.nothing.length} subscriber(s) with no new warning`,
      );
    });
  digest
    .command('list')
    .description('the digests sent: build, user, address, time, message id, count (tab-separated)')
    .action(async () => {
      const ctx = context();
      const { readDigestRecords } = await import('../lib/subscriptions/digests.js');
      for (const r of readDigestRecords(ctx.runtime.dataDir))
        ctx.out([r.build_id, r.as_of, r.user, r.to, r.sent_at, r.message_id, r.count].join('\t'));
    });
}
