/**
 * The lineage graph of the models the server ships with (the folder `sentinel build` reads), taken from
 * the model catalogue of `sentinel docs`. Read once: the project does not change while the server runs.
 */
import { buildCatalog, type Catalog } from '../../pipelines/build/catalog.js';
import { DEFAULT_MODELS_DIR } from '../../pipelines/build/build.js';
import { loadProject } from '../../pipelines/build/project.js';

export type Lineage = Catalog['lineage'];
export interface LineageView {
  lineage: Lineage | null;
  error: string | null;
}

const cache = new Map<string, Promise<LineageView>>();

export function lineageOf(modelsDir = DEFAULT_MODELS_DIR): Promise<LineageView> {
  let view = cache.get(modelsDir);
  if (!view) {
    view = (async () => {
      try {
        return { lineage: (await buildCatalog(loadProject(modelsDir))).lineage, error: null };
      } catch (e) {
        return { lineage: null, error: (e as Error).message };
      }
    })();
    cache.set(modelsDir, view);
  }
  return view;
}
