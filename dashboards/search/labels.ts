/** The badges of a search result: active lists and flags, with the level colour each carries. */
import type { Level } from '../ui/labels.js';

export interface Badge {
  label: string;
  level: Level;
}

export const BADGES: Readonly<Record<string, Badge>> = {
  serious_list: { label: '严重失信主体名单', level: 'red' },
  court_dishonest: { label: '失信被执行人', level: 'red' },
  attention_list: { label: '重点关注名单', level: 'yellow' },
  persistent_violator: { label: '屡禁不止', level: 'red' },
  cross_domain_violator: { label: '多个领域多次违法', level: 'orange' },
  repeat_violator: { label: '同一领域频繁违法', level: 'orange' },
};

export const MATCH_LABELS: Readonly<Record<string, string>> = {
  uscc: '统一社会信用代码',
  uscc_prefix: '代码前缀',
  name: '名称',
  former_name: '曾用名',
};
