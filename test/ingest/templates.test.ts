/**
 * Real departmental templates (issue 17): the 信用中国 双公示 templates load out of the box with every
 * identity field typed, the 国家企业信用信息公示系统 wording too; an unknown header is named per file in
 * the summary and the load log; one that probably means a key field refuses the file, which stays in
 * the inbox and loads at the next ingest once the office has mapped the header.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../lib/dataDir.js';
import { confirmMapping } from '../../lib/headerMappings/confirm.js';
import { readHeadersSeen } from '../../lib/headerMappings/seen.js';
import { FIELD_CATALOGUE } from '../../pipelines/ingest/fieldCatalogue.js';
import { ingestSummary } from '../../pipelines/ingest/summary.js';
import { uscc } from './codes.js';
import { csvUtf8, deliver, query, runIngest, tempDataDir, testConfig, xlsx, type Cell } from './helpers.js';

const ORG = uscc('91350205', 'MA2Y0KXQ');
const OTHER = uscc('91350200', 'MA31TT0U');
const AUTH = uscc('11350205', 'MB012345');
const MARKET = '厦门市海沧区市场监督管理局';

/** The template's identity headers, as the template writes them in one of its two spellings. */
const identity = (spelling: 'half' | 'full') =>
  ['统一社会信用代码', '工商注册号', '组织机构代码', '税务登记号', '事业单位证书号', '社会组织登记证号'].map((f, i) =>
    spelling === 'half' ? `行政相对人代码_${i + 1}(${f})` : `行政相对人代码-${i + 1}（${f}）`,
  );
// After 三证合一 the tax registration number is the USCC itself.
const IDENTITY_VALUES = [ORG, '350205000012345', 'MA2Y0KXQ9', ORG, '事证第135020500001号', '闽民证字第001号'];
const IDENTITY_COLUMNS = [
  'uscc',
  'business_reg_no',
  'org_code',
  'tax_reg_no',
  'institution_cert_no',
  'social_org_reg_no',
];
const EXPECTED_IDENTITY = Object.fromEntries(IDENTITY_COLUMNS.map((c, i) => [c, IDENTITY_VALUES[i]]));

/** The 信用中国 行政处罚 template, column for column. */
const penaltyTemplate = (spelling: 'half' | 'full') => [
  '行政相对人名称',
  '行政相对人类别',
  ...identity(spelling),
  '法定代表人',
  '法定代表人证件类型',
  '法定代表人证件号码',
  '证件类型',
  '证件号码',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额(万元)',
  '没收违法所得、没收非法财物的金额(万元)',
  '暂扣或吊销证照名称及编号',
  '处罚决定日期',
  '处罚有效期',
  '公示截止期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
];

const penaltyRow = (no: string): Cell[] => [
  '厦门鑫达贸易有限公司',
  '法人及非法人组织',
  ...IDENTITY_VALUES,
  '张三',
  null,
  null,
  null,
  null,
  no,
  '虚假宣传',
  '发布虚假广告',
  '《广告法》第五十五条',
  '罚款',
  '罚款人民币2000元',
  0.2,
  null,
  null,
  '2025-03-04',
  '2099-12-31',
  null,
  MARKET,
  AUTH,
  MARKET,
  AUTH,
  null,
];

/** The 信用中国 行政许可 template: its 许可证书名称, 许可编号, 有效期自/至 and 许可机关 are sources.md's fields. */
const licenceTemplate = (spelling: 'half' | 'full') => [
  '行政相对人名称',
  '行政相对人类别',
  ...identity(spelling),
  '法定代表人',
  '法定代表人证件类型',
  '法定代表人证件号码',
  '证件类型',
  '证件号码',
  '行政许可决定文书名称',
  '行政许可决定文书号',
  '许可类别',
  '许可证书名称',
  '许可编号',
  '许可内容',
  '许可决定日期',
  '有效期自',
  '有效期至',
  '许可机关',
  '许可机关统一社会信用代码',
  '当前状态',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '备注',
];

const licenceRow = (no: string): Cell[] => [
  '厦门鑫达贸易有限公司',
  '法人及非法人组织',
  ...IDENTITY_VALUES,
  '张三',
  null,
  null,
  null,
  null,
  '食品经营许可决定书',
  no,
  '普通',
  '食品经营许可证',
  'JY13502050012345',
  '食品销售经营者',
  '2025-02-10',
  '2025-02-10',
  '2030-02-09',
  MARKET,
  AUTH,
  '有效',
  MARKET,
  AUTH,
  null,
];

