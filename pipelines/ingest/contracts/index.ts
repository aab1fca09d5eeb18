import { SOURCE_NAMES, type SourceName } from '../../../lib/config/schema.js';
import type { SourceContract } from './types.js';
import { penalties } from './penalties.js';
import { licenses } from './licenses.js';
import { courtDishonest } from './courtDishonest.js';
import { seriousList, attentionList } from './lists.js';
import { commitments } from './commitments.js';
import { taxCredit, publicRating } from './ratings.js';
import { utilities } from './utilities.js';
import { enterprises } from './enterprises.js';
import { keyProjects, projectParties } from './projects.js';
import { repairs, objections } from './repairs.js';
import { screeningReports } from './screeningReports.js';

export const CONTRACTS: Readonly<Record<SourceName, SourceContract>> = {
  penalties,
  licenses,
  court_dishonest: courtDishonest,
  serious_list: seriousList,
  attention_list: attentionList,
  commitments,
  tax_credit: taxCredit,
  public_rating: publicRating,
  utilities,
  enterprises,
  key_projects: keyProjects,
  project_parties: projectParties,
  repairs,
  objections,
  screening_reports: screeningReports,
};

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

export type { SourceContract, FieldSpec } from './types.js';
