/**
 * 用户管理 (admin only): GET /users lists the users; POST /users adds one; POST /users/<name>/role|password|remove
 * change one. Every change goes through lib/auth/userAdmin.ts, which audits it. A POST answers with the page
 * itself (not a redirect), so a generated password is shown once and never travels in a URL.
 */
import express, { Router, type Request, type Response } from 'express';
import { isRole } from '../../lib/auth/roles.js';
import type { AuthStore } from '../../lib/auth/store.js';
import type { AuditLog } from '../../lib/auth/audit.js';
import { UserAdmin, type Actor } from '../../lib/auth/userAdmin.js';
import { generatePassword } from '../../lib/auth/password.js';
import { knownDepartments, unknownDepartment } from '../../lib/publish/departments.js';
import { InputError } from '../../lib/errors.js';
import { usersView } from '../../dashboards/users/index.js';
import type { UsersBody } from '../../dashboards/users/page.js';
import { layout } from '../../dashboards/ui/layout.js';
import { mustBeAdmin, mustPrincipal } from '../authenticate.js';
import { CsrfTokens } from './followUpCsrf.js';
import { langOf } from './language.js';
import { clientIp } from './send.js';

type Notice = UsersBody['notice'];

const adminOnly = (res: Response) => mustBeAdmin(res, '用户管理');

const field = (req: Request, k: string): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[k];
  return typeof v === 'string' ? v.trim() : '';
};

export function usersPageRoutes(deps: { users: AuthStore; audit: AuditLog; dataDir: string }): Router {
  const router = Router();
  const csrf = new CsrfTokens();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const admin = new UserAdmin(deps.users, deps.audit);

  async function send(res: Response, notice: Notice, status = 200): Promise<void> {
    const lang = langOf(res);
    const departments = await knownDepartments(deps.dataDir);
    const view = usersView(deps.users, { departments, csrf: csrf.tokenFor(res), notice, lang }, lang);
    const frame = {
      title: view.title,
      path: '/users',
      principal: mustPrincipal(res),
      build: null,
      lang,
      url: '/users',
    };
    res.status(status).setHeader('Cache-Control', 'private, no-store');
    res.type('html').send(layout(frame, view.body));
  }

  /** Checks the admin and the form, runs the change, answers with the page and what happened. */
  function change(path: string, run: (req: Request, actor: Actor) => Promise<Notice>) {
    router.post(path, form, async (req, res) => {
      adminOnly(res);
      csrf.check(req, res, field(req, 'csrf'));
      const p = mustPrincipal(res);
      const actor: Actor = { user: p.name, role: p.role, via: p.via, ip: clientIp(req) };
      try {
        await send(res, await run(req, actor));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        await send(res, { ok: false, text: e.message }, 400);
      }
    });
  }

  async function roleAndDepartment(req: Request) {
    const role = field(req, 'role');
    if (!isRole(role)) throw new InputError(`未知角色「${role}」`);
    const department = role === 'department' ? field(req, 'department') || null : null;
    const known = department ? await knownDepartments(deps.dataDir) : null;
    const why = department && known ? unknownDepartment(department, known) : null;
    if (why) throw new InputError(why);
    return { role, department };
  }

  router.get('/users', async (_req, res) => {
    adminOnly(res);
    await send(res, null);
  });

  change('/users', async (req, actor) => {
    const name = field(req, 'name');
    const { role, department } = await roleAndDepartment(req);
    const given = field(req, 'password');
    const password = given || generatePassword();
    await admin.add(actor, { name, role, department, password });
    return { ok: true, text: `已新增用户 ${name}`, ...(given ? {} : { password }) };
  });

  change('/users/:name/role', async (req, actor) => {
    const name = String(req.params.name);
    const { role, department } = await roleAndDepartment(req);
    await admin.setRole(actor, name, role, department);
    return { ok: true, text: `已修改用户 ${name} 的角色` };
  });

  change('/users/:name/password', async (req, actor) => {
    const name = String(req.params.name);
    const password = generatePassword();
    await admin.setPassword(actor, name, password);
    return { ok: true, text: `已重置用户 ${name} 的密码`, password };
  });

  change('/users/:name/remove', async (req, actor) => {
    const name = String(req.params.name);
    if (field(req, 'confirm') !== 'yes') throw new InputError('请勾选“确认删除”后再提交');
    await admin.remove(actor, name);
    return { ok: true, text: `已删除用户 ${name} 及其 API 令牌` };
  });

  return router;
}
