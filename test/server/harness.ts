/** A real server on a loopback port over a real data directory, and callers of every role. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../lib/config/load.js';
import { silentLog } from '../../lib/log.js';
import { AuthStore } from '../../lib/auth/store.js';
import type { Role } from '../../lib/auth/roles.js';
import { createApp } from '../../server/app.js';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

export async function startTestServer(dataDir: string, configOverride?: unknown): Promise<TestServer> {
  const { app, close } = createApp({ dataDir, config: loadConfig({ override: configOverride }), log: silentLog() });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

export const PASSWORD = 'correct horse battery';

/** Creates a user with PASSWORD and returns a fresh API token for it. */
export async function userWithToken(
  dataDir: string,
  name: string,
  role: Role,
  department: string | null = null,
): Promise<string> {
  const store = new AuthStore(dataDir);
  await store.addUser({ name, role, department, password: PASSWORD });
  return (await store.addToken(name)).token;
}

export function bearer(token: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${token}` } };
}
