/**
 * `sentinel demo`: a generated county (fixed seed and as-of, so every run shows the same numbers),
 * ingested and built, a demo admin with a random password printed once, and the server on :3000.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../lib/errors.js';
import type { Scale } from '../generator/generate.js';
import { WORLD_SCALES } from './generate.js';
import { parsePort } from './serve.js';
import type { CommandContext } from './context.js';

/** The generator's world is true at this date; a fixed date keeps the demo reproducible. */
export const DEMO_AS_OF = '2025-12-31';
export const DEMO_SEED = 1;
/** Under data/local/, which git ignores. */
const DEMO_DIR = 'data/local/demo';
/** The demo's one admin account; a second `sentinel demo` gives it a new password instead of adding another. */
export const DEMO_ADMIN = 'demo-admin';

interface DemoFlags {
  port?: string;
  host: string;
  scale: string;
  serve: boolean;
  fresh?: boolean;
}

export function registerDemo(program: Command, context: () => CommandContext): void {
  program
    .command('demo')
    .description(
      `generate a county (seed ${DEMO_SEED}, as-of ${DEMO_AS_OF}), ingest, build, create a demo admin and serve on http://localhost:3000`,
    )
    .option('--port <n>', 'port to listen on', '3000')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--scale <scale>', `world size: ${WORLD_SCALES.join(', ')}`, 'county')
    .option('--fresh', 'generate and build again even when the demo build exists')
    .option('--no-serve', 'stop after the build and the demo user (for scripts)')
    .action(async (flags: DemoFlags, cmd: Command) => {
      if (!(WORLD_SCALES as readonly string[]).includes(flags.scale))
        throw new InputError(`--scale must be one of ${WORLD_SCALES.join(', ')}, got "${flags.scale}"`);
      const port = parsePort(flags.port ?? '3000');
      const ctx = context();
      const explicitDir = (cmd.optsWithGlobals() as { dataDir?: string }).dataDir ?? process.env.SENTINEL_DATA_DIR;
      const dataDir = resolve(explicitDir ?? DEMO_DIR);
      const say = (m: string) => process.stderr.write(`demo: ${m}\n`);

      const { readPointer } = await import('../lib/publish/pointer.js');
      const published = existsSync(dataDir) ? readPointer(dataDir) : null;
      if (flags.fresh || published?.as_of !== DEMO_AS_OF) {
        const started = Date.now();
        const [{ generate }, { DEFAULT_DIRT }, { ingest }, { build }] = await Promise.all([
          import('../generator/generate.js'),
          import('../generator/dirt.js'),
          import('../pipelines/ingest/run.js'),
          import('../pipelines/build/build.js'),
        ]);
        say(`generating a ${flags.scale} world (seed ${DEMO_SEED}, as-of ${DEMO_AS_OF}) in ${dataDir}`);
        await generate({
          scale: flags.scale as Scale,
          seed: DEMO_SEED,
          asOf: DEMO_AS_OF,
          out: dataDir,
          dirt: DEFAULT_DIRT,
          progress: () => {},
          // A believable county: no fixture names such as 边界red项目 (issue 18 item 17).
          believableNames: true,
        });
        say("ingesting the departments' extracts");
        await ingest({ dataDir, config: ctx.config, log: ctx.log });
        say('building the models');
        const result = await build({ dataDir, asOf: DEMO_AS_OF, config: ctx.config, log: ctx.log });
        if (!result.published)
          throw new InputError(
            `the demo build ${result.buildId} did not pass its tests (${result.status}); ` +
              "see sentinel build's log above",
          );
        say(`published build ${result.buildId} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      } else {
        say(`reusing the demo build ${published.build_id} in ${dataDir} (--fresh to rebuild)`);
      }

      // One demo admin, reused by every run with a fresh password: shown once, never stored in clear.
      const name = DEMO_ADMIN;
      const password = randomBytes(12).toString('base64url');
      const { AuthStore } = await import('../lib/auth/store.js');
      const users = new AuthStore(dataDir);
      if (users.findUser(name)) await users.setPassword(name, password);
      else await users.addUser({ name, role: 'admin', department: null, password });
      ctx.out(`demo admin: ${name}  password: ${password}  (shown once)`);
      const { demoFollowUp } = await import('./demoFollowUp.js');
      await demoFollowUp({
        dataDir,
        config: ctx.config,
        log: ctx.log,
        period: DEMO_AS_OF.slice(0, 7),
        say,
        out: ctx.out,
      });
      if (!flags.serve) return;

      const [{ startServer }, { creditReportIssuer }] = await Promise.all([
        import('../server/main.js'),
        import('../pipelines/report/credit/issue.js'),
      ]);
      const creditReports = creditReportIssuer({ dataDir, config: ctx.config, log: ctx.log });
      const running = await startServer({
        dataDir,
        config: ctx.config,
        log: ctx.log,
        port,
        host: flags.host,
        creditReports,
      });
      ctx.out(`open ${running.url} and sign in; Ctrl-C stops`);
      await new Promise<void>((done) => {
        const stop = () => void running.stop().then(done);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
