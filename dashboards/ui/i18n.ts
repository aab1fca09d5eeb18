/**
 * The English toggle of the dashboards. Pages are written in Chinese (the users' language); `t(lang, zh)`
 * looks a fixed UI string up by its Chinese text, so the Chinese source stays readable and a missing
 * entry shows Chinese rather than nothing. Sentences with values in them are small functions per
 * language (PHRASES): word order differs, so translated fragments are never concatenated.
 * Data values (names of entities, departments, authorities, townships, delivered cells) are not
 * translated. The API, the exports and the reports stay Chinese and do not use this module.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { chineseCount, dateInProse } from './format.js';
import { html, type Html } from './html.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const isLang = (v: unknown): v is Lang => v === 'zh' || v === 'en';
export const htmlLang = (lang: Lang): string => (lang === 'en' ? 'en' : 'zh-CN');

/** One entry per Chinese UI string. */
export const EN: Readonly<Record<string, string>> = {
  // Frame, navigation, login, error pages
  信用风险监测预警平台: 'Credit Risk Monitoring and Early Warning',
  主导航: 'Main navigation',
  退出: 'Sign out',
  总览: 'Overview',
  行业热力图: 'Sector heatmap',
  违法主体: 'Violators',
  重点项目: 'Key projects',
  双公示质量: 'Publicity quality',
  信用监测指标: 'Credit indicators',
  预警: 'Warnings',
  跟踪督办: 'Follow-up',
  运行与模型: 'Runs and models',
  审计日志: 'Audit log',
  用户: 'User',
  操作: 'Action',
  起始日期: 'From',
  截止日期: 'To',
  导出: 'Export',
  // Page exports, units, empty states, heatmap controls (issue 18 part B)
  '导出本表：': 'Export this table: ',
  '导出全部表格（XLSX）': 'Export every table (XLSX)',
  所指期间: 'Period',
  '按构建时点的法人库计算，逐月相同，不绘趋势。':
    'Computed on the register as at the build, the same every month: no trend drawn.',
  显示: 'Show',
  每百户事件: 'Events per 100 enterprises',
  最少在营企业: 'Minimum active enterprises',
  应用: 'Apply',
  无在营企业: 'No active enterprises',
  '0 起事件': '0 events',
  企业过少未着色: 'Too few enterprises, not shaded',
  违法主体名单: 'Violators list',
  本部门退回清单: 'Rows returned to this department',
  退回清单: 'Rows returned to departments',
  '退回清单（XLSX）': 'Returned rows (XLSX)',
  '筛查涉及主体（三类合计，户）': 'Entities screened (all three kinds)',
  '同一领域频繁违法主体（户）': 'Entities with repeated violations in one domain',
  '同一领域频繁违法（主体×领域，行）': 'Repeated violations in one domain (entity × domain rows)',
  运行与模型页面仅供系统管理员和分析人员查看: 'The runs and models pages are for administrators and analysts only',
  时间: 'Time',
  条件: 'Filters',
  格式: 'Format',
  地址: 'Address',
  尚无已发布的构建: 'No published build yet',
  登录: 'Sign in',
  用户名: 'User name',
  密码: 'Password',
  用户名或密码不正确: 'Wrong user name or password',
  请求有误: 'Bad request',
  需要登录: 'Sign-in required',
  无权访问: 'Forbidden',
  页面不存在: 'Page not found',
  暂时无法提供服务: 'Service unavailable',
  出错了: 'Something went wrong',
  返回首页: 'Back to the home page',
  '尚无已发布的构建：请先运行 sentinel build': 'No published build yet: run sentinel build first',
  '角色“领导”只能查看汇总数据，不能查看企业名单或画像':
    'The leader role reads aggregates only, not lists or profiles of enterprises',
  // Roles (lib/auth/roles.ts ROLE_LABELS)
  系统管理员: 'Administrator',
  信用办: 'Credit office',
  分析人员: 'Analyst',
  部门用户: 'Department user',
  领导: 'Leader',
  // Levels, statuses and kinds (labels.ts)
  红: 'Red',
  橙: 'Orange',
  黄: 'Yellow',
  绿: 'Green',
  同一领域频繁违法: 'Repeated violations in one domain',
  多个领域多次违法: 'Violations across several domains',
  屡禁不止: 'Persistent violations',
  重点项目风险: 'Key project at risk',
  部门公示及时率不达标: 'Department publicity timeliness below target',
  部门公示合规率不达标: 'Department publicity compliance below target',
  数据源逾期未报送: 'Data source overdue',
  督办事项逾期: 'Follow-up overdue',
  督办逾期升级: 'Follow-up escalated',
  重点企业风险: 'Watched enterprise at risk',
  新增: 'New',
  持续: 'Ongoing',
  已解除: 'Resolved',
  列入重点关注名单: 'On the attention list',
  列入严重失信主体名单: 'On the serious dishonesty list',
  违背信用承诺: 'Broken credit commitment',
  纳税信用C级: 'Tax credit grade C',
  纳税信用D级: 'Tax credit grade D',
  失信被执行人: 'Dishonest judgment debtor',
  严重失信行政处罚: 'Serious administrative penalty',
  行政处罚: 'Administrative penalties',
  公示中: 'Publicised',
  公示期满: 'Publicity period over',
  '不予公示（轻微）': 'Not publicised (minor)',
  已撤销: 'Revoked',
  已信用修复: 'Credit repaired',
  自然人: 'Natural person',
  主体无法识别: 'Entity not identified',
  异议处理中: 'Objection pending',
  严重失信主体名单: 'Serious dishonesty list',
  重点关注名单: 'Attention list',
  信用承诺: 'Credit commitments',
  双公示上报及时率: 'Publicity reporting timeliness',
  双公示数据合规率: 'Publicity data compliance',
  统一社会信用代码重错码率: 'USCC duplicate or error rate',
  '水费记录数 / 企业数': 'Water bill records / enterprises',
  '电费记录数 / 企业数': 'Electricity bill records / enterprises',
  '纳税记录数 / 企业数': 'Tax records / enterprises',
  '燃气费记录数 / 企业数': 'Gas bill records / enterprises',
  '信用承诺履约记录数 / 市场主体数': 'Commitment fulfilment records / market entities',
  '公共信用综合评价“优”占比': 'Share rated “excellent” in the public credit evaluation',
  '公共信用综合评价“中”“差”占比': 'Share rated “medium” or “poor” in the public credit evaluation',
  '公共信用综合评价“良”及以上占比': 'Share rated “good” or better in the public credit evaluation',
  纳税信用A级企业占比: 'Share of grade-A taxpayers',
  严重失信主体占企业比例: 'Seriously dishonest entities per enterprise',
  未知行业: 'Unknown sector',
  未知地区: 'Unknown area',
  // GB/T 4754 sections (data/reference/sections.csv)
  '农、林、牧、渔业': 'Agriculture, forestry, animal husbandry and fishery',
  采矿业: 'Mining',
  制造业: 'Manufacturing',
  '电力、热力、燃气及水生产和供应业': 'Electricity, heat, gas and water supply',
  建筑业: 'Construction',
  批发和零售业: 'Wholesale and retail',
  '交通运输、仓储和邮政业': 'Transport, storage and postal services',
  住宿和餐饮业: 'Accommodation and catering',
  '信息传输、软件和信息技术服务业': 'Information, software and IT services',
  金融业: 'Finance',
  房地产业: 'Real estate',
  租赁和商务服务业: 'Leasing and business services',
  科学研究和技术服务业: 'Scientific research and technical services',
  '水利、环境和公共设施管理业': 'Water, environment and public facilities',
  '居民服务、修理和其他服务业': 'Household, repair and other services',
  教育: 'Education',
  卫生和社会工作: 'Health and social work',
  '文化、体育和娱乐业': 'Culture, sports and entertainment',
  '公共管理、社会保障和社会组织': 'Public administration and social organisations',
  国际组织: 'International organisations',
  // Domains (data/reference/authority_domains.csv labels, and 其他 for the rest)
  农业农村: 'Agriculture',
  商务: 'Commerce',
  工程建设: 'Construction works',
  文化旅游: 'Culture and tourism',
  进出口: 'Import and export',
  药品监管: 'Drug regulation',
  生态环境: 'Environment',
  消防安全: 'Fire safety',
  卫生健康: 'Health',
  司法: 'Judicial',
  劳动保障: 'Labour',
  市场监管: 'Market regulation',
  医疗保障: 'Medical insurance',
  自然资源: 'Natural resources',
  公共安全: 'Public security',
  安全生产: 'Work safety',
  统计: 'Statistics',
  税务: 'Tax',
  交通运输: 'Transport',
  城市管理: 'Urban management',
  水利: 'Water',
  其他: 'Other',
  // Shared parts
  分页: 'Pages',
  上一页: 'Previous',
  下一页: 'Next',
  全部: 'All',
  查看: 'Show',
  筛选: 'Filter',
  清除: 'Clear',
  '无。': 'None.',
  '—': '—',
  // 总览
  有效预警: 'Active warnings',
  较上次构建新增: 'New since the last build',
  同一领域频繁违法主体: 'Repeat violators in one domain',
  多个领域多次违法主体: 'Violators across domains',
  屡禁不止主体: 'Persistent violators',
  红橙风险重点项目: 'Red and orange key projects',
  重点项目按风险级别: 'Key projects by risk level',
  较上次构建的变化: 'Changes since the last build',
  '与上次发布的构建相比，没有新增或解除的预警。': 'No warning was added or resolved since the last published build.',
  预警类型: 'Warning type',
  变化: 'Change',
  条数: 'Count',
  计入的违法事件: 'Counted violation events',
  事件数: 'Events',
  // 行业热力图
  '乡镇（街道）': 'Township',
  月份: 'Month',
  '统计期内没有计入的违法事件。': 'No counted violation events in the period.',
  行业门类: 'Sectors',
  '行业 × 乡镇（街道）': 'Sector × township',
  '行业 × 月份': 'Sector × month',
  事件: 'Events',
  在营企业: 'Active enterprises',
  每百户: 'Per 100',
  每百户事件数: 'Events per 100 enterprises',
  企业: 'Enterprise',
  统一社会信用代码: 'USCC',
  最近一次: 'Latest',
  '← 返回热力图': '← Back to the heatmap',
  // 信用监测指标
  '本次构建没有逐月指标序列。': 'This build has no monthly indicator series.',
  达标: 'Met',
  未达标: 'Not met',
  指标: 'Indicator',
  当前值: 'Value',
  目标: 'Target',
  结果: 'Result',
  '逐月趋势：各项指标与目标': 'Monthly trend: each indicator against its target',
  '每月按该月最后一天（本月为构建时点）计算，虚线为目标，实心点为达标月份；记录按构建时点的数据判定，企业数等分母取构建时点的法人库。':
    'Computed at the last day of each month (this month at the build date); ' +
    'the dashed line is the target, filled dots are months that met it; ' +
    'records are judged with the data at the build date, ' +
    'and denominators such as the number of enterprises come from the register at the build date.',
  '逐月趋势：双公示及时率与合规率': 'Monthly trend: publicity timeliness and compliance',
  '每月按当月作出的决定计算。': 'Each month counts the decisions made in that month.',
  及时率: 'Timeliness',
  合规率: 'Compliance',
  比率: 'Rate',
  // 双公示质量
  近一年及时率: 'Timeliness, last 12 months',
  近一年合规率: 'Compliance, last 12 months',
  上报及时率逐月趋势: 'Reporting timeliness by month',
  数据合规率逐月趋势: 'Data compliance by month',
  部门排名: 'Department ranking',
  名次: 'Rank',
  部门: 'Department',
  记录: 'Records',
  及时: 'Timely',
  合规: 'Compliant',
  // 违法主体
  名称: 'Name',
  领域: 'Domain',
  首次: 'First',
  最近: 'Latest',
  领域数: 'Domains',
  通报日期: 'Report date',
  通报后事件: 'Events after the report',
  最近违法: 'Latest violation',
  从: 'from',
  至: 'to',
  // 预警
  有效预警按类型和级别: 'Active warnings by type and level',
  类型: 'Type',
  级别: 'Level',
  状态: 'Status',
  对象: 'Subject',
  首次发现: 'First seen',
  证据: 'Evidence',
  // 重点项目
  信号与证据: 'Signals and evidence',
  '没有风险信号。': 'No risk signals.',
  信号: 'Signal',
  参与方: 'Parties',
  角色: 'Role',
  来源: 'Source',
  '← 全部重点项目': '← All key projects',
  // 企业信用画像 and 原始记录
  企业信用画像: 'Enterprise credit profile',
  热力图明细: 'Heatmap cell',
  未找到: 'Not found',
  原始记录: 'Source record',
  '没有失信标记。': 'No dishonesty flags.',
  公示中的处罚: 'Publicised penalties',
  在列名单: 'Active list entries',
  登记信息: 'Registration',
  主体类型: 'Entity type',
  登记状态: 'Registration status',
  法定代表人: 'Legal representative',
  行业: 'Industry',
  '登记库中没有该主体。': 'The register does not hold this entity.',
  失信标记与说明: 'Dishonesty flags and why',
  '没有违法事件。': 'No violation events.',
  决定书文号: 'Decision no.',
  决定日期: 'Decision date',
  处罚: 'Penalty',
  严重程度: 'Severity',
  公示状态: 'Publicity status',
  是否计入: 'Counted',
  计入: 'Counted',
  名单: 'Lists',
  类别: 'Category',
  认定部门: 'Listed by',
  列入: 'Listed',
  移出: 'Removed',
  修复: 'Repaired',
  在列: 'Listed',
  已移出: 'Removed',
  承诺日期: 'Commitment date',
  受理部门: 'Accepted by',
  履约情况: 'Fulfilment',
  状态日期: 'Status date',
  '（违诺）': '(broken)',
  参与的重点项目: 'Key projects taken part in',
  项目: 'Project',
  风险: 'Risk',
  关联法定代表人: 'Linked legal representatives',
  '证件号（脱敏）': 'ID number (masked)',
  关联主体数: 'Linked entities',
  其他违法事件: 'Other violation events',
  日期: 'Date',
  报送的原始内容: 'Delivered cells',
  表头: 'Header',
  原始值: 'Delivered value',
  主体: 'Entity',
  '领域 / 日期': 'Domain / date',
  // 运行与模型
  已发布: 'Published',
  出错: 'Error',
  中断: 'Interrupted',
  进行中: 'Running',
  成功: 'Succeeded',
  跳过: 'Skipped',
  通过: 'Passed',
  警告: 'Warning',
  重建: 'Rebuilt',
  沿用上次: 'Carried over',
  当前数据截至: 'Data as of',
  工作日历覆盖至: 'Working-day calendar until',
  发布时间: 'Published at',
  数据检验通过: 'Data tests passed',
  检验警告: 'Test warnings',
  本次重建的模型: 'Models rebuilt',
  '数据仓库正被导入或构建任务写入，暂时只显示当前构建的记录；任务结束后刷新即可看到完整历史。':
    'An ingest or a build is writing the warehouse: only the current build’s records are shown; ' +
    'reload when it has finished to see the full history.',
  '尚未导入任何数据。': 'No data has been ingested yet.',
  构建历史: 'Build history',
  构建: 'Build',
  数据截至: 'Data as of',
  开始: 'Started',
  用时: 'Duration',
  说明: 'Message',
  '（当前）': ' (current)',
  '数据检验（当前构建）': 'Data tests (current build)',
  检验: 'Test',
  模型: 'Model',
  阻断: 'Blocking',
  不符行数: 'Failing rows',
  '模型（当前构建）': 'Models (current build)',
  物化方式: 'Materialised as',
  本次: 'This build',
  行数: 'Rows',
  血缘关系: 'Lineage',
  '模型目录中还没有模型。': 'The model directory holds no models yet.',
  源表: 'Sources',
  标准化层: 'Staging',
  中间层: 'Intermediate',
  主题层: 'Marts',
  // 跟踪督办
  待办理: 'Pending',
  已办结: 'Done',
  已逾期: 'Overdue',
  告知: 'Notice',
  约谈: 'Interview',
  培训: 'Training',
  牵头处置: 'Lead',
  统筹协调: 'Coordinator',
  筛查通报: 'Screening report',
  全部通报: 'All reports',
  全部筛查通报: 'All screening reports',
  '导出 CSV': 'Export CSV',
  '导出 Excel': 'Export Excel',
  '导出办结情况 CSV': 'Export completion CSV',
  '导出办结情况 Excel': 'Export completion Excel',
  '没有交办事项。': 'Nothing assigned.',
  '尚未印发筛查通报，没有交办事项。': 'No screening report has been issued yet: nothing assigned.',
  通报: 'Report',
  职责: 'Duty',
  要求措施: 'Measure required',
  办结期限: 'Due',
  已采取措施: 'Measure taken',
  更新: 'Update',
  登记措施: 'Record a measure',
  交办事项: 'Assigned',
  各部门办结情况: 'Completion by department',
  交办: 'Assigned',
  办结率: 'Completion rate',
  当前状态: 'Status',
  采取的措施: 'Measure taken',
  办理日期: 'Date of action',
  办理情况: 'What was done',
  保存: 'Save',
  返回: 'Back',
  // Users (admin)
  用户管理: 'Users',
  修改角色: 'Change role',
  重置密码: 'Reset password',
  确认删除: 'Confirm removal',
  删除: 'Remove',
  新增用户: 'Add a user',
  创建日期: 'Created',
  'API 令牌': 'API tokens',
  部门用户必填: 'Required for department users',
  '（非部门用户）': '(not a department user)',
  '初始密码（留空则自动生成）': 'First password (left empty: generated)',
  '新密码（仅显示这一次）': 'New password (shown this once only)',
  '每项修改都记入审计日志。命令行：sentinel user add|list|remove|passwd|role|token。':
    'Every change is recorded in the audit log. Command line: sentinel user add|list|remove|passwd|role|token.',
  // 表头映射 (dashboards/headers)
  表头映射: 'Header mapping',
  未能推断: 'No proposal',
  按取值: 'By its values',
  按列名: 'By its name',
  列名相近: 'the name resembles a known header',
  字段: 'Field',
  '适用文件（可选）': 'Files (optional)',
  确认映射: 'Confirm mapping',
  已退回: 'refused',
  已映射到: 'Mapped to',
  列名: 'Header',
  文件: 'Files',
  样例值: 'Sample values',
  推断字段: 'Proposed field',
  确认: 'Confirm',
  '尚未读到未知列名。': 'No unknown header seen yet.',
  已确认映射: 'Mapping confirmed',
  '其中的值是通过 GB 32100 校验的 18 位统一社会信用代码': 'its values are 18-character USCCs passing GB 32100',
  '其中的值形如文书号（〔年份〕…号）': 'its values look like document numbers ([year] … No.)',
  其中的值是日期: 'its values are dates',
  // 核查 and 核查记录 (dashboards/check/)
  核查: 'Credit check',
  核查记录: 'Check records',
  核查用途: 'Purpose',
  请选择: 'Choose',
  '统一社会信用代码或名称（每行一个）': 'USCCs or names, one per line',
  '上传名单（.xlsx 或 .csv）': 'Upload a list (.xlsx or .csv)',
  上传并核查: 'Upload and check',
  '已反馈：仍予办理': 'Feedback given: granted anyway',
  仍予办理的理由: 'Why it was granted anyway',
  反馈: 'Feedback',
  粘贴的名单: 'Pasted list',
  核查结果: 'Check result',
  核查编号: 'Check number',
  未填写用途: 'No purpose given',
  核查主体: 'Subjects checked',
  限制办理: 'Restricted',
  审慎办理: 'Caution',
  正常办理: 'Clear',
  无法核查: 'Not resolved',
  '下载核查结果（Excel）': 'Download the result (Excel)',
  继续核查: 'Check more',
  序号: 'No.',
  核查内容: 'Subject as given',
  匹配方式: 'Matched by',
  核查结论: 'Verdict',
  名单与标记: 'Lists and flags',
  公示中的行政处罚: 'Public penalties',
  应采取的措施: 'Measures to apply',
  核查次数: 'Checks',
  核查部门: 'Checking departments',
  限制后仍予办理: 'Granted despite restriction',
  '各部门逐月核查情况（逢办必查）': 'Checks per department and month',
  '导出（Excel）': 'Export (Excel)',
  '尚无核查记录。': 'No checks recorded yet.',
  '（未设部门）': '(no department)',
  最近的核查: 'Recent checks',
  按统一社会信用代码: 'By USCC',
  按名称: 'By name',
  复核确认: 'Confirmed by review',
  名称对应多个主体: 'Name of several entities',
  未找到该名称: 'Name not found',
  代码无效: 'Invalid code',
  行政许可: 'Administrative licence',
  政府采购: 'Government procurement',
  财政资金: 'Public funds',
  评优评先: 'Honours and awards',
  // 搜索 (dashboards/search)
  搜索: 'Search',
  搜索企业: 'Search entities',
  名称或统一社会信用代码: 'Name or USCC',
  匹配: 'Match',
  代码前缀: 'USCC prefix',
  曾用名: 'Former name',
  不在登记库中: 'Not in the register',
  '没有找到匹配的主体。': 'No entity matches.',
  // 信用报告 (dashboards/credit-report)
  出具信用报告: 'Issue a credit report',
  信用报告: 'Credit report',
  专项信用报告: 'Special credit report',
  信用报告核验: 'Credit report verification',
  出具: 'Issue',
  已出具的信用报告: 'Credit reports issued',
  '尚未出具过信用报告。': 'No credit report issued yet.',
  报告编号: 'Report number',
  出具时间: 'Issued at',
  出具日期: 'Issued on',
  出具人: 'Issued by',
  出具机构: 'Issuing office',
  验证码: 'Verification code',
  '报告摘要（SHA-256）': 'Report digest (SHA-256)',
  'PDF 文件 SHA-256': 'PDF file SHA-256',
  'DOCX 文件 SHA-256': 'DOCX file SHA-256',
  下载: 'Download',
  '该验证码对应的信用报告确由以下机构出具。': 'A credit report with this verification code was issued by this office.',
  '未查询到该验证码：没有以此验证码出具的信用报告。':
    'Not found: no credit report was issued with this verification code.',
  '报告摘要应与报告上印的一致；文件的 SHA-256 可用 sha256sum 计算后比对。':
    'The report digest must equal the one printed on the report; compare a file with sha256sum.',
  // 收件箱 and 我的订阅 (lib/subscriptions/)
  收件箱: 'Inbox',
  标为已读: 'Mark read',
  已读: 'Read',
  未读: 'Unread',
  升级: 'Escalated',
  全部标为已读: 'Mark all read',
  共: 'total',
  我的订阅: 'My subscriptions',
  '暂无预警：新发布的构建中符合订阅的新增预警会送到这里。':
    'No warnings yet: the new warnings of each published build that match your subscription arrive here.',
  部门用户只接收本部门的预警: 'A department user receives its own department’s warnings only',
  '不选即接收全部部门；只对以部门为对象的预警（公示质量、督办逾期）起作用。':
    'None ticked means every department; applies to warnings about a department (publicity quality, follow-up).',
  '选择要接收的预警：每次发布新的构建后，符合订阅的新增预警进入收件箱，并按填写的邮箱发送每日预警摘要。':
    'Choose the warnings you receive: after each published build, its new warnings that match go to your inbox, and a daily digest to the e-mail address given.',
  订阅已保存: 'Subscription saved',
  '信用办始终接收督办逾期升级的预警。': 'The credit office always receives escalated follow-ups.',
  每日预警摘要: 'Daily warning digest',
  电子邮箱: 'E-mail address',
  '留空则不发送邮件，只进收件箱。': 'Leave empty for no e-mail: the inbox only.',
  保存订阅: 'Save subscription',
  '领导角色只读汇总数据，没有预警收件箱和订阅': 'Leaders read aggregates only: no warning inbox or subscriptions',
  等级: 'Level',
  // 名称匹配复核 (dashboards/name-review) and credit report revocation (dashboards/credit-report/revoke.ts)
  名称匹配复核: 'Name match review',
  '名称（报送）': 'Name (as delivered)',
  记录数: 'Records',
  相近名称建议: 'Similar-name suggestions',
  确认是同一主体: 'Same entity',
  不是同一主体: 'Not this entity',
  相似度: 'similarity',
  法人库相近名称: 'similar register name',
  相近曾用名: 'similar former name',
  法人库外记录中的名称: 'name on records outside the register',
  没有相近名称: 'No similar name',
  重点项目参建单位: 'Key project parties',
  '没有待复核的名称。': 'No names wait for review.',
  复核结论: 'Judgements',
  '尚无复核结论。': 'No judgements yet.',
  结论: 'Judgement',
  复核人: 'Reviewer',
  复核时间: 'Decided at',
  否定: 'Rejected',
  已确认: 'Confirmed',
  已否定: 'Rejected',
  生效: 'In force',
  '生效（不再提示）': 'In force (not suggested again)',
  '核查已按此回答；记录在下次构建后关联': 'Checks answer by it; records attach at the next build',
  撤销理由: 'Reason for revoking',
  撤销: 'Revoke',
  撤销信用报告: 'Revoke the credit report',
  撤销时间: 'Revoked at',
  撤销人: 'Revoked by',
  撤销日期: 'Revoked on',
  '撤销理由（必填）': 'Reason for revoking (required)',
  撤销报告: 'Revoke report',
  '核验页面显示该报告已撤销及撤销日期，不显示撤销人和理由。':
    'The verification page shows that the report was revoked and when, not by whom or why.',
  '撤销后，凭验证码核验时显示“已撤销”及撤销日期；报告的记录和文件保留。':
    'Once revoked, verifying its code shows “revoked” and the date; the record and files are kept.',
  '该信用报告已被出具机构撤销，不再有效。': 'The issuing office has revoked this credit report; it is no longer valid.',
  // 信用分级 (dashboards/grades) and the grade on profiles, checks and search
  信用分级: 'Credit grades',
  信用分级分类监管: 'Graded supervision by credit grade',
  信用分级明细: 'Credit grades of a cell',
  '← 返回信用分级': '← Back to credit grades',
  'C、D 级': 'Grades C and D',
  'D 级': 'Grade D',
  'A 级': 'Grade A',
  'B 级': 'Grade B',
  'C 级': 'Grade C',
  '、': ', ',
  最少在营主体: 'Minimum active entities',
  双随机抽查名单: 'Random-inspection list',
  '没有监管范围内的主体。': 'No entity is in the scope of a department.',
  '下载双随机抽查名单（XLSX）': 'Download the random-inspection list (XLSX)',
  '各行业门类在各乡镇（街道）的信用等级分布': 'Credit grades by sector and township',
  按行业门类: 'By sector',
  在营主体: 'Active entities',
  占比: 'share',
  '所示等级主体占比（%）': 'Share at the grades shown (%)',
  信用评价: 'Credit grade',
  信用等级: 'Credit grade',
  评分: 'Score',
  评价因素: 'Factors',
  分值: 'Points',
  依据: 'Evidence',
  '没有评价因素：按基础分评定。': 'No factor: graded at the base score.',
  信用等级下降: 'Credit grade dropped',
  '非在营主体，不评定信用等级。': 'Not an active entity: no credit grade.',
  经营异常名录: 'Abnormal operations list',
  轻微行政处罚: 'Minor administrative penalty',
  一般行政处罚: 'Ordinary administrative penalty',
  严重行政处罚: 'Serious administrative penalty',
  履行信用承诺: 'Kept credit commitment',
  水电气欠费: 'Utility arrears',
  纳税信用A级: 'Tax credit grade A',
  纳税信用B级: 'Tax credit grade B',
  纳税信用M级: 'Tax credit grade M',
  '公共信用综合评价：优': 'Public credit rating: excellent',
  '公共信用综合评价：良': 'Public credit rating: good',
  '公共信用综合评价：中': 'Public credit rating: medium',
  '公共信用综合评价：差': 'Public credit rating: poor',
  // 移出与修复, 政务诚信 (issue 14 §2, §4)
  移出与修复: 'Exits and repairs',
  政务诚信: 'Government integrity',
  已修复仍公示: 'Repaired, still published',
  严重失信名单期满已修复: 'Serious list: minimum served, repaired',
  逾期未移出: 'Overdue',
  待移出: 'To take down',
  已标记移出: 'Marked taken down',
  '已标记移出（下次构建计入）': 'Marked taken down (counted from the next build)',
  移出日期: 'Date taken down',
  备注: 'Note',
  标记已移出: 'Mark taken down',
  '没有符合条件的移出事项。': 'No item matches.',
  责任部门: 'Responsible department',
  起算日: 'Clock starts',
  应移出日期: 'Due',
  日历未覆盖: 'Calendar does not cover it',
  办理: 'Action',
  事项: 'Items',
  各部门办理情况: 'By department',
  移出事项: 'Items to take down',
  '公示期满、已信用修复仍在公示、严重失信名单期满且已修复的记录，由责任部门在时限内撤下并标记已移出。':
    'Records whose publication period ended, repaired records still published, and serious-list entries past their minimum period with a repair: the responsible department takes each down within the time limit and marks it.',
  机关: 'Government organ',
  事业单位: 'Public institution',
  失信被执行案件: 'Court cases',
  违诺: 'Broken commitments',
  欠费账户: 'Accounts in arrears',
  '本次构建没有存在失信被执行、违诺或欠费的政府机构。':
    'No government body is on the court list, has broken a commitment or is in arrears in this build.',
  '统一社会信用代码登记管理部门码和机构类别码为 11（机关）、12（事业单位）的主体：列入失信被执行人名单、违背信用承诺或拖欠水电燃气费用的，红色预警；失信被执行的政府机构动态清零（双清零）。':
    'Bodies whose USCC starts 11 (government organs) or 12 (public institutions): on the court dishonest-debtor list, with a broken commitment or utility arrears — a red warning; bodies on the court list are driven to zero (“double zero”).',
  '失信被执行的政府机构（目标 0）': 'Government bodies on the court list (target 0)',
  存在政务失信问题的政府机构: 'Government bodies with an integrity problem',
  移出修复与政务诚信指标: 'Exits, repairs and government integrity',
  '信用修复、名单退出和政务诚信的监测指标，目标见配置文件 supervision_indicators；不计入上方城市信用监测指标。':
    'Indicators of repairs, list exits and government integrity, with targets from supervision_indicators in the configuration; not among the city indicators above.',
  严重失信名单退出占比: 'Serious-list exit share',
  信用修复按时移出率: 'Repairs taken down in time',
  '失信被执行的政府机构数（双清零）': 'Government bodies on the court list (“double zero”)',
  是否达标: 'Met?',
  // 红黑榜 (issue 14 §3); the lists' own words are in lib/lists/labels.ts
  红黑榜: 'Red and black lists',
  红名单主体: 'On the red list',
  黑名单主体: 'On the black list',
  本月新列入: 'Entered this month',
  本月移出: 'Left this month',
  信用评分: 'Credit score',
  纳税信用A级年度: 'Year of the A tax grade',
  列入事由: 'Reasons',
  严重失信名单记录: 'Serious-list entries',
  列入与移出记录: 'Entered and left',
  榜单: 'List',
  变动: 'Change',
  原因: 'Why',
  '本月没有主体符合红名单条件。': 'No entity meets the red-list conditions this month.',
  '本月没有主体列入黑名单。': 'No entity is on the black list this month.',
  '近12个月没有列入或移出。': 'Nobody entered or left in the last 12 months.',
  '红名单：信用等级A级、三年内无失信事件、纳税信用A级且无名单记录的主体（守信激励）；黑名单：列入严重失信主体名单或屡禁不止的主体（失信惩戒）。每月按月末逐月认定，条件见配置文件 lists。':
    'Red list: entities with credit grade A, no counted event in three years, tax grade A and no list entry (rewarded for integrity); black list: entities on the serious-dishonesty list or persistent violators (disciplined). Judged month by month on each month’s last day; the conditions are in the configuration (lists).',
};

