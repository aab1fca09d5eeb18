/** The screening report (筛查通报) as the documents, the record and the follow-up see it. */
import type { FlagEvidenceEventsRow } from '../../lib/kysely/martTypes.js';

export type ReportType = '同一领域频繁违法' | '多领域多次违法' | '屡禁不止';
export type Change = 'new' | 'still';

/** A counted event behind a flag, as the flag_evidence_events mart holds it. */
export type EvidenceEvent = FlagEvidenceEventsRow;

export interface RepeatFlag {
  domain: string;
  event_count: number;
  first_event_date: string;
  last_event_date: string;
  event_ids: string[];
}

export interface CrossFlag {
  domains: string[];
  event_count: number;
  first_event_date: string;
  last_event_date: string;
  event_ids: string[];
}

export interface PersistentFlag {
  report_date: string;
  events_after_report: number;
  event_ids: string[];
}

export interface Routing {
  department: string;
  role: 'lead' | 'coordinator';
  /** The flagged domains this department answers for (empty for the coordinator). */
  domains: string[];
}

export interface ScreenedEntity {
  uscc: string;
  name: string | null;
  repeat: RepeatFlag[];
  cross: CrossFlag | null;
  persistent: PersistentFlag | null;
  /** The highest flag: 屡禁不止 > 多领域多次违法 > 同一领域频繁违法; it picks the measure. */
  level: ReportType;
  measure: string;
  change: Change;
  routing: Routing[];
  /** Bodies the office copies (抄送) rather than tasks, whose events stand behind the listing. */
  copies: string[];
  /** The counted events behind the flags, by date then id. */
  evidence: EvidenceEvent[];
}

export interface ResolvedEntity {
  uscc: string;
  name: string | null;
}

export interface ScreeningReport {
  report_no: string;
  period: string;
  as_of: string;
  build_id: string;
  issued_at: string;
  due_date: string;
  issuing_office: string;
  coordinator: string;
  previous: { report_no: string; report_date: string } | null;
  entities: ScreenedEntity[];
  resolved: ResolvedEntity[];
  /** Tasked departments in the configured 编制序列 (reports.department_order), the coordinator last. */
  departments: string[];
  /** 版记 抄送: the configured bodies, then the bodies copied instead of tasked. */
  copyTo: string[];
  /** 版记 印发机关. */
  printedBy: string;
  /** Issued again for an earlier or already issued period (`--reissue`). */
  reissue: boolean;
  domainLabels: Record<string, string>;
  criteria: {
    repeat_window_days: number;
    repeat_min_events: number;
    cross_domain_window_days: number;
    cross_domain_min_domains: number;
  };
}

/** One entity in one department's table. */
export interface DepartmentRow {
  entity: ScreenedEntity;
  role: Routing['role'];
  domains: string[];
}
