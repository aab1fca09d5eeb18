import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The reference data shipped in the repository (docs/reference-data.md says where each file comes from). */
export const DEFAULT_REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export const REFERENCE_FILES = {
  sections: 'sections.csv',
  divisions: 'divisions.csv',
  regions: 'regions.csv',
  authorityDomains: 'authority_domains.csv',
  calendarOverrides: 'calendar_overrides.csv',
} as const;

export type ReferenceFile = keyof typeof REFERENCE_FILES;

export function referencePath(dir: string, file: ReferenceFile): string {
  return join(dir, REFERENCE_FILES[file]);
}