/**
 * The English of a UI string; own entries only, so a data value such as 'constructor' is never looked
 * up on Object.prototype.
 */
const english = (zh: string): string | undefined => (Object.hasOwn(EN, zh) ? EN[zh] : undefined);

export function t(lang: Lang, zh: string): string {
  return lang === 'en' ? (english(zh) ?? zh) : zh;
}

/** Counts: 万/亿 in Chinese, digit groups in English. */
export const count = (lang: Lang, n: number): string => (lang === 'en' ? n.toLocaleString('en-US') : chineseCount(n));

/** A date in running text: 2025年12月31日 in Chinese, the ISO date itself in English. */
export const dateText = (lang: Lang, iso: string): string => (lang === 'en' ? iso.slice(0, 10) : dateInProse(iso));

export function duration(lang: Lang, s: number): string {
  if (lang === 'zh')
    return s < 1
      ? `${Math.round(s * 1000)} 毫秒`
      : s < 60
        ? `${s.toFixed(1)} 秒`
        : `${Math.floor(s / 60)} 分 ${Math.round(s % 60)} 秒`;
  return s < 1
    ? `${Math.round(s * 1000)} ms`
    : s < 60
      ? `${s.toFixed(1)} s`
      : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Marks a data value (an entity's, a department's or a delivery's own text): never translated. */
export const v = (value: string | number | Html): Html => html`<span data-value>${value}</span>`;

/**
 * A label that may also be free text from data (a report's required measure, a domain a site added to
 * its reference file): translated when the dictionary knows it, otherwise shown as the data value it is.
 */
export const label = (lang: Lang, zh: string): Html | string =>
  lang === 'en' && english(zh) === undefined ? v(zh) : t(lang, zh);

/** The link that switches language: the same page and query, with ?lang= replaced. */
export function switchHref(url: string, to: Lang): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', to);
  return `${u.pathname}?${u.searchParams.toString()}`;
}

/**
 * The language of the request being answered, for the error page only: server/httpError.ts renders
 * errors without the request, so the language middleware runs the rest of the request inside this.
 */
export const requestLang = new AsyncLocalStorage<Lang>();

export interface Phrases {
  buildStamp(asOf: string, buildId: string): Html;
  who(name: string, role: string, department: string | null): Html;
  loginHint: Html;
  pageNotFound(path: string): string;
  // 总览
  overviewLead(active: number, fresh: number, atRisk: number): Html;
  warningsByLevel(total: number): string;
  eventsTrend(peak: { month: string; events: number } | undefined): string;
  // 行业热力图
  period(first: string, last: string): string;
  hottest(where: Html, rate: string, min: number): Html;
  countedEventsIn(period: string): string;
  heatmapHeading(view: 'township' | 'month'): string;
  heatmapNote(drill: boolean): string;
  topCells(n: number): string;
  allCells: Html;
  cellLead(enterprises: number, events: number): Html;
  // 信用监测指标
  indicatorsLead(total: number, met: number): Html;
  targetIs(comparator: string, value: string): string;
  target(value: string): string;
  // 双公示质量
  publicityLead(
    timely: string,
    timelyTarget: string,
    compliance: string,
    complianceTarget: string,
    month: string,
    below: number,
  ): Html;
  recordsIn(month: string): string;
  belowIn(month: string): string;
  // 违法主体
  violatorsLead(total: number, kind: string): Html;
  exportFilter: string;
  // issue 18 part B: counts that say what they count, empty states, the heatmap's controls and legend
  repeatRows(rows: number, entities: number): Html;
  noDataFor(what: string): string;
  judgedMonthNote(month: string): Html;
  heatmapLegend(min: number, measure: 'rate' | 'count'): string;
  // 预警
  warningsLead(active: number, fresh: number, ongoing: number, resolved: number): Html;
  levelWarnings(level: string): string;
  moreEvidence(n: number): string;
  // parts
  pageOf(page: number, pages: number, total: number): Html;
  // 重点项目
  projectsLead(total: number, red: number, orange: number): Html;
  levelProjects(level: string): string;
  projectsInColumn(n: number): string;
  signals(n: number): string;
  projectLead(badge: Html, signals: number, rest: Html): Html;
  // 企业信用画像 and 原始记录
  flagsLead(n: number, explanations: string): Html;
  basis(ids: Html): Html;
  timeline(n: number): string;
  fine(yuan: number): string;
  notCounted(reason: string): Html;
  fileRow(file: string, row: string): Html;
  rawLead(source: string, file: string, row: number): Html;
  recordLead(department: string, file: string, row: number, source: string): Html;
  // 运行与模型
  lineageError(error: string): Html;
  lineageHeading(nodes: number, edges: number): string;
  // 跟踪督办
  scope(reportNo: string, period: string, issued: string): Html;
  overdueElsewhere(link: (text: string) => Html, n: number): Html;
  listHeading(department: string): Html;
  listLead(scope: Html, assigned: number, done: number, overdue: number, date: string): Html;
  completionLead(scope: Html, assigned: number, rate: string, late: number, date: string): Html;
  recorded(name: string): Html;
  takenOn(measure: Html | string, date: string): Html;
  chooseMeasure(measures: readonly string[]): string;
  badActionDate(date: string): string;
  beforeReport(date: string): string;
  afterToday(date: string): string;
  noteTooLong(max: number): string;
}

const ZH: Phrases = {
  buildStamp: (asOf, id) =>
    html`数据截至 <time datetime="${asOf}">${dateInProse(asOf)}</time> · 构建 <code>${id}</code>`,
  who: (name, role, dept) => html`${name}（${role}${dept ? html` · ${dept}` : ''}）`,
  loginHint: html`账号由系统管理员用 <code>sentinel user add</code> 创建。`,
  pageNotFound: (path) => `页面 ${path} 不存在`,
  overviewLead: (active, fresh, atRisk) =>
    html`当前有效预警 <strong>${active}</strong> 条，其中本次构建新增 <strong>${fresh}</strong> 条；红色、橙色风险重点项目 <strong>${atRisk}</strong> 个。`,
  warningsByLevel: (total) => `预警按级别（共 ${total} 条，含已解除）`,
  eventsTrend: (peak) => `违法事件月度趋势${peak ? `：${peak.month} 最多（${peak.events} 起）` : ''}`,
  period: (a, b) => `${a} 至 ${b}`,
  hottest: (where, rate, min) =>
    html`最热的是 <strong>${where}</strong>：每百户在营企业 <strong>${rate}</strong> 起计入的违法事件（在营 ${min} 户以上的格子中）。`,
  countedEventsIn: (period) => `计入的违法事件（${period}）`,
  heatmapHeading: (view) =>
    `${view === 'township' ? '各行业门类在各乡镇（街道）' : '各行业门类逐月'}的每百户违法事件数`,
  heatmapNote: (drill) =>
    `GB/T 4754 门类；颜色越深，每百户在营企业计入的违法事件越多。${drill ? '点击格子打开该格的违法主体名单；下表的事件数链接到背后的企业。' : ''}`,
  topCells: (n) => `每百户事件最多的 ${n} 个格子`,
  allCells: html`全部格子见数据集 <a href="/api/v1/datasets/sector-heatmap?format=csv">sector-heatmap（CSV）</a>。`,
  cellLead: (e, n) => html`<strong>${e}</strong> 户企业共有 <strong>${n}</strong> 起计入的违法事件。`,
  indicatorsLead: (total, met) =>
    html`${total} 项指标中 <strong>${met}</strong> 项达标，<strong>${total - met}</strong> 项未达标。`,
  targetIs: (c, value) => `目标 ${c} ${value}`,
  target: (value) => `目标 ${value}`,
  publicityLead: (tr, tt, cr, ct, month, below) =>
    html`近一年上报及时率 <strong>${tr}</strong>（目标 ${tt}），合规率 <strong>${cr}</strong>（目标 ${ct}）；${month} 有 <strong>${below}</strong> 个部门未达标。`,
  recordsIn: (m) => `${m} 上报记录`,
  belowIn: (m) => `${m} 未达标部门`,
  violatorsLead: (total, kind) =>
    html`当前筛选下有 <strong data-total="${total}">${chineseCount(total)}</strong> 条${kind}记录。`,
  exportFilter: '导出当前筛选：',
  repeatRows: (rows, entities) =>
    html`按“主体 × 领域”计一行：共 <strong>${chineseCount(rows)}</strong> 行，涉及 <strong>${chineseCount(entities)}</strong> 户主体（总览计户数）。`,
  noDataFor: (what) => `${what} 无数据`,
  judgedMonthNote: (m) =>
    html`部门公示预警按 <a href="/publicity?month=${m}">${m}</a>（构建时点前最后一个完整月份）判定；默认显示该月排名。`,
  heatmapLegend: (min, measure) =>
    `${measure === 'rate' ? '颜色：每百户在营企业的违法事件数' : '颜色：计入的违法事件数'}；斜线格：无在营企业；白格：0 起事件；灰格：在营企业少于 ${min} 户，未着色。`,
  warningsLead: (a, n, o, r) =>
    html`有效预警 <strong>${a}</strong> 条：新增 <strong>${n}</strong>，持续 <strong>${o}</strong>，本次解除 <strong>${r}</strong>。`,
  levelWarnings: (level) => `${level}色预警`,
  moreEvidence: (n) => ` 等 ${n} 项`,
  pageOf: (p, n, total) => html`第 ${p} / ${n} 页，共 <strong data-total="${total}">${chineseCount(total)}</strong> 条`,
  projectsLead: (total, red, orange) =>
    html`${total} 个重点项目中，红色 <strong>${red}</strong> 个、橙色 <strong>${orange}</strong> 个。`,
  levelProjects: (level) => `${level}色风险项目`,
  projectsInColumn: (n) => `${n} 个`,
  signals: (n) => `${n} 个信号`,
  projectLead: (badge, n, rest) => html`${badge} 风险，${n} 个信号 · ${rest}`,
  flagsLead: (n, ex) => html`<strong>${n}</strong> 项失信标记：<span data-value>${ex}</span>`,
  basis: (ids) => html`（依据：${ids}）`,
  timeline: (n) => `违法事件时间线（${chineseCount(n)} 起，实心为计入）`,
  fine: (yuan) => `，罚款 ${chineseCount(yuan)} 元`,
  notCounted: (reason) => html`不计入（${reason}）`,
  fileRow: (file, row) => html`<span data-value>${file}</span> 第 ${row} 行`,
  rawLead: (source, file, row) =>
    html`${source}：<strong data-value>${file}</strong> 第 <strong data-row="${row}">${row}</strong> 行。`,
  recordLead: (dept, file, row, source) =>
    html`<span data-value>${dept}</span> 报送的 <strong data-value>${file}</strong> 第 <strong data-row="${row}">${row}</strong> 行（${source}）。`,
  lineageError: (e) => html`无法读取模型目录：${e}`,
  lineageHeading: (n, e) => `血缘关系：${n} 个节点，${e} 条依赖`,
  scope: (no, period, issued) => html`<span data-value>${no}（${period}，${issued}印发）</span>`,
  overdueElsewhere: (link, n) => html`往期通报另有 ${link(`${n} 项逾期未办`)}。`,
  listHeading: (d) => html`跟踪督办 · ${d}`,
  listLead: (scope, a, d, o, date) =>
    html`${scope}交办本部门 <strong>${a}</strong> 项，已办结 <strong>${d}</strong> 项，逾期未办 <strong>${o}</strong> 项（按 ${date} 计）。`,
  completionLead: (scope, a, rate, late, date) =>
    html`${scope}共交办 <strong>${a}</strong> 项，办结率 <strong>${rate}</strong>；<strong>${late}</strong> 个部门有逾期未办事项（按 ${date} 计）。`,
  recorded: (name) => html`已登记 ${name} 的办理情况`,
  takenOn: (m, d) => html`${m}（${d}）`,
  chooseMeasure: (ms) => `请选择采取的措施：${ms.join('、')}`,
  badActionDate: (d) => `办理日期“${d}”不是有效日期（YYYY-MM-DD）`,
  beforeReport: (d) => `办理日期不能早于通报日期 ${d}`,
  afterToday: (d) => `办理日期不能晚于今天 ${d}`,
  noteTooLong: (n) => `办理情况不能超过 ${n} 字`,
};

const EN_PHRASES: Phrases = {
  buildStamp: (asOf, id) => html`Data as of <time datetime="${asOf}">${asOf}</time> · build <code>${id}</code>`,
  who: (name, role, dept) =>
    html`<span data-value>${name}</span> (${role}${dept ? html` · <span data-value>${dept}</span>` : ''})`,
  loginHint: html`Accounts are created by the administrator with <code>sentinel user add</code>.`,
  pageNotFound: (path) => `There is no page ${path}`,
  overviewLead: (active, fresh, atRisk) =>
    html`<strong>${active}</strong> active warnings, <strong>${fresh}</strong> of them new in this build; <strong>${atRisk}</strong> key projects at red or orange risk.`,
  warningsByLevel: (total) => `Warnings by level (${total} in all, resolved included)`,
  eventsTrend: (peak) => `Violation events by month${peak ? `: most in ${peak.month} (${peak.events})` : ''}`,
  period: (a, b) => `${a} to ${b}`,
  hottest: (where, rate, min) =>
    html`The hottest is <strong>${where}</strong>: <strong>${rate}</strong> counted violation events per 100 active enterprises (among cells with at least ${min} active enterprises).`,
  countedEventsIn: (period) => `Counted violation events (${period})`,
  heatmapHeading: (view) =>
    `Violation events per 100 enterprises, by sector and ${view === 'township' ? 'township' : 'month'}`,
  heatmapNote: (drill) =>
    'GB/T 4754 sections; the darker, the more counted violation events per 100 active enterprises.' +
    (drill
      ? ' Click a cell to open its violators list; the event counts in the table below link to the enterprises behind them.'
      : ''),
  topCells: (n) => `The ${n} cells with the most events per 100 enterprises`,
  allCells: html`Every cell is in the dataset <a href="/api/v1/datasets/sector-heatmap?format=csv">sector-heatmap (CSV)</a>.`,
  cellLead: (e, n) => html`<strong>${e}</strong> enterprises with <strong>${n}</strong> counted violation events.`,
  indicatorsLead: (total, met) =>
    html`Of ${total} indicators, <strong>${met}</strong> meet their target and <strong>${total - met}</strong> do not.`,
  targetIs: (c, value) => `target ${c} ${value}`,
  target: (value) => `target ${value}`,
  publicityLead: (tr, tt, cr, ct, month, below) =>
    html`Reporting timeliness over the last 12 months <strong>${tr}</strong> (target ${tt}), compliance <strong>${cr}</strong> (target ${ct}); <strong>${below}</strong> departments below target in ${month}.`,
  recordsIn: (m) => `Records reported in ${m}`,
  belowIn: (m) => `Departments below target in ${m}`,
  violatorsLead: (total, kind) =>
    html`<strong data-total="${total}">${total.toLocaleString('en-US')}</strong> records of ${kind.toLowerCase()} under the current filter.`,
  exportFilter: 'Export the current filter: ',
  repeatRows: (rows, entities) =>
    html`One row per entity and domain: <strong>${rows.toLocaleString('en-US')}</strong> rows, <strong>${entities.toLocaleString('en-US')}</strong> entities (the overview counts entities).`,
  noDataFor: (what) => `No data for ${what}`,
  judgedMonthNote: (m) =>
    html`Department publicity warnings judge <a href="/publicity?month=${m}">${m}</a> (the last whole month before the build); its ranking is shown by default.`,
  heatmapLegend: (min, measure) =>
    `${measure === 'rate' ? 'Colour: violation events per 100 active enterprises' : 'Colour: counted violation events'}; hatched: no active enterprises; white: 0 events; grey: fewer than ${min} active enterprises, not shaded.`,
  warningsLead: (a, n, o, r) =>
    html`<strong>${a}</strong> active warnings: <strong>${n}</strong> new, <strong>${o}</strong> ongoing; <strong>${r}</strong> resolved in this build.`,
  levelWarnings: (level) => `${level} warnings`,
  moreEvidence: (n) => ` and more (${n} in all)`,
  pageOf: (p, n, total) =>
    html`Page ${p} of ${n}, <strong data-total="${total}">${total.toLocaleString('en-US')}</strong> rows`,
  projectsLead: (total, red, orange) =>
    html`Of ${total} key projects, <strong>${red}</strong> are red and <strong>${orange}</strong> orange.`,
  levelProjects: (level) => `${level} risk projects`,
  projectsInColumn: (n) => `${n}`,
  signals: (n) => `${n} signal${n === 1 ? '' : 's'}`,
  projectLead: (badge, n, rest) => html`${badge} risk, ${n} signal${n === 1 ? '' : 's'} · ${rest}`,
  flagsLead: (n, ex) => html`<strong>${n}</strong> dishonesty flags: <span data-value lang="zh-CN">${ex}</span>`,
  basis: (ids) => html` (based on ${ids})`,
  timeline: (n) => `Violation events over time (${n}; filled ones count)`,
  fine: (yuan) => `, fine ${yuan.toLocaleString('en-US')} yuan`,
  notCounted: (reason) => html`Not counted (${reason})`,
  fileRow: (file, row) => html`<span data-value>${file}</span> row ${row}`,
  rawLead: (source, file, row) =>
    html`${source}: <strong data-value>${file}</strong> row <strong data-row="${row}">${row}</strong>.`,
  recordLead: (dept, file, row, source) =>
    html`Row <strong data-row="${row}">${row}</strong> of <strong data-value>${file}</strong> delivered by <span data-value>${dept}</span> (${source}).`,
  lineageError: (e) => html`Cannot read the model directory: <span data-value>${e}</span>`,
  lineageHeading: (n, e) => `Lineage: ${n} nodes, ${e} dependencies`,
  scope: (no, period, issued) => html`<span data-value>${no}</span> (${period}, issued ${issued})`,
  overdueElsewhere: (link, n) => html`Earlier reports have ${link(`${n} more overdue`)}.`,
  listHeading: (d) => html`Follow-up · <span data-value>${d}</span>`,
  listLead: (scope, a, d, o, date) =>
    html`${scope}: <strong>${a}</strong> assigned to this department, <strong>${d}</strong> done, <strong>${o}</strong> overdue (as of ${date}).`,
  completionLead: (scope, a, rate, late, date) =>
    html`${scope}: <strong>${a}</strong> assigned, completion rate <strong>${rate}</strong>; <strong>${late}</strong> departments have overdue items (as of ${date}).`,
  recorded: (name) => html`Recorded the action on <span data-value>${name}</span>`,
  takenOn: (m, d) => html`${m} (${d})`,
  chooseMeasure: (ms) => `Choose the measure taken: ${ms.map((m) => english(m) ?? m).join(', ')}`,
  badActionDate: (d) => `The date of action “${d}” is not a valid date (YYYY-MM-DD)`,
  beforeReport: (d) => `The date of action cannot be before the report date ${d}`,
  afterToday: (d) => `The date of action cannot be after today, ${d}`,
  noteTooLong: (n) => `What was done can be at most ${n} characters`,
};

export const say = (lang: Lang): Phrases => (lang === 'en' ? EN_PHRASES : ZH);
