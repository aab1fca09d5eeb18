/** Listening: the only place that opens a port. `sentinel serve` and `sentinel start` call it. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../lib/config/schema.js';
import type { Log } from '../lib/log.js';
import { SentinelError } from '../lib/errors.js';
import { createApp } from './app.js';
import type { CreditReportIssuer } from '../lib/creditReport/issuer.js';

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  port: number;
  host?: string;
  creditReports?: CreditReportIssuer;
}): Promise<RunningServer> {
  const { app, close } = createApp(opts);
  const host = opts.host ?? '0.0.0.0';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, host, (err?: Error) => {
      if (err) reject(new SentinelError('listen', `cannot listen on ${host}:${opts.port}: ${err.message}`));
      else resolve(s);
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  opts.log.info({ url, data_dir: opts.dataDir }, 'serving');
  return {
    server,
    port,
    url,
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
