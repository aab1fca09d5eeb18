import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { parsePort } from './serve.js';
import { InputError } from '../lib/errors.js';
import { CHILD_COMMAND } from '../pipelines/schedule/childJob.js';
import type { WorkRequest } from '../pipelines/schedule/work.js';

export function registerStart(program: Command, context: () => CommandContext): void {
  program
    .command('start')
    .description(
      'the production entry point: the server and the scheduler (ingest, build, monthly report) in one process',
    )
    .option('--port <n>', 'port to listen on (default: server.port of the configuration, 3000)')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--allow-future', 'let the scheduled builds take an --as-of after today (Asia/Shanghai), e.g. to rehearse')
    .action(async (flags: { port?: string; host: string; allowFuture?: boolean }) => {
      const ctx = context();
      const port = flags.port === undefined ? ctx.config.server.port : parsePort(flags.port);
      // Loaded here, not at the top: every other command (and each job's child process) skips the server code.
      const [{ startSentinel }, { onShutdownSignal }, { startServer }, { creditReportIssuer }, { WARNING_KINDS }] =
        await Promise.all([
          import('../pipelines/schedule/start.js'),
          import('../pipelines/schedule/shutdown.js'),
          import('../server/main.js'),
          import('../pipelines/report/credit/issue.js'),
          import('../server/warningKinds.js'),
        ]);
      const creditReports = creditReportIssuer({ dataDir: ctx.runtime.dataDir, config: ctx.config, log: ctx.log });
      const running = await startSentinel({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        configPath: ctx.runtime.configPath,
        asOf: ctx.runtime.asOfExplicit ? ctx.runtime.asOf : null,
        allowFuture: flags.allowFuture ?? false,
        log: ctx.log,
        logLevel: ctx.log.level,
        port,
        host: flags.host,
        serve: (o) => startServer({ ...o, creditReports }),
        warningKindLabels: WARNING_KINDS,
      });
      ctx.out(`sentinel start: serving ${ctx.runtime.dataDir} on ${running.url}; schedules in ${ctx.config.timezone}`);
      // Resolving (instead of process.exit) lets stdout and the log drain; every handle is closed by stop().
      await new Promise<void>((resolve) => onShutdownSignal(running.stop, ctx.log, () => resolve()));
    });

  // The child process in which sentinel start runs one warehouse job (pipelines/schedule/childJob.ts).
  program.command(`${CHILD_COMMAND} <request>`, { hidden: true }).action(async (text: string) => {
    const ctx = context();
    const req = JSON.parse(text) as WorkRequest;
    const { doWork, isWorkName } = await import('../pipelines/schedule/work.js');
    if (!isWorkName(req.job)) throw new InputError(`${CHILD_COMMAND}: unknown job ${JSON.stringify(req.job)}`);
    try {
      const outcome = await doWork(
        { ...req, asOf: ctx.runtime.asOf },
        { dataDir: ctx.runtime.dataDir, config: ctx.config, log: ctx.log },
      );
      ctx.out(JSON.stringify(outcome));
    } catch (e) {
      // A refusal (no warehouse yet, a locked file) is the job's failure, told to sentinel start as such.
      ctx.log.error({ err: (e as Error).message, job: req.job }, 'job failed');
      ctx.out(JSON.stringify({ ok: false, summary: '', message: (e as Error).message }));
    }
  });
}
