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
      const [{ AuthStore }, { generatePassword }] = await Promise.all([
        import('../lib/auth/store.js'),
        import('../lib/auth/password.js'),
      ]);
      const password = given ?? generatePassword();
      await new AuthStore(ctx.runtime.dataDir).addUser({
        name,
        role: flags.role,
        department: flags.department ?? null,
        password,
      });
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
      const { AuthStore } = await import('../lib/auth/store.js');
      const { token, id } = await new AuthStore(ctx.runtime.dataDir).addToken(name);
      process.stderr.write(`token ${id} issued to ${name}; it is shown once and stored only as a hash\n`);
      ctx.out(token);
    });
}
