/** The admin's users page: the rows it shows, read from the users file (never a password hash or token). */
import type { AuthStore } from '../../lib/auth/store.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { usersBody, type UsersBody, type UserRow } from './page.js';

export function userRows(store: AuthStore): UserRow[] {
  const tokens = store.tokenCounts();
  const collator = new Intl.Collator('zh-CN');
  return [...store.users()]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((u) => ({
      name: u.name,
      role: u.role,
      department: u.department,
      created_at: u.created_at,
      tokens: tokens.get(u.name) ?? 0,
    }));
}

export function usersView(store: AuthStore, body: Omit<UsersBody, 'users'>, lang: Lang): PageView {
  const users = userRows(store);
  return { title: t(lang, '用户管理'), body: usersBody({ ...body, users }), rows: users.length };
}
