/**
 * `GET /verify/<code>`: anyone holding a credit report checks that it was issued, without signing in.
 * It answers only what verifies the report (number, date, office, digests): the code is printed on a
 * document its holder shows to others, and the page must not become a way to read an entity's record.
 * Codes carry 80 random bits; a per-address limit keeps scanning pointless anyway.
 */
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { findByCode } from '../../lib/creditReport/records.js';
import { revocationOf } from '../../lib/creditReport/revocations.js';
import { todayInShanghai } from '../../lib/dates.js';
import { verifyPage, type Verification } from '../../dashboards/credit-report/verify.js';
import { langOf } from './language.js';

const limiter = rateLimit({
  windowMs: 60_000,
  limit: 60,
  standardHeaders: 'draft-8',
  legacyHeaders: false,
  validate: { trustProxy: false, xForwardedForHeader: false },
});

export function verifyRoutes(deps: { dataDir: string }): Router {
  const router = Router();
  router.get('/verify/:code', limiter, (req, res) => {
    const code = String(req.params.code ?? '').slice(0, 64);
    const r = findByCode(deps.dataDir, code);
    // A revoked report says when, never by whom or why (lib/creditReport/revocations.ts).
    const revoked = r ? revocationOf(deps.dataDir, r.id) : null;
    const v: Verification = r
      ? {
          issued: true,
          code: r.verification_code,
          report_no: r.report_no,
          issued_date: todayInShanghai(new Date(r.issued_at)),
          issuing_office: r.issuing_office,
          digest: r.digest,
          files: { pdf: r.files.pdf?.sha256 ?? null, docx: r.files.docx.sha256 },
          revoked: revoked !== null,
          ...(revoked ? { revoked_date: todayInShanghai(new Date(revoked.revoked_at)) } : {}),
        }
      : { issued: false, code };
    res.status(r ? 200 : 404);
    res.setHeader('Cache-Control', 'no-store');
    if (req.query.format === 'json' || req.accepts(['html', 'json']) === 'json') res.json(v);
    else res.type('html').send(verifyPage(v, langOf(res)));
  });
  return router;
}
