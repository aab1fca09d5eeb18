import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { paths } from '../lib/dataDir.js';
import type { CommandContext } from './context.js';
import type { Catalog } from '../pipelines/build/catalog.js';
import { DEFAULT_MODELS_DIR } from './build.js';

export function registerDocs(program: Command, context: () => CommandContext): void {
  program
    .command('docs')
    .description('write the model catalogue (models, column docs, tests, lineage graph) as JSON')
    .option('--out <file>', 'where to write it (default: DIR/docs/catalog.json; "-" for stdout)')
    .option('--models-dir <dir>', 'folder of models', DEFAULT_MODELS_DIR)
    .action(async (flags: { out?: string; modelsDir: string }) => {
      const ctx = context();
      const [{ buildCatalog }, { topoOrder }, { loadProject }, { openPublished }, { readPointer }] = await Promise.all([
        import('../pipelines/build/catalog.js'),
        import('../pipelines/build/dag.js'),
        import('../pipelines/build/project.js'),
        import('../lib/publish/reader.js'),
        import('../lib/publish/pointer.js'),
      ]);
      const project = loadProject(flags.modelsDir);
      topoOrder(project);
      let catalog: Catalog;
      if (readPointer(ctx.runtime.dataDir)) {
        const pb = await openPublished(ctx.runtime.dataDir);
        try {
          catalog = await buildCatalog(project, pb.db, { build_id: pb.pointer.build_id, as_of: pb.pointer.as_of });
        } finally {
          pb.close();
        }
      } else catalog = await buildCatalog(project);
      const json = `${JSON.stringify(catalog, null, 2)}\n`;
      if (flags.out === '-') return void process.stdout.write(json);
      const out = flags.out ?? paths.catalog(ctx.runtime.dataDir);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, json);
      ctx.out(
        `${catalog.models.length} models, ${catalog.tests.length} tests, ` +
          `${catalog.lineage.edges.length} lineage edges → ${out}`,
      );
    });
}
