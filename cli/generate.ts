import type { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from '../lib/errors.js';
import { parseIsoDate, todayInShanghai } from '../lib/dates.js';
import { parseDirt } from '../generator/dirt.js';
import type { Scale } from '../generator/generate.js';
import type { ShardedScale } from '../generator/province.js';
import type { CommandContext } from './context.js';

interface GenerateFlags {
  scale: string;
  seed: string;
  asOf?: string;
  out: string;
  dirt: string[];
}

/**
 * The keys of SCALES (generate.ts) and SHARDED_SCALES (province.ts), named here so that registering
 * the command does not load the generator; the checks below make tsc fail when they drift apart.
 */
export const WORLD_SCALES = ['tiny', 'county', 'city'] as const satisfies readonly Scale[];
const SHARDED_SCALE_NAMES = ['province', 'province-mini'] as const satisfies readonly ShardedScale[];
const _allWorldScales: [Exclude<Scale, (typeof WORLD_SCALES)[number]>] extends [never] ? true : false = true;
const _allShardedScales: [Exclude<ShardedScale, (typeof SHARDED_SCALE_NAMES)[number]>] extends [never] ? true : false =
  true;
const ALL_SCALES: readonly string[] = [...WORLD_SCALES, ...SHARDED_SCALE_NAMES];

/** `sentinel generate`: a synthetic county (or city, province) with its answer key (interfaces.md). */
export function registerGenerate(program: Command, _context: () => CommandContext): void {
  program
    .command('generate')
    .description('write a synthetic world as DIR/inbox/<source>/… and its answer key as DIR/answer-key/<dataset>.json')
    .requiredOption('--out <dir>', 'output folder (its inbox/ and answer-key/ are replaced)')
    .option(
      '--scale <scale>',
      `one of ${ALL_SCALES.join(', ')} (province: resumable, written as DIR/shards/NNN/)`,
      'county',
    )
    .option('--seed <n>', 'seed of the world', '1')
    .option('--as-of <date>', 'the date the answer key is true at (default: the global --as-of, else today)')
    .option(
      '--dirt <key=rate>',
      'override a dirtiness rate (repeatable; see docs/generator.md)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .action(async (flags: GenerateFlags, cmd: Command) => {
      if (!ALL_SCALES.includes(flags.scale))
        throw new InputError(`--scale must be one of ${ALL_SCALES.join(', ')}, got "${flags.scale}"`);
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed) || seed < 0)
        throw new InputError(`--seed must be a non-negative integer, got "${flags.seed}"`);
      const asOf = flags.asOf ?? (cmd.optsWithGlobals() as { asOf?: string }).asOf ?? todayInShanghai();
      if (parseIsoDate(asOf) === null) throw new InputError(`--as-of must be a date written YYYY-MM-DD, got "${asOf}"`);
      let dirt;
      try {
        dirt = parseDirt(flags.dirt);
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      const started = process.hrtime.bigint();
      const progress = (m: string) => process.stderr.write(`generate: ${m}\n`);
      if ((SHARDED_SCALE_NAMES as readonly string[]).includes(flags.scale)) {
        const { generateSharded } = await import('../generator/province.js');
        const s = await generateSharded({
          scale: flags.scale as ShardedScale,
          seed,
          asOf,
          out: resolve(flags.out),
          dirt,
          progress,
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        process.stdout.write(
          `generated ${s.entities} entities, ${s.rows} rows in ${s.files} files over ${s.shards} shards ` +
            `(${s.resumed} kept from an earlier run) in ${seconds.toFixed(1)} s; ` +
            'manifest: province.json, answer keys: shards/NNN/answer-key/\n',
        );
        return;
      }
      const { generate } = await import('../generator/generate.js');
      const summary = await generate({
        scale: flags.scale as Scale,
        seed,
        asOf,
        out: resolve(flags.out),
        dirt,
        progress,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(
        `generated ${summary.entities} entities, ${summary.rows} rows in ${summary.files} files ` +
          `(${summary.quarantined} planted quarantine rows) in ${seconds.toFixed(1)} s; ` +
          `answer key: ${summary.answerKeys.join(', ')}\n`,
      );
    });
}
