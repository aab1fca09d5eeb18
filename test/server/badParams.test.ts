/**
 * No 500 on a bad parameter (issue 18, item 14): every page parameter is checked as a value, not only a shape —
 * a day or a month that does not exist is a 400 naming the parameter, on the page and its export alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardWorld, type DashboardWorld } from './dashboardsWorld.js';
import { bearer, type TestServer } from './harness.js';

let world: DashboardWorld;
let server: TestServer;
let token: string;

beforeAll(async () => {
  world = await dashboardWorld();
  server = world.server;
  token = world.tokens.admin;
}, 600_000);

afterAll(async () => {
  await world?.server.stop();
});

const BAD: readonly [string, string][] = [
  ['/violators?from=2025-02-30', 'from'],
  ['/violators?to=2025-13-01', 'to'],
  ['/violators/export?from=2025-13-01&format=csv', 'from'],
  ['/violators/export?to=2024-02-30&format=xlsx', 'to'],
  ['/heatmap/cell?sector=C&region=350205001&month=2025-13', 'month'],
  ['/publicity?month=2025-00', 'month'],
  ['/audit?from=2025-04-31', 'from'],
  ['/audit/export?to=2025-06-31&format=csv', 'to'],
  ['/violators?page=-1', 'page'],
  ['/violators?kind=everyone', 'kind'],
  ['/warnings?kind=%3Cscript%3E', 'kind'],
];

describe('a bad page parameter', () => {
  it.each(BAD)('%s is a 400 naming %s, with the page frame', async (path, name) => {
    const res = await fetch(`${server.url}${path}`, bearer(token));
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(`参数 ${name}`);
    expect(body).toContain('主导航');
    expect(body).not.toContain('<script>');
  });

  it('a real leap day and a real month are accepted', async () => {
    for (const path of ['/violators?from=2024-02-29&to=2025-12-31', '/publicity?month=2025-12'])
      expect((await fetch(`${server.url}${path}`, bearer(token))).status, path).toBe(200);
  });

  it('a record address out of range is answered, never a 500', async () => {
    for (const path of [
      '/records?source=enterprises&file=99999999999999999999&row=1',
      '/records?source=enterprises&file=1.5&row=1',
    ]) {
      const res = await fetch(`${server.url}${path}`, bearer(token));
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
