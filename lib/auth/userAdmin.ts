/**
 * Changes to users, from the command line or the admin page, each recorded in the audit log as who changed
 * whom (`user_add`, `user_remove`, `user_passwd`, `user_role`, `token_issue`): the graded-protection rules
 * ask that administrators' operations be auditable like reads. Passwords and tokens never enter the log.
 */
import { InputError } from '../errors.js';
import { AuditLog, type AuditEntry } from './audit.js';
import type { Role } from './roles.js';
import type { AuthStore } from './store.js';

/** Who makes the change: a signed-in admin, or the operating-system user at the command line. */
export type Actor = Pick<AuditEntry, 'user' | 'role' | 'via' | 'ip'>;

export class UserAdmin {
  private readonly audit: AuditLog;

  constructor(
    readonly store: AuthStore,
    audit?: AuditLog,
  ) {
    this.audit = audit ?? new AuditLog(store.dataDir);
  }

  private record(actor: Actor, action: string, target: string, filters: Record<string, string> = {}) {
    return this.audit.record({ ...actor, action, target, filters, format: null, rows: null, build_id: null });
  }

  async add(actor: Actor, u: { name: string; role: Role; department: string | null; password: string }) {
    await this.store.addUser(u);
    await this.record(actor, 'user_add', u.name, withDepartment({ role: u.role }, u.department));
  }

  async remove(actor: Actor, name: string) {
    if (name === actor.user && actor.via !== 'cli') throw new SelfRemoval();
    await this.store.removeUser(name);
    await this.record(actor, 'user_remove', name);
  }

  async setPassword(actor: Actor, name: string, password: string) {
    await this.store.setPassword(name, password);
    await this.record(actor, 'user_passwd', name);
  }

  async setRole(actor: Actor, name: string, role: Role, department: string | null) {
    await this.store.setRole(name, role, department);
    await this.record(actor, 'user_role', name, withDepartment({ role }, department));
  }

  async issueToken(actor: Actor, name: string) {
    const issued = await this.store.addToken(name);
    await this.record(actor, 'token_issue', name, { token_id: issued.id });
    return issued;
  }
}

const withDepartment = (f: Record<string, string>, department: string | null) =>
  department ? { ...f, department } : f;

/** An admin page must not lock its own user out (the command line may: it is the way back in). */
export class SelfRemoval extends InputError {
  constructor() {
    super('不能在页面上删除自己的账号（如确需删除，请用命令行 sentinel user remove）');
  }
}