const cols = IDENTITY_COLUMNS.join(', ');

describe('the national 双公示 templates, as departments fill them in', () => {
  it('load a penalty file in each spelling (`_` with half-width, `-` with full-width brackets; CSV and XLSX) with every identity field typed', async () => {
    const dir = tempDataDir();
    deliver(
      dir,
      'penalties',
      '城管_行政处罚_模板.csv',
      csvUtf8(penaltyTemplate('half'), [penaltyRow('厦海城管罚〔2025〕1号')]),
    );
    const book = await xlsx([
      { name: '行政处罚', headers: penaltyTemplate('full'), rows: [penaltyRow('厦海城管罚〔2025〕2号')] },
    ]);
    deliver(dir, 'penalties', '消防_行政处罚_模板.xlsx', book);
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.file, o.status, o.unknownHeaders])).toEqual([
      ['城管_行政处罚_模板.csv', 'loaded', []],
      ['消防_行政处罚_模板.xlsx', 'loaded', []],
    ]);
    const rows = await query(dir, `select ${cols}, fine_yuan, _findings from raw.penalties order by decision_no`);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ ...EXPECTED_IDENTITY, fine_yuan: 2000 });
      expect(r._findings).toEqual([]);
    }
  });

  it('load a licence file in each spelling with every identity field and the template’s own licence fields typed', async () => {
    const dir = tempDataDir();
    deliver(
      dir,
      'licenses',
      '市场监管_行政许可.csv',
      csvUtf8(licenceTemplate('half'), [licenceRow('厦海市监许〔2025〕1号')]),
    );
    const book = await xlsx([
      { name: '行政许可', headers: licenceTemplate('full'), rows: [licenceRow('厦海市监许〔2025〕2号')] },
    ]);
    deliver(dir, 'licenses', '市场监管_行政许可.xlsx', book);
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.unknownHeaders])).toEqual([
      ['loaded', []],
      ['loaded', []],
    ]);
    const rows = await query(
      dir,
      `select ${cols}, certificate_name, licence_no, cast(valid_from as varchar) as valid_from,
         cast(valid_to as varchar) as valid_to, authority, _findings from raw.licenses order by decision_no`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({
        ...EXPECTED_IDENTITY,
        certificate_name: '食品经营许可证',
        licence_no: 'JY13502050012345',
        valid_from: '2025-02-10',
        valid_to: '2030-02-09',
        authority: MARKET,
      });
      expect(r._findings).toEqual([]);
    }
  });

  it('read the 国家企业信用信息公示系统 wording of a penalty as the same fields (built in, not mapped)', async () => {
    const dir = tempDataDir();
    const headers = [
      '行政相对人名称',
      '统一社会信用代码',
      '决定书文号',
      '违法行为类型',
      '行政处罚内容',
      '作出行政处罚决定机关名称',
      '作出行政处罚决定日期',
    ];
    deliver(
      dir,
      'penalties',
      '公示系统.csv',
      csvUtf8(headers, [
        ['厦门鑫达贸易有限公司', ORG, '厦海市监罚〔2025〕7号', '虚假宣传', '罚款2000元', MARKET, '2025年3月4日'],
      ]),
    );
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.unknownHeaders])).toEqual([['loaded', []]]);
    const [r] = await query(
      dir,
      `select decision_no, content, authority, cast(decision_date as varchar) as d, _reason from raw.penalties`,
    );
    expect(r).toEqual({
      decision_no: '厦海市监罚〔2025〕7号',
      content: '罚款2000元',
      authority: MARKET,
      d: '2025-03-04',
      _reason: null,
    });
  });
});

const PLAIN = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚决定日期',
  '处罚机关',
];
const plainRow = (no: string, code = ORG): Cell[] => [
  '厦门鑫达贸易有限公司',
  '法人及非法人组织',
  code,
  no,
  '2025-03-04',
  MARKET,
];

/** A mapping file of the test's own (the shipped one stays untouched), with the config that reads it. */
function mappingConfig(dir: string, text = '') {
  const file = join(dir, 'header-mappings.yaml');
  if (text) writeFileSync(file, text);
  return { file, config: testConfig({ ingest: { header_mappings_file: file } }) };
}

