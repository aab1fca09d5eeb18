/**
 * The roles of interfaces.md and what each may read. Every decision about rights is made here, so the
 * API, the pages and the exports cannot disagree.
 */
import type { DatasetSpec } from '../datasets.js';

export const ROLES = ['admin', 'credit_office', 'analyst', 'department', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  credit_office: '信用办',
  analyst: '分析人员',
  department: '部门用户',
  leader: '领导',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is asking: a user name, its role and, for department users, the department it belongs to. */
export interface Principal {
  name: string;
  role: Role;
  department: string | null;
  /** How the caller proved who it is. */
  via: 'session' | 'token';
}

/** Leaders read aggregates only (interfaces.md); every other role reads every dataset. */
export function mayReadDataset(p: Principal, spec: DatasetSpec): boolean {
  return p.role !== 'leader' || !spec.entityList;
}

export function mayViewProfiles(p: Principal): boolean {
  return p.role !== 'leader';
}

/** The ops pages (运行与模型: runs, models, lineage) are for admins and analysts only (issue 18 item 15). */
export function mayViewOps(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'analyst';
}

/** Identity numbers are shown in full only to admin and credit_office. */
export function seesIdentityNumbers(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'credit_office';
}

/** 表头映射: the office decides what departments' headers mean (admin and credit_office). */
export function mayMapHeaders(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'credit_office';
}

/** 逢办必查 (POST /api/v1/checks, the 核查 page): the right to read profiles (interfaces.md). */
export function mayCheck(p: Principal): boolean {
  return mayViewProfiles(p);
}

/** A recorded check is its maker's and its department's; the credit office and admins see every check. */
export function mayViewCheck(p: Principal, check: { user: string; department: string | null }): boolean {
  if (p.role === 'admin' || p.role === 'credit_office') return true;
  if (p.name === check.user) return true;
  return p.role === 'department' && p.department !== null && p.department === check.department;
}

/** Feedback on a check (granted despite `restricted`, 反馈) is given by the department that checked. */
export function mayGiveCheckFeedback(p: Principal, check: { user: string; department: string | null }): boolean {
  if (p.name === check.user) return true;
  return p.role === 'department' && p.department !== null && p.department === check.department;
}
/**
 * Issuing credit reports (信用报告): admin and credit_office (interfaces.md: analysts issue no reports).
 * The same roles as seesIdentityNumbers, which the profile page's cache key carries (`mask`): its report
 * button relies on that, and test/report/creditServer.test.ts keeps the two in step.
 */
export function mayIssueReports(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'credit_office';
}

/** 名称匹配复核: the credit office judges which entity a name without a usable USCC is (admin too). */
export function mayReviewNames(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'credit_office';
}
