import { Router } from 'express';
import type { PublishedBuilds } from '../publishedBuild.js';

/** 200 only when the published build answers a query; a load balancer may send traffic then. */
export function healthRoutes(builds: PublishedBuilds): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      const answer = await builds.with(async (build) =>
        build ? { build, one: await build.query((db) => db.value<number>('select 1')) } : null,
      );
      if (answer?.one === 1) {
        return void res.json({
          status: 'ok',
          build_id: answer.build.pointer.build_id,
          as_of: answer.build.pointer.as_of,
        });
      }
      res
        .status(503)
        .json({ status: 'unavailable', message: 'no build has been published yet; run `sentinel build` first' });
    } catch (e) {
      res
        .status(503)
        .json({ status: 'unavailable', message: `the published build cannot be read: ${(e as Error).message}` });
    }
  });
  return router;
}
