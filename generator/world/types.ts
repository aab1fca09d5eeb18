/**
 * The planted world: clean facts, each carrying how it is delivered (its identity as written, its
 * dirt, its file). The inbox is rendered from these and the answer key is computed from them.
 */
export type MarketKind = '企业' | '个体工商户' | '农民专业合作社' | '社会组织' | '事业单位' | '机关';
export type RegStatus = '存续' | '在业' | '吊销' | '注销' | '迁出';
export type SubjectKind = '法人及非法人组织' | '自然人' | '个体工商户';

export interface Person {
  idx: number;
  name: string;
  idNumber: string;
}

export interface Entity {
  idx: number;
  uscc: string;
  name: string;
  /** The name delivered in an earlier register file before a rename, when there was one. */
  formerName: string | null;
  kind: MarketKind;
  section: string;
  industryCode: string;
  region: string;
  founded: string;
  capitalWan: number | null;
  status: RegStatus;
  repIdx: number;
  /** Registered elsewhere: not in the local register, still an entity (rules.md §1). */
  inRegister: boolean;
  /** Planted: these utility records instead of the entity's random stream (utilities.ts). */
  utilities?: UtilityRecord[];
}

/** How a record names its subject, as delivered. */
export interface SubjectAsDelivered {
  /** The entity it is really about, or null for a natural person. */
  entityIdx: number | null;
  personIdx: number | null;
  kind: SubjectKind;
  name: string;
  /** As delivered: the valid USCC, a broken one, '' when missing. */
  uscc: string;
}

export interface Penalty {
  id: number;
  subject: SubjectAsDelivered;
  authority: string;
  domain: string;
  docNo: string;
  decision: string;
  categories: string[];
  fineWan: number | null;
  /** 失信严重程度 when the department delivers it. */
  severityColumn: '轻微' | '一般' | '严重' | null;
  status: '正常' | '撤销' | '异议';
  report: string;
  department: string;
  violationType: string;
  /** A later file re-delivers this record with these changes (latest version wins). */
  correction: { status?: '正常' | '撤销' | '异议'; fineWan?: number | null } | null;
}

export interface License {
  id: number;
  subject: SubjectAsDelivered;
  authority: string;
  docNo: string;
  decision: string;
  category: string;
  content: string;
  validFrom: string;
  validTo: string;
  report: string;
}

export interface CourtCase {
  id: number;
  caseNo: string;
  subject: SubjectAsDelivered;
  court: string;
  published: string;
  removed: string | null;
  /** Left out of a full-snapshot file (全量) of its court: removed as of that snapshot's date. */
  snapshotRemoved: string | null;
  /** Planted to be left out of the next full snapshot. */
  omitFromSnapshot?: true;
  /** The personal identity number a natural person's row carries. */
  idNumber: string | null;
}

export interface ListEntry {
  id: number;
  list: 'serious' | 'attention';
  subject: SubjectAsDelivered;
  type: string;
  authority: string;
  docNo: string;
  listed: string;
  removed: string | null;
  /** Left out of a full-snapshot file (全量) of its authority: removed as of that snapshot's date. */
  snapshotRemoved: string | null;
  /** Planted to be left out of the next full snapshot. */
  omitFromSnapshot?: true;
  reason: string;
}

export interface Commitment {
  id: number;
  code: string;
  subject: SubjectAsDelivered;
  unit: string;
  domain: string;
  type: string;
  made: string;
  state: '全部履行' | '部分履行' | '全部未履行' | '未到期';
  determined: string | null;
}

export interface TaxGrade {
  entityIdx: number;
  year: number;
  grade: 'A' | 'B' | 'M' | 'C' | 'D';
  evaluated: string | null;
}

export interface Rating {
  entityIdx: number;
  grade: '优' | '良' | '中' | '差';
  date: string;
}

export interface UtilityRecord {
  entityIdx: number;
  type: '水费' | '电费' | '燃气费' | '纳税';
  period: string;
  dueYuan: number;
  paidYuan: number;
  arrearsMonths: number;
}

export interface Project {
  id: string;
  name: string;
  type: '重点招商项目' | '政府投资项目' | '重点建设项目';
  region: string;
  industryCode: string;
  investmentWan: number;
  start: string;
  plannedEnd: string;
  status: '前期' | '在建' | '竣工' | '停工';
  department: string;
  parties: { entityIdx: number | null; name: string; uscc: string; role: string }[];
}

export interface Repair {
  id: number;
  subject: SubjectAsDelivered;
  type: '行政处罚' | '严重失信主体名单' | '其他';
  docNo: string;
  decision: string;
  authority: string;
}

export interface Objection {
  id: number;
  subject: SubjectAsDelivered;
  docNo: string;
  raised: string;
  state: '处理中' | '已更正' | '维持' | '已撤销记录';
  completed: string | null;
}

export interface ScreeningReport {
  reportNo: string;
  date: string;
  entityIdx: number;
  type: '同一领域频繁违法' | '多领域多次违法' | '屡禁不止';
  domain: string;
}

export interface World {
  seed: number;
  asOf: string;
  start: string;
  /** Months of utility history delivered: a city's utility systems keep longer history than a county's. */
  utilityMonths: number;
  persons: Person[];
  entities: Entity[];
  penalties: Penalty[];
  licenses: License[];
  courtCases: CourtCase[];
  lists: ListEntry[];
  commitments: Commitment[];
  taxGrades: TaxGrade[];
  ratings: Rating[];
  projects: Project[];
  repairs: Repair[];
  objections: Objection[];
  screening: ScreeningReport[];
}
