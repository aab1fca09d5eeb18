/** The admin's users page: the rows it shows, read from the users file (never a password hash or token). */
import type { AuthStore } from '../../lib/auth/store.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { usersBody, type UsersBody } from './page.js';

export function usersView(store: AuthStore, body: Omit<UsersBody, 'users'>, lang: Lang): PageView {
  const users = store.listing();
  return { title: t(lang, '用户管理'), body: usersBody({ ...body, users }), rows: users.length };
}
