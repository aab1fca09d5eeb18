import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';

export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new InputError(`--port must be a number from 0 to 65535, got "${text}"`);
  return Number(text);
}

export function registerServe(program: Command, context: () => CommandContext): void {
  program
    .command('serve')
    .description('serve the dashboards and the HTTP API from the published build')
    .option('--port <n>', 'port to listen on (default: server.port of the configuration, 3000)')
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .action(async (flags: { port?: string; host: string }) => {
      const ctx = context();
      const port = flags.port === undefined ? ctx.config.server.port : parsePort(flags.port);
      const [{ startServer }, { creditReportIssuer }] = await Promise.all([
        import('../server/main.js'),
        import('../pipelines/report/credit/issue.js'),
      ]);
      const running = await startServer({
        dataDir: ctx.runtime.dataDir,
        config: ctx.config,
        log: ctx.log,
        port,
        host: flags.host,
        creditReports: creditReportIssuer({ dataDir: ctx.runtime.dataDir, config: ctx.config, log: ctx.log }),
      });
      ctx.out(`serving ${ctx.runtime.dataDir} on ${running.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => void running.stop().then(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
