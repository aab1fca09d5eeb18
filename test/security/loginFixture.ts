/** A server over an empty data directory with a few users, and a login over real HTTP. */
import { readAudit, type AuditEntry } from '../../lib/auth/audit.js';
import { tempDataDir } from '../server/fixtures.js';
import { startTestServer, userWithToken, type TestServer } from '../server/harness.js';

export interface LoginWorld {
  dataDir: string;
  server: TestServer;
  login(name: string, password: string, headers?: Record<string, string>): Promise<Response>;
  failedLogins(): Promise<AuditEntry[]>;
}

export async function loginWorld(login: Record<string, number>, users: string[] = ['ana']): Promise<LoginWorld> {
  const dataDir = tempDataDir();
  for (const u of users) await userWithToken(dataDir, u, 'analyst');
  const server = await startTestServer(dataDir, { server: { login } });
  return {
    dataDir,
    server,
    login: (name, password, headers = {}) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ name, password, next: '/' }).toString(),
      }),
    failedLogins: async () => (await readAudit(dataDir)).filter((e) => e.action === 'login_failed'),
  };
}
