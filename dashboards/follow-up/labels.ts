/** Words of the follow-up pages, shared by the pages and the exports' Chinese headers. */
import type { FollowUpStatus } from '../../lib/followUp/store.js';

export const FOLLOW_UP_STATUS: Readonly<Record<FollowUpStatus, string>> = {
  pending: '待办理',
  done: '已办结',
  overdue: '已逾期',
};

export const MEASURES = ['告知', '约谈', '培训'] as const;

export const ROLE_IN_REPORT: Readonly<Record<string, string>> = { lead: '牵头处置', coordinator: '统筹协调' };
