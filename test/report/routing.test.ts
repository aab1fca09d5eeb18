/**
 * Routing of issue 18: bodies the district cannot task (provincial bodies, courts, other districts) are
 * copied and their domains go to the district department of the domain or to the coordinator; annex
 * order follows the configured 编制序列. Flags are built by hand (the shape readFlags returns).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/load.js';
import { sortDepartments } from '../../lib/followUp/departmentOrder.js';
import type { BuildFlags } from '../../pipelines/report/flags.js';
import { annexEvidence, recordNumber } from '../../pipelines/report/labels.js';
import { copiedOnly, screenEntities } from '../../pipelines/report/routing.js';
import type { EvidenceEvent } from '../../pipelines/report/types.js';

const config = loadConfig();
const ev = (id: string, domain: string, authority: string, date: string): EvidenceEvent => ({
  event_id: id,
  source: id.slice(0, id.indexOf(':')),
  domain,
  authority,
  event_date: date,
  severity: null,
});

const EVENTS = [
  ev('penalties:福建省药品监督管理局|闽药监罚〔2025〕1号', 'drug', '福建省药品监督管理局', '2025-03-01'),
  ev('penalties:福建省药品监督管理局|闽药监罚〔2025〕2号', 'drug', '福建省药品监督管理局', '2025-04-01'),
  ev('penalties:福建省药品监督管理局|闽药监罚〔2025〕3号', 'drug', '福建省药品监督管理局', '2025-05-01'),
  ev('court_dishonest:〔2025〕闽0203执16号|91350205000000001X', 'judicial', '厦门市思明区人民法院', '2025-02-01'),
  ev(
    'penalties:厦门市海沧区城市管理局|厦海城管罚〔2025〕9号',
    'urban_management',
    '厦门市海沧区城市管理局',
    '2025-01-05',
  ),
  ev(
    'penalties:厦门市湖里区市场监督管理局|厦湖市监罚〔2025〕4号',
    'market',
    '厦门市湖里区市场监督管理局',
    '2025-06-01',
  ),
];

function flags(): BuildFlags {
  const ids = EVENTS.map((e) => e.event_id);
  return {
    names: new Map([
      ['91350205000000001X', '厦门路由一号有限公司'],
      ['91350205000000002X', '厦门路由二号有限公司'],
    ]),
    repeat: new Map([
      [
        '91350205000000001X',
        [
          {
            domain: 'drug',
            event_count: 3,
            first_event_date: '2025-03-01',
            last_event_date: '2025-05-01',
            event_ids: ids.slice(0, 3),
          },
        ],
      ],
    ]),
    cross: new Map([
      [
        '91350205000000002X',
        {
          domains: ['judicial', 'market', 'urban_management'],
          event_count: 3,
          first_event_date: '2025-01-05',
          last_event_date: '2025-06-01',
          event_ids: ids.slice(3),
        },
      ],
    ]),
    persistent: new Map(),
    events: new Map(EVENTS.map((e) => [e.event_id, e])),
    domainLabels: { drug: '药品监管', judicial: '司法', market: '市场监管', urban_management: '城市管理' },
  };
}

describe('routing to the district', () => {
  it('copies provincial bodies, courts and other districts’ bodies and tasks the district department instead', () => {
    const [one, two] = screenEntities(flags(), config);
    expect(one!.routing).toEqual([{ department: '厦门市海沧区市场监督管理局', role: 'lead', domains: ['drug'] }]);
    expect(one!.copies).toEqual(['福建省药品监督管理局']);
    expect(two!.routing).toEqual([
      { department: '区信用办', role: 'lead', domains: ['judicial'] },
      { department: '厦门市海沧区城市管理局', role: 'lead', domains: ['urban_management'] },
      { department: '厦门市海沧区市场监督管理局', role: 'lead', domains: ['market'] },
    ]);
    expect(two!.copies).toEqual(['厦门市思明区人民法院', '厦门市湖里区市场监督管理局']);
    for (const e of [one!, two!])
      for (const r of e.routing) expect(copiedOnly(r.department, config), r.department).toBe(false);
  });

  it('keeps the district’s own and the city’s bodies tasked', () => {
    expect(copiedOnly('厦门市海沧区市场监督管理局', config)).toBe(false);
    expect(copiedOnly('厦门市市场监督管理局', config)).toBe(false);
    expect(copiedOnly('国家税务总局厦门市海沧区税务局', config)).toBe(false);
    expect(copiedOnly('厦门市海沧区人民法院', config)).toBe(true);
    expect(copiedOnly('厦门市中级人民法院', config)).toBe(true);
  });

  it('orders departments by the configured 编制序列, the unlisted after them by pinyin, the coordinator last', () => {
    const order = config.reports.department_order;
    expect(
      sortDepartments(
        [
          '国家税务总局厦门市海沧区税务局',
          '区信用办',
          '厦门市海沧区教育局',
          '某某局',
          '安安局',
          '厦门市公安局海沧分局',
        ],
        order,
        '区信用办',
      ),
    ).toEqual([
      '厦门市海沧区教育局',
      '厦门市公安局海沧分局',
      '国家税务总局厦门市海沧区税务局',
      '安安局',
      '某某局',
      '区信用办',
    ]);
  });

  it('cites a court record by its 案号 and a penalty by its 决定书文号, and a department sees its own domain only', () => {
    expect(recordNumber('court_dishonest:〔2025〕闽0203执16号|91350205000000001X')).toBe('〔2025〕闽0203执16号');
    expect(recordNumber('penalties:厦门市海沧区城市管理局|厦海城管罚〔2025〕9号')).toBe('厦海城管罚〔2025〕9号');
    const [, two] = screenEntities(flags(), config);
    const entity = { ...two!, change: 'new' as const };
    const urban = entity.routing.find((r) => r.department === '厦门市海沧区城市管理局')!;
    expect(annexEvidence({ entity, role: 'lead', domains: urban.domains }, flags().domainLabels)).toEqual([
      '1起',
      '厦海城管罚〔2025〕9号',
    ]);
    const court = entity.routing.find((r) => r.department === '区信用办')!;
    expect(annexEvidence({ entity, role: 'lead', domains: court.domains }, flags().domainLabels)).toEqual([
      '1起',
      '〔2025〕闽0203执16号',
    ]);
    expect(annexEvidence({ entity, role: 'coordinator', domains: [] }, flags().domainLabels)).toEqual([
      '3起',
      '司法1起、市场监管1起、城市管理1起',
    ]);
  });
});
