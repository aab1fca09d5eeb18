/**
 * Users and API tokens in DIR/auth/users.json. Not in DuckDB: a DuckDB file has one writer, and
 * `sentinel user add|token` must work while the server runs and while builds hold the warehouse
 * (interfaces.md "Running alongside"). The server re-reads the file when its mtime or size changes.
 */
import { readFileSync, statSync } from 'node:fs';
import { paths } from '../dataDir.js';
import { z } from 'zod';
import { InputError, SentinelError } from '../errors.js';
import { writeFileAtomic, withFileLock } from './atomicFile.js';
import { hashPassword, verifyPassword } from './password.js';
import { ROLES, type Role } from './roles.js';
import { newToken, tokenDigest } from './tokens.js';

const userSchema = z.object({
  name: z.string().min(1),
  role: z.enum(ROLES),
  department: z.string().nullable(),
  password_hash: z.string(),
  created_at: z.string(),
});
const tokenSchema = z.object({
  /** The first 12 hex digits of the digest: names a token in logs without revealing it. */
  id: z.string(),
  user: z.string(),
  digest: z.string(),
  created_at: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), users: z.array(userSchema), tokens: z.array(tokenSchema) });

export type UserRecord = z.infer<typeof userSchema>;
export type TokenRecord = z.infer<typeof tokenSchema>;
type AuthFile = z.infer<typeof fileSchema>;

export interface UserListing {
  name: string;
  role: Role;
  department: string | null;
  created_at: string;
  tokens: number;
}

export const authFilePath = paths.users;

const EMPTY: AuthFile = { version: 1, users: [], tokens: [] };
const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

export class AuthStore {
  private cached: { key: string; data: AuthFile } | null = null;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get path(): string {
    return authFilePath(this.dataDir);
  }

  /** The current file, re-parsed only when it changed on disk. */
  private read(): AuthFile {
    let key: string;
    try {
      const st = statSync(this.path);
      key = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw e;
    }
    if (this.cached?.key === key) return this.cached.data;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
    if (!parsed.success)
      throw new SentinelError('auth_file', `${this.path} is not a valid users file: ${parsed.error.message}`);
    this.cached = { key, data: parsed.data };
    return parsed.data;
  }

  private async update(change: (file: AuthFile) => AuthFile): Promise<void> {
    await withFileLock(this.path, () => {
      this.cached = null;
      const next = change(structuredClone(this.read()));
      writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
      this.cached = null;
    });
  }

  findUser(name: string): UserRecord | undefined {
    return this.read().users.find((u) => u.name === name);
  }

  users(): readonly UserRecord[] {
    return this.read().users;
  }

  /** The user a password proves, or null. A missing user costs a hash too, so timing does not tell names apart. */
  async authenticate(name: string, password: string): Promise<UserRecord | null> {
    const user = this.findUser(name);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    return user && ok ? user : null;
  }

  userForToken(token: string): UserRecord | null {
    const digest = tokenDigest(token);
    const file = this.read();
    const t = file.tokens.find((x) => x.digest === digest);
    return t ? (file.users.find((u) => u.name === t.user) ?? null) : null;
  }

  async addUser(input: { name: string; role: Role; department: string | null; password: string }): Promise<UserRecord> {
    if (!NAME.test(input.name))
      throw new InputError(`user name "${input.name}" must be 1–64 letters, digits or _ . @ -`);
    checkRoleDepartment(input.role, input.department);
    checkPassword(input.password);
    const record: UserRecord = {
      name: input.name,
      role: input.role,
      department: input.department,
      password_hash: await hashPassword(input.password),
      created_at: this.now().toISOString(),
    };
    await this.update((file) => {
      if (file.users.some((u) => u.name === input.name)) throw new InputError(`user "${input.name}" already exists`);
      return { ...file, users: [...file.users, record] };
    });
    return record;
  }

  /** Removes a user and every token issued to it (their sessions end at their next request). */
  async removeUser(name: string): Promise<void> {
    await this.update((file) => {
      this.mustExist(file, name);
      return {
        ...file,
        users: file.users.filter((u) => u.name !== name),
        tokens: file.tokens.filter((t) => t.user !== name),
      };
    });
  }

  async setPassword(name: string, password: string): Promise<void> {
    checkPassword(password);
    const hash = await hashPassword(password);
    await this.update((file) => {
      this.mustExist(file, name);
      return { ...file, users: file.users.map((u) => (u.name === name ? { ...u, password_hash: hash } : u)) };
    });
  }

  /** A new role (and the department a department user needs, or none for the other roles). */
  async setRole(name: string, role: Role, department: string | null): Promise<UserRecord> {
    checkRoleDepartment(role, department);
    let changed: UserRecord | undefined;
    await this.update((file) => {
      this.mustExist(file, name);
      const users = file.users.map((u) => (u.name === name ? (changed = { ...u, role, department }) : u));
      return { ...file, users };
    });
    return changed!;
  }

  /** The users as listed (CLI and admin page): sorted by pinyin, with their number of tokens, never a hash. */
  listing(): UserListing[] {
    const file = this.read();
    const tokens = new Map<string, number>();
    for (const t of file.tokens) tokens.set(t.user, (tokens.get(t.user) ?? 0) + 1);
    const collator = new Intl.Collator('zh-CN');
    return [...file.users]
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((u) => ({
        name: u.name,
        role: u.role,
        department: u.department,
        created_at: u.created_at,
        tokens: tokens.get(u.name) ?? 0,
      }));
  }

  private mustExist(file: AuthFile, name: string): void {
    if (!file.users.some((u) => u.name === name)) throw new InputError(`no user "${name}"`);
  }

  /** Issues a new token for an existing user and returns it; only its digest is kept. */
  async addToken(userName: string): Promise<{ token: string; id: string }> {
    const token = newToken();
    const digest = tokenDigest(token);
    const record: TokenRecord = {
      id: digest.slice(0, 12),
      user: userName,
      digest,
      created_at: this.now().toISOString(),
    };
    await this.update((file) => {
      if (!file.users.some((u) => u.name === userName))
        throw new InputError(`no user "${userName}"; create it with sentinel user add`);
      return { ...file, tokens: [...file.tokens, record] };
    });
    return { token, id: record.id };
  }
}

function checkRoleDepartment(role: Role, department: string | null): void {
  if (role === 'department' && !department) throw new InputError('a department user needs --department');
  if (role !== 'department' && department)
    throw new InputError(`--department is only for role department, not ${role}`);
}

function checkPassword(password: string): void {
  if (password.length < 8) throw new InputError('a password needs at least 8 characters');
}

/** A valid hash of a random password, verified against when the user does not exist. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
