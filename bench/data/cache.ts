import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/out/: generated files and the latest figures, git-ignored. */
export const BENCH_OUT = fileURLToPath(new URL('../out/', import.meta.url));
const DATA_DIR = fileURLToPath(new URL('./', import.meta.url));

let codeHash: string | undefined;

/**
 * A short hash of the writer's own source: editing how rows are made invalidates cached files, so
 * a stale file with different planted faults is never measured.
 */
export async function writerVersion(): Promise<string> {
  if (!codeHash) {
    const h = createHash('sha256');
    for (const name of (await readdir(DATA_DIR)).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(name).update(await readFile(join(DATA_DIR, name)));
    }
    codeHash = h.digest('hex').slice(0, 10);
  }
  return codeHash;
}

/**
 * Returns the manifest of a generated data set, producing it first when it is not cached. The manifest
 * is written last, after every file is complete, so an interrupted generation is never mistaken for a
 * cached one.
 */
export async function cached<M>(
  manifestPath: string,
  files: string[],
  produce: () => Promise<M>,
): Promise<{ manifest: M; cached: boolean }> {
  if (existsSync(manifestPath) && files.every((f) => existsSync(f))) {
    return { manifest: JSON.parse(await readFile(manifestPath, 'utf8')) as M, cached: true };
  }
  await mkdir(dirname(manifestPath), { recursive: true });
  const manifest = await produce();
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return { manifest, cached: false };
}
