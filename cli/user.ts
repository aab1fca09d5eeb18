import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { InputError } from '../lib/errors.js';
import { isRole, ROLES } from '../lib/auth/roles.js';

/** The password from piped stdin (first line), or null when stdin is a terminal or empty. */
async function passwordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const first = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return first === '' ? null : first;
}

/** A department user must name a department the published build knows; without a build, say it was not checked. */
async function checkDepartment(ctx: CommandContext, department: string): Promise<void> {
  const { knownDepartments, unknownDepartment } = await import('../lib/publish/departments.js');
  const known = await knownDepartments(ctx.runtime.dataDir);
  if (known === null) {
    process.stderr.write(`sentinel: no build is published yet, so the department "${department}" was not checked\n`);
    return;
  }
  const why = unknownDepartment(department, known);
  if (why) throw new InputError(why);
}

const store = async (ctx: CommandContext) => {
  const { AuthStore } = await import('../lib/auth/store.js');
  return new AuthStore(ctx.runtime.dataDir);
};

/** Changes made at the command line are audited as the operating-system user that ran them. */
const admin = async (ctx: CommandContext) => {
  const [{ UserAdmin }, { userInfo }] = await Promise.all([import('../lib/auth/userAdmin.js'), import('node:os')]);
  const actor = { user: userInfo().username, role: 'cli', via: 'cli' as const, ip: null };
  return { users: new UserAdmin(await store(ctx)), actor };
};

export function registerUser(program: Command, context: () => CommandContext): void {
  const user = program
    .command('user')
    .description('users and API tokens (kept in DIR/auth/users.json; works while the server runs)');
  user
    .command('add <name>')
    .description(
      `create a user (roles: ${ROLES.join(', ')}); the password is read from stdin, else generated and printed once`,
    )
    .requiredOption('--role <role>', 'admin, credit_office, analyst, department or leader')
    .option('--department <name>', 'the department of a department user (its 数据来源单位 name)')
    .action(async (name: string, flags: { role: string; department?: string }) => {
      const ctx = context();
      if (!isRole(flags.role)) throw new InputError(`unknown role "${flags.role}"; roles: ${ROLES.join(', ')}`);
      const given = await passwordFromStdin();
      const { generatePassword } = await import('../lib/auth/password.js');
      const password = given ?? generatePassword();
      if (flags.role === 'department' && flags.department) await checkDepartment(ctx, flags.department);
      const { users, actor } = await admin(ctx);
      await users.add(actor, { name, role: flags.role, department: flags.department ?? null, password });
      ctx.out(
        given
          ? `user ${name} (${flags.role}) created`
          : `user ${name} (${flags.role}) created; password (shown once): ${password}`,
      );
    });
  user
    .command('token <name>')
    .description('print a new API token for the user (send it as Authorization: Bearer <token>)')
    .action(async (name: string) => {
      const ctx = context();
      const { users, actor } = await admin(ctx);
      const { token, id } = await users.issueToken(actor, name);
      process.stderr.write(`token ${id} issued to ${name}; it is shown once and stored only as a hash\n`);
      ctx.out(token);
    });
  registerUserAdmin(user, context);
}

/** list, remove, passwd, role: the rest of a user's life. */
function registerUserAdmin(user: Command, context: () => CommandContext): void {
  user
    .command('list')
    .description('list the users: name, role, department, created, number of API tokens (sorted by pinyin)')
    .action(async () => {
      const ctx = context();
      const lines = (await store(ctx))
        .listing()
        .map((u) => [u.name, u.role, u.department ?? '-', u.created_at.slice(0, 10), String(u.tokens)].join('\t'));
      ctx.out(['name\trole\tdepartment\tcreated\ttokens', ...lines].join('\n'));
    });
  user
    .command('remove <name>')
    .description('remove a user and its API tokens; its sessions end at their next request')
    .action(async (name: string) => {
      const ctx = context();
      const { users, actor } = await admin(ctx);
      await users.remove(actor, name);
      ctx.out(`user ${name} removed`);
    });
  user
    .command('passwd <name>')
    .description('set a new password, read from stdin, else generated and printed once')
    .action(async (name: string) => {
      const ctx = context();
      const given = await passwordFromStdin();
      const { generatePassword } = await import('../lib/auth/password.js');
      const password = given ?? generatePassword();
      const { users, actor } = await admin(ctx);
      await users.setPassword(actor, name, password);
      ctx.out(
        given ? `password of ${name} changed` : `password of ${name} changed; new password (shown once): ${password}`,
      );
    });
  user
    .command('role <name>')
    .description("change a user's role (a department user also takes --department)")
    .requiredOption('--role <role>', 'admin, credit_office, analyst, department or leader')
    .option('--department <name>', 'the department of a department user')
    .action(async (name: string, flags: { role: string; department?: string }) => {
      const ctx = context();
      if (!isRole(flags.role)) throw new InputError(`unknown role "${flags.role}"; roles: ${ROLES.join(', ')}`);
      if (flags.role === 'department' && flags.department) await checkDepartment(ctx, flags.department);
      const { users, actor } = await admin(ctx);
      await users.setRole(actor, name, flags.role, flags.department ?? null);
      ctx.out(`user ${name} is now ${flags.role}${flags.department ? ` (${flags.department})` : ''}`);
    });
}
