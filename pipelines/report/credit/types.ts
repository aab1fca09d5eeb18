/** The credit report (信用报告) as its documents, its digest and its record see it. */
import type { CreditReportVariant } from '../../../lib/creditReport/records.js';

export interface RegisterSection {
  name: string;
  entity_type: string | null;
  registration_status: string | null;
  legal_rep: string | null;
  industry_code: string | null;
  region_code: string | null;
  former_names: string[];
}

export interface ListEntry {
  /** serious_list, court_dishonest or attention_list. */
  list: string;
  /** 名单类型 as delivered, or 失信被执行人 for a court case. */
  list_type: string;
  authority: string | null;
  since: string;
  /** 认定文书号 or 案号 when the record has one. */
  reference: string | null;
  /** 列入原因 as delivered, or 失信被执行人行为具体情形 for a court case; null when not delivered. */
  reason: string | null;
}

export interface PublicPenalty {
  decision_no: string;
  decision_date: string;
  authority: string;
  categories: string[];
  fine_yuan: number | null;
  severity: string;
  publication_end_date: string | null;
}

export interface Commitment {
  commitment_type: string;
  commitment_date: string;
  authority: string;
  fulfilment_status: string | null;
  status_date: string | null;
  is_broken: boolean;
}

export interface Flag {
  /** repeat_violator, cross_domain_violator or persistent_violator. */
  flag: string;
  domain: string | null;
  explanation: string;
}

/** 专项: per domain, whether the entity has a counted violation (rules.md §4) in the last N years. */
export interface DomainStatement {
  domain: string;
  label: string;
  counted_events: number;
}

export interface CreditReport {
  id: string;
  report_no: string;
  verification_code: string;
  variant: CreditReportVariant;
  uscc: string;
  as_of: string;
  build_id: string;
  issued_at: string;
  /** The Asia/Shanghai date of issued_at: the date the report is signed with. */
  issued_date: string;
  issuing_office: string;
  verify_url: string;
  register: RegisterSection | null;
  /** The name the report is about (rules.md §1). */
  name: string;
  lists: ListEntry[];
  public_penalties: PublicPenalty[];
  commitments: Commitment[];
  flags: Flag[];
  /** Only in the 专项 variant. */
  special: { years: number; from: string; domains: DomainStatement[] } | null;
}