describe('unknown headers', () => {
  it('are named per file in the summary and the load log, and kept in the raw cells', async () => {
    const dir = tempDataDir();
    deliver(
      dir,
      'penalties',
      'a.csv',
      csvUtf8([...PLAIN, '内部编号', '经办人'], [[...plainRow('厦海市监罚〔2025〕1号'), 'N-001', '李四']]),
    );
    deliver(dir, 'penalties', 'b.csv', csvUtf8(PLAIN, [plainRow('厦海市监罚〔2025〕2号')]));
    const { outcomes, runId } = await runIngest(dir);
    expect(outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    const summary = ingestSummary(outcomes);
    expect(summary).toContain('unknown headers: penalties/a.csv: 内部编号, 经办人');
    expect(summary).not.toContain('penalties/b.csv: ');
    const log = await query(
      dir,
      'select file_name, unknown_headers from ingest.load_log where run_id = ? order by file_name',
      [runId],
    );
    expect(log).toEqual([
      { file_name: 'a.csv', unknown_headers: ['内部编号', '经办人'] },
      { file_name: 'b.csv', unknown_headers: [] },
    ]);
    const [row] = await query<{ _cells: string[] }>(
      dir,
      `select _cells from raw.penalties where decision_no like '%1号'`,
    );
    expect(row!._cells).toContain('N-001');
  });

  it('refuse a file whose unmapped USCC column would load empty, keep it in the inbox, and load it at the next ingest once the header is mapped', async () => {
    const dir = tempDataDir();
    const { file, config } = mappingConfig(dir);
    const headers = PLAIN.map((h) => (h === '统一社会信用代码' ? '当事人代码' : h));
    deliver(
      dir,
      'penalties',
      '教育局_新系统.csv',
      csvUtf8(headers, [plainRow('厦海教罚〔2025〕1号'), plainRow('厦海教罚〔2025〕2号', OTHER)]),
    );
    const first = await runIngest(dir, config);
    const o = first.outcomes[0]!;
    expect(o.status).toBe('failed');
    expect(o.message).toContain('列「当事人代码」可能是「统一社会信用代码」');
    expect(o.message).toContain('教育局_新系统.csv');
    expect(o.unknownHeaders).toEqual(['当事人代码']);
    expect(existsSync(join(paths.sourceInbox(dir, 'penalties'), '教育局_新系统.csv'))).toBe(true);
    expect(await query(dir, 'select * from ingest.files')).toEqual([]);
    expect(await query(dir, 'select count(*)::int as n from landing.penalties')).toEqual([{ n: 0 }]);
    // What the 表头映射 page lists: the header, its file, department and samples, and the proposed field.
    const seen = readHeadersSeen(dir)!.headers;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      source: 'penalties',
      header: '当事人代码',
      samples: [ORG, OTHER],
      proposal: { field: 'uscc', basis: 'values' },
      files: [{ file: '教育局_新系统.csv', status: 'refused', departments: [MARKET] }],
    });
    // The same file again without a mapping: refused again, not taken for "already seen".
    expect((await runIngest(dir, config)).outcomes.map((x) => x.status)).toEqual(['failed']);

    await confirmMapping(file, FIELD_CATALOGUE, {
      source: 'penalties',
      header: '当事人代码',
      field: '统一社会信用代码',
      files: null,
      by: 'office1',
      at: new Date('2025-06-30T03:00:00Z'),
    });
    expect(readFileSync(file, 'utf8')).toContain('confirmed_by: office1');
    const after = await runIngest(dir, config);
    expect(after.outcomes.map((x) => [x.status, x.unknownHeaders])).toEqual([['loaded', []]]);
    expect(existsSync(join(paths.sourceInbox(dir, 'penalties'), '教育局_新系统.csv'))).toBe(false);
    const rows = await query(dir, 'select uscc, _reason from raw.penalties order by decision_no');
    expect(rows).toEqual([
      { uscc: ORG, _reason: null },
      { uscc: OTHER, _reason: null },
    ]);
  });

  it('refuse a file whose unknown header names a 文书号 or a ★ date it lacks, naming each header and field', async () => {
    const dir = tempDataDir();
    const headers = ['行政相对人名称', '统一社会信用代码', '处罚文号', '处罚日期', '处罚机关'];
    deliver(
      dir,
      'penalties',
      'x.csv',
      csvUtf8(headers, [['厦门鑫达贸易有限公司', ORG, '厦海市监罚〔2025〕1号', '2025/03/04', MARKET]]),
    );
    const { outcomes } = await runIngest(dir);
    expect(outcomes[0]!.status).toBe('failed');
    expect(outcomes[0]!.message).toContain('列「处罚文号」可能是「行政处罚决定书文号」');
    expect(outcomes[0]!.message).toContain('列「处罚日期」可能是「处罚决定日期」');
  });

  it('do not refuse a file for an unknown column of a key field the file already delivers', async () => {
    const dir = tempDataDir();
    deliver(
      dir,
      'penalties',
      'y.csv',
      csvUtf8([...PLAIN, '原统一社会信用代码'], [[...plainRow('厦海市监罚〔2025〕1号'), OTHER]]),
    );
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.unknownHeaders])).toEqual([['loaded', ['原统一社会信用代码']]]);
  });
});

