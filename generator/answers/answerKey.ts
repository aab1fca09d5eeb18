import type { DeliveryLog } from '../delivery/deliver.js';
import type { RefusedFile } from '../delivery/refusedFile.js';
import type { RegisterRow } from '../delivery/feeds.js';
import type { PlantedCase } from '../world/planted.js';
import type { World } from '../world/types.js';
import { buildIdentity, countedEvents } from './events.js';
import { creditGrades } from './grades.js';
import { exits, governmentIntegrity, governmentWarnings, supervisionIndicators } from './exits.js';
import { crossDomainViolators, legalRepLinks, persistentViolators, repeatViolators } from './flags.js';
import { sectorHeatmap } from './heatmap.js';
import { indicators } from './indicators.js';
import { blackList, redList } from './lists.js';
import { keyProjectRisk } from './projects.js';
import { publicityQuality, publicityRecords } from './publicity.js';
import { activeCourt, activeListEntries, activeRegister } from './state.js';
import { warnings } from './warnings.js';
import { writeAnswer, writePublicityRecords } from './write.js';

/** Every dataset of interfaces.md, computed from the planted world and what was delivered. */
export const DATASETS = [
  'repeat-violators',
  'cross-domain-violators',
  'persistent-violators',
  'legal-rep-links',
  'key-project-risk',
  'publicity-quality',
  'indicators',
  'sector-heatmap',
  'warnings',
  'quarantine',
  'credit-grades',
  'exits',
  'government-integrity',
  'supervision-indicators',
  'red-list',
  'black-list',
] as const;

export function writeAnswerKey(
  out: string,
  world: World,
  register: readonly RegisterRow[],
  log: DeliveryLog,
  planted: readonly PlantedCase[],
  /** Files the ingest must refuse: none of their rows is in any answer. */
  refused: readonly RefusedFile[],
  progress: (m: string) => void = () => {},
): string[] {
  const A = world.asOf;
  const id = buildIdentity(register, log);
  const events = countedEvents(world, log, id);
  const repeat = repeatViolators(events, id, A);
  const cross = crossDomainViolators(events, id, A);
  const flagged = new Set([...repeat.map((r) => r.uscc), ...cross.map((r) => r.uscc)]);
  const persistent = persistentViolators(world, events, id, flagged, log);
  const seriousEntries = activeListEntries(world, id, log, 'serious');
  const attentionEntries = activeListEntries(world, id, log, 'attention');
  const serious = new Set(seriousEntries.keys());
  const repeatIds = new Map<string, string[]>();
  for (const r of repeat) repeatIds.set(r.uscc, [...(repeatIds.get(r.uscc) ?? []), ...r.event_ids]);
  const projects = keyProjectRisk(world, log, id, {
    events,
    repeat: repeatIds,
    cross: new Set(cross.map((r) => r.uscc)),
    serious: seriousEntries,
    attention: attentionEntries,
    court: activeCourt(world, id, log),
  });
  progress(`answer key: ${events.length} counted events, flags and project signals done`);
  const publicity = publicityRecords(world, log);
  const quality = publicityQuality(publicity);
  const { active, enterprises } = activeRegister(id);
  const exitRows = exits(world, log, id);
  const government = governmentIntegrity(world, id, events);
  const grades = creditGrades(world, log, id, { events, serious: seriousEntries, attention: attentionEntries, active });
  const lists = {
    grades,
    events,
    serious: seriousEntries,
    attention: attentionEntries,
    court: activeCourt(world, id, log),
    persistent,
  };
  const answers: Record<(typeof DATASETS)[number], object[]> = {
    'repeat-violators': repeat,
    'cross-domain-violators': cross,
    'persistent-violators': persistent,
    'legal-rep-links': legalRepLinks(world, id, new Set([...flagged, ...serious])),
    'key-project-risk': projects.map(({ evidence: _evidence, ...row }) => row),
    'publicity-quality': quality,
    indicators: indicators(world, log, { register, active, enterprises, serious, publicity }),
    'sector-heatmap': sectorHeatmap(events, id, A),
    warnings: [
      ...warnings(id, { asOf: A, events, repeat, cross, persistent, projects, publicity, quality }),
      ...governmentWarnings(A, government),
    ],
    quarantine: log.quarantine,
    'credit-grades': grades,
    exits: exitRows,
    'government-integrity': government,
    'supervision-indicators': supervisionIndicators(world, log, id, exitRows, government),
    'red-list': redList(world, log, lists),
    'black-list': blackList(id, lists),
  };
  progress('answer key: every dataset computed');
  for (const d of DATASETS) writeAnswer(out, A, d, answers[d] as Parameters<typeof writeAnswer>[3]);
  writePublicityRecords(out, A, publicity);
  const bySource: Record<string, number> = {};
  for (const q of log.quarantine) bySource[q.source] = (bySource[q.source] ?? 0) + 1;
  const latestDelivery = Object.fromEntries(
    [...log.fileDates].map(([s, dates]) => [s, dates.reduce((a, b) => (a > b ? a : b))]).sort(),
  );
  writeAnswer(out, A, 'planted_cases', {
    as_of: A,
    seed: world.seed,
    cases: planted,
    quarantine_by_source: bySource,
    rows_by_source: log.rowsBySource,
    latest_delivery_by_source: latestDelivery,
    refused_files: refused,
  });
  return [...DATASETS, 'planted_cases'];
}
