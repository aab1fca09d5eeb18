/**
 * The Express app, built without listening (server/main.ts listens): tests drive it over a real
 * loopback port. It reads only published builds (and, for quarantine, the warehouse read-only).
 */
import express, { type Express } from 'express';
import type { Config } from '../lib/config/schema.js';
import type { Log } from '../lib/log.js';
import { AuthStore } from '../lib/auth/store.js';
import { AuditLog } from '../lib/auth/audit.js';
import { SessionStore } from '../lib/auth/sessions.js';
import { authenticate, requireCaller, requirePageUser } from './authenticate.js';
import { errorMiddleware } from './httpError.js';
import { noStore, securityHeaders } from './securityHeaders.js';
import { HttpError } from '../lib/errors.js';
import { PublishedBuilds } from './publishedBuild.js';
import { healthRoutes } from './routes/health.js';
import { datasetRoutes } from './routes/datasets.js';
import { entityRoutes } from './routes/entities.js';
import { loginRoutes } from './routes/login.js';
import { pageRoutes } from './routes/pages.js';
import { assetRoutes } from './routes/assets.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { opsRoutes } from './routes/ops.js';
import { followUpRoutes } from './routes/followUp.js';
import { usersPageRoutes } from './routes/usersPage.js';
import { headerRoutes } from './routes/headers.js';
import { headerMappingsPath } from '../lib/headerMappings/file.js';
import { language, langOf } from './routes/language.js';
import { checkRoutes } from './routes/checks.js';
import { checkPageRoutes } from './routes/checkPages.js';
import { say } from '../dashboards/ui/i18n.js';
import { searchApiRoutes, searchPageRoutes } from './routes/search.js';
import { verifyRoutes } from './routes/verify.js';
import { creditReportRoutes } from './routes/creditReports.js';
import type { CreditReportIssuer } from '../lib/creditReport/issuer.js';
import { inboxCount } from './inboxCount.js';
import { inboxRoutes } from './routes/inbox.js';
import { creditReportRevokeRoutes } from './routes/creditReportRevoke.js';
import { nameReviewRoutes } from './routes/nameReview.js';
import { gradePageRoutes } from './routes/gradePages.js';
import { exitRoutes } from './routes/exitPages.js';
import { listRoutes } from './routes/listPages.js';

export interface AppOptions {
  dataDir: string;
  config: Readonly<Config>;
  log: Log;
  now?: () => Date;
  /** Issues credit reports from a profile (`sentinel serve` / `start` hand it in); absent, the button answers 503. */
  creditReports?: CreditReportIssuer;
}

export interface SentinelApp {
  app: Express;
  /** Closes the published build's handles; call after the HTTP server stopped. */
  close(): void;
}

export function createApp(opts: AppOptions): SentinelApp {
  const now = opts.now ?? (() => new Date());
  const builds = new PublishedBuilds(opts.dataDir, opts.log);
  const users = new AuthStore(opts.dataDir, now);
  const sessions = new SessionStore(now);
  const audit = new AuditLog(opts.dataDir, now);

  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy, trust its X-Forwarded-Proto so cookies are marked Secure.
  app.set('trust proxy', opts.config.server.trust_proxy);
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.use(assetRoutes());
  app.use(noStore);
  app.use(healthRoutes(builds));
  app.use(authenticate(users, sessions));
  app.use(language);
  app.use(loginRoutes({ users, sessions, builds, audit, limits: opts.config.server.login }));
  // Anyone holding a credit report may check it: before every sign-in requirement.
  app.use(verifyRoutes({ dataDir: opts.dataDir }));
  app.use('/api', requireCaller);
  app.use(datasetRoutes({ builds, audit }));
  app.use(entityRoutes({ builds, audit }));
  app.use(opsRoutes({ dataDir: opts.dataDir }));
  app.use(checkRoutes({ dataDir: opts.dataDir, builds, audit, config: opts.config, now }));
  app.use(searchApiRoutes({ builds, audit }));
  const nameReview = nameReviewRoutes({ dataDir: opts.dataDir, builds, audit, config: opts.config, now });
  app.use(nameReview.api);
  app.use('/api', (req, _res, next) =>
    next(new HttpError(404, 'not_found', `no API route ${req.method} ${req.originalUrl}`)),
  );
  app.use(requirePageUser);
  app.use(inboxCount({ dataDir: opts.dataDir, users, levels: opts.config.warnings.levels, log: opts.log, now }));
  app.use(inboxRoutes({ dataDir: opts.dataDir, audit, levels: opts.config.warnings.levels, now }));
  app.use(pageRoutes({ builds, dataDir: opts.dataDir }));
  app.use(dashboardRoutes({ builds, audit, heatmapMinEnterprises: opts.config.heatmap.min_enterprises }));
  app.use(gradePageRoutes({ builds, audit, heatmapMinEnterprises: opts.config.heatmap.min_enterprises }));
  app.use(usersPageRoutes({ users, audit, dataDir: opts.dataDir }));
  app.use(checkPageRoutes({ dataDir: opts.dataDir, builds, audit, config: opts.config, now }));
  app.use(searchPageRoutes({ builds, audit }));
  app.use(
    creditReportRoutes({
      dataDir: opts.dataDir,
      builds,
      audit,
      issuer: opts.creditReports ?? null,
      specialYears: opts.config.credit_report.special_years,
    }),
  );
  app.use(creditReportRevokeRoutes({ dataDir: opts.dataDir, audit, now }));
  app.use(nameReview.pages);
  app.use(
    followUpRoutes({
      dataDir: opts.dataDir,
      builds,
      audit,
      now,
      coordinator: opts.config.reports.coordinator,
      reports: opts.config.reports,
    }),
  );
  app.use(exitRoutes({ dataDir: opts.dataDir, builds, audit, now }));
  app.use(listRoutes({ dataDir: opts.dataDir, builds, audit }));
  app.use(
    headerRoutes({
      dataDir: opts.dataDir,
      audit,
      mappingFile: headerMappingsPath(opts.config.ingest.header_mappings_file),
      now,
    }),
  );
  app.use((req, res, next) => next(new HttpError(404, 'not_found', say(langOf(res)).pageNotFound(req.path))));
  app.use(errorMiddleware(opts.log));

  return { app, close: () => builds.close() };
}
