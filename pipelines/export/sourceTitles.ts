/** The Chinese name of each source (the inbox folder), as its contract titles it: 行政处罚, 信用修复. */
import { CONTRACTS } from '../ingest/contracts/index.js';

export function sourceTitle(source: string): string {
  return Object.hasOwn(CONTRACTS, source) ? CONTRACTS[source as keyof typeof CONTRACTS].title : source;
}

/** An evidence or event id (`penalties:机关|文号`) as a person reads it: 行政处罚 机关 文号. */
export function evidenceText(id: string): string {
  const i = id.indexOf(':');
  if (i < 0) return id;
  const source = id.slice(0, i);
  const known = Object.hasOwn(CONTRACTS, source);
  return known ? `${sourceTitle(source)} ${id.slice(i + 1).replaceAll('|', ' ')}` : id;
}
