/** 信用分级 as files for people: the distribution by section, township and grade, and a department's 双随机 list. */
import type { Db } from '../../lib/db.js';
import { inspectionRows, inspectionSheets } from '../../pipelines/export/gradeInspections.js';
import type { PeopleSheet } from '../../pipelines/export/peopleTable.js';
import { regionName, sectorName } from '../ui/labels.js';
import { gradeDistribution } from './query.js';

export async function gradesSheets(db: Db): Promise<PeopleSheet[]> {
  const rows = await gradeDistribution(db);
  return [
    {
      name: '信用等级分布',
      columns: [
        { title: '行业门类代码' },
        { title: '行业门类' },
        { title: '乡镇（街道）' },
        { title: '信用等级' },
        { title: '在营主体', kind: 'integer' },
      ],
      rows: rows.map((r) => [r.sector, sectorName(r.sector), regionName(r.region_code), r.grade, r.entities]),
    },
  ];
}

export async function inspectionsSheets(db: Db, department: string): Promise<PeopleSheet[]> {
  return inspectionSheets(await inspectionRows(db, department));
}
