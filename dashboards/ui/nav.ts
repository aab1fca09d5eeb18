/**
 * The pages in the navigation. Only pages that exist are listed; pages of entity lists are hidden from
 * leaders, who read aggregates only (the routes refuse them too).
 */
import { mayMapHeaders, mayViewOps, mayViewProfiles, type Principal } from '../../lib/auth/roles.js';
import { mayReviewNames } from '../../lib/auth/roles.js';

export interface NavItem {
  href: string;
  label: string;
  /** Roles that may open the page; all when absent. */
  visible?: (p: Principal) => boolean;
}

export const NAV: readonly NavItem[] = [
  { href: '/overview', label: '总览' },
  { href: '/heatmap', label: '行业热力图' },
  { href: '/grades', label: '信用分级' },
  { href: '/violators', label: '违法主体', visible: mayViewProfiles },
  { href: '/projects', label: '重点项目' },
  { href: '/publicity', label: '双公示质量' },
  { href: '/indicators', label: '信用监测指标' },
  { href: '/warnings', label: '预警', visible: mayViewProfiles },
  { href: '/follow-up', label: '跟踪督办' },
  { href: '/check', label: '核查', visible: mayViewProfiles },
  { href: '/checks', label: '核查记录' },
  { href: '/runs', label: '运行与模型', visible: mayViewOps },
  { href: '/audit', label: '审计日志', visible: (p) => p.role === 'admin' },
  { href: '/users', label: '用户管理', visible: (p) => p.role === 'admin' },
  { href: '/headers', label: '表头映射', visible: mayMapHeaders },
  { href: '/subscriptions', label: '我的订阅', visible: mayViewProfiles },
  { href: '/name-review', label: '名称匹配复核', visible: mayReviewNames },
  { href: '/exits', label: '移出与修复', visible: mayViewProfiles },
  { href: '/government', label: '政务诚信', visible: mayViewProfiles },
  { href: '/lists', label: '红黑榜', visible: mayViewProfiles },
];

/** Where a signed-in user lands. */
export const HOME = '/overview';
