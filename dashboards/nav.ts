/**
 * The pages in the navigation. Only pages that exist are listed: the other pages are added
 * here as they are built, never as placeholders.
 */
import type { Principal } from '../lib/auth/roles.js';

export interface NavItem {
  href: string;
  label: string;
  /** Roles that may open the page; all when absent. */
  visible?: (p: Principal) => boolean;
}

export const NAV: readonly NavItem[] = [{ href: '/runs', label: '运行与模型' }];

/** Where a signed-in user lands. */
export const HOME = '/runs';