describe('the mapping file', () => {
  it('ships a worked example: a provincial platform’s code schema loads out of the box', async () => {
    const dir = tempDataDir();
    const headers = [
      'BXZCF_NAME',
      'BXZCF_TYPE',
      'BXZCF_CARDNUMBER',
      'XZCFWS_CODE',
      'XZCF_TYPE',
      'XZCF_FKJE',
      'XZCF_DATE',
      'XZCF_ORGNAME',
      'SJLY_ORGNAME',
      'SBRQ',
    ];
    const row = [
      '厦门鑫达贸易有限公司',
      '法人及非法人组织',
      ORG,
      '厦海环罚〔2025〕3号',
      '罚款',
      '0.5',
      '20250304',
      '厦门市海沧生态环境局',
      '厦门市海沧生态环境局',
      '2025-03-06',
    ];
    deliver(dir, 'penalties', '省执法平台_导出.csv', csvUtf8(headers, [row]));
    const { outcomes } = await runIngest(dir);
    expect(outcomes.map((o) => [o.status, o.unknownHeaders])).toEqual([['loaded', []]]);
    const [r] = await query(
      dir,
      `select subject_name, uscc, decision_no, categories, fine_yuan, cast(decision_date as varchar) as d, authority,
         department, cast(report_date as varchar) as reported from raw.penalties`,
    );
    expect(r).toEqual({
      subject_name: '厦门鑫达贸易有限公司',
      uscc: ORG,
      decision_no: '厦海环罚〔2025〕3号',
      categories: ['罚款'],
      fine_yuan: 5000,
      d: '2025-03-04',
      authority: '厦门市海沧生态环境局',
      department: '厦门市海沧生态环境局',
      reported: '2025-03-06',
    });
  });

  it('is validated on load: an unknown field, a field mapped twice, a standard header taken for another field — each named, and nothing is read', async () => {
    const dir = tempDataDir();
    deliver(dir, 'penalties', 'z.csv', csvUtf8(PLAIN, [plainRow('厦海市监罚〔2025〕1号')]));
    const { config } = mappingConfig(
      dir,
      `mappings:
  - source: penalties
    headers:
      CODE_A: 统一信用代码
      CODE_B: 行政处罚决定书文号
      CODE_C: 行政处罚决定书文号
      备注: 处罚内容
  - source: penalty
    headers: { X: 备注 }
`,
    );
    const run = runIngest(dir, config);
    await expect(run).rejects.toThrow(
      /第 1 条映射（penalties）：列「CODE_A」映射到的「统一信用代码」不是「行政处罚」的字段（是否指「统一社会信用代码」？）/,
    );
    await expect(run).rejects.toThrow(/字段「行政处罚决定书文号」被映射了两次：「CODE_B」和「CODE_C」/);
    await expect(run).rejects.toThrow(/列「备注」本来就是字段「备注」的表头，不能映射到「处罚内容」/);
    await expect(run).rejects.toThrow(/第 2 条映射：source「penalty」不是数据来源/);
    expect(existsSync(join(paths.sourceInbox(dir, 'penalties'), 'z.csv'))).toBe(true);
    expect(existsSync(paths.warehouse(dir))).toBe(false);
  });

  it('refuses a header mapped to two fields in one scope, also as a confirmation; another system’s header for the same field is its own entry', async () => {
    const dir = tempDataDir();
    const { file, config } = mappingConfig(
      dir,
      `mappings:
  - source: licenses
    headers: { 证书号: 许可编号 }
  - source: licenses
    headers: { 证书号: 许可内容 }
`,
    );
    mkdirSync(paths.inbox(dir));
    await expect(runIngest(dir, config)).rejects.toThrow(
      /第 2 条映射（licenses）：列「证书号」已在前面映射到「许可编号」，又映射到「许可内容」/,
    );
    writeFileSync(file, 'mappings:\n  - source: licenses\n    headers: { 证书号: 许可编号 }\n');
    const confirmation = {
      source: 'licenses',
      header: '证书号',
      field: 'content',
      files: null,
      by: 'office1',
      at: new Date(),
    };
    await expect(confirmMapping(file, FIELD_CATALOGUE, confirmation)).rejects.toThrow(/已在前面映射到「许可编号」/);
    expect(readFileSync(file, 'utf8')).not.toContain('许可内容');
    // Another system's header for 许可编号, and the same header narrowed to other files, are their own entries.
    await confirmMapping(file, FIELD_CATALOGUE, { ...confirmation, header: '证照号', field: 'licence_no' });
    await confirmMapping(file, FIELD_CATALOGUE, { ...confirmation, files: '*审批系统*' });
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('证照号: 许可编号');
    expect(written).toMatch(/files:\n\s+- "?\*审批系统\*"?\n\s+headers:\n\s+证书号: 许可内容/);
  });

  it('applies to the files named by its pattern only, and to files ingested after the change', async () => {
    const dir = tempDataDir();
    const { file, config } = mappingConfig(dir);
    const headers = [...PLAIN, '纳税人识别号'];
    deliver(
      dir,
      'penalties',
      '税务_1.csv',
      csvUtf8(headers, [[...plainRow('厦海税罚〔2025〕1号'), '91350205MA2Y0KXQ9E']]),
    );
    await runIngest(dir, config);
    writeFileSync(
      file,
      `mappings:\n  - source: penalties\n    files: ['税务_*']\n    headers: { 纳税人识别号: 税务登记号 }\n`,
    );
    deliver(dir, 'penalties', '税务_2.csv', csvUtf8(headers, [[...plainRow('厦海税罚〔2025〕2号'), 'T2']]));
    deliver(dir, 'penalties', '城管_1.csv', csvUtf8(headers, [[...plainRow('厦海城管罚〔2025〕1号'), 'T3']]));
    const { outcomes } = await runIngest(dir, config);
    expect(outcomes.map((o) => [o.file, o.status, o.unknownHeaders])).toEqual([
      ['税务_2.csv', 'loaded', []],
      ['城管_1.csv', 'loaded', ['纳税人识别号']],
    ]);
    const rows = await query(dir, 'select decision_no, tax_reg_no from raw.penalties order by decision_no');
    expect(rows).toEqual([
      { decision_no: '厦海城管罚〔2025〕1号', tax_reg_no: null },
      // Loaded before the mapping: as it was loaded.
      { decision_no: '厦海税罚〔2025〕1号', tax_reg_no: null },
      { decision_no: '厦海税罚〔2025〕2号', tax_reg_no: 'T2' },
    ]);
  });

  it('takes every header of a refused provincial export to the page, with proposals from its values', async () => {
    const dir = tempDataDir();
    const { config } = mappingConfig(dir);
    const headers = ['XZCF_ORGNAME', 'BXZCF_NAME', 'BXZCF_CARDNUMBER', 'XZCFWS_CODE', 'XZCF_DATE'];
    deliver(
      dir,
      'penalties',
      '省平台.csv',
      csvUtf8(headers, [[MARKET, '厦门鑫达贸易有限公司', ORG, '厦海市监罚〔2025〕9号', '2025-03-04']]),
    );
    const { outcomes } = await runIngest(dir, config);
    expect(outcomes[0]!.status).toBe('failed');
    expect(outcomes[0]!.message).toContain(
      '未能识别的列名：XZCF_ORGNAME、BXZCF_NAME、BXZCF_CARDNUMBER、XZCFWS_CODE、XZCF_DATE',
    );
    const proposed = Object.fromEntries(
      readHeadersSeen(dir)!.headers.map((h) => [h.header, h.proposal?.field ?? null]),
    );
    expect(proposed).toMatchObject({
      BXZCF_CARDNUMBER: 'uscc',
      XZCFWS_CODE: 'decision_no',
      XZCF_DATE: 'decision_date',
    });
  });
});
