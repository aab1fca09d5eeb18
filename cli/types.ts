import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from './context.js';
import { DEFAULT_MODELS_DIR } from './build.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));

export function registerTypes(program: Command, context: () => CommandContext): void {
  program
    .command('types')
    .description("write the mart row types and the Kysely database interface from the models' YAML")
    .option('--models-dir <dir>', 'folder of models', DEFAULT_MODELS_DIR)
    .option('--out <file>', 'where to write them (default: lib/kysely/martTypes.ts of this checkout)')
    .option('--check', 'write nothing; fail when the file differs from what would be written')
    .action(async (flags: { modelsDir: string; out?: string; check?: boolean }) => {
      const ctx = context();
      const { formattedMartTypes, MART_TYPES_FILE } = await import('../pipelines/build/martTypeSource.js');
      const out = flags.out ?? join(REPO, MART_TYPES_FILE);
      const text = await formattedMartTypes(join(flags.modelsDir, 'marts'), out);
      if (flags.check) {
        const { InputError } = await import('../lib/errors.js');
        if (readFileSync(out, 'utf8') !== text) throw new InputError(`${out} is stale: run \`sentinel types\``);
        return void ctx.out(`${out} is up to date`);
      }
      writeFileSync(out, text);
      ctx.out(`mart types → ${out}`);
    });
}
