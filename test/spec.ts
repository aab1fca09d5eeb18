/**
 * Tests that check the product against the contract in ../shared/spec (beside the repository; a work
 * tree elsewhere names it with SENTINEL_SPEC_DIR). Where the folder is absent a developer's run skips
 * them, saying so; in CI (CI=true) they fail and name the missing path, so a pipeline that lost the
 * contract cannot pass by testing less.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));

export const SPEC_DIR = process.env.SENTINEL_SPEC_DIR ?? join(REPO, '..', 'shared', 'spec');

const inCi = (): boolean => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/** `it(name, …)` given the path of spec file `file`; skipped outside CI when the file is missing. */
export function itWithSpec(name: string, file: string, test: (path: string) => Promise<void> | void): void {
  const path = join(SPEC_DIR, file);
  if (existsSync(path)) it(name, () => test(path));
  else if (inCi()) {
    it(name, () => {
      throw new Error(
        `${path} is missing: CI must check out the contract beside the repository (or set SENTINEL_SPEC_DIR)`,
      );
    });
  } else it.skip(`${name} (skipped: ${path} is missing)`, () => {});
}
