/**
 * A schedule file's row problems in the reader's language (shared/schedule-problems.ts):
 * a planner reads the whole list to fix the file. The English is the server's own
 * templates, made sentences; only the Chinese is written here.
 */
import { SCHEDULE_PROBLEMS, type BreakPart, type ScheduleProblemCode } from '../../../shared/schedule-problems.js';
import { sentence } from '../sentence.js';
import { addMessages, keyed } from './index.js';

const SCHEDULE_PROBLEMS_ZH: Record<ScheduleProblemCode, string> = {
  required: '必填。',
  notADate: '“{text}”不是日期（格式：YYYY-MM-DD）。',
  notACalendarDate: '{text} 不是存在的日期。',
  notATime: '“{text}”不是时间（写作 HH:MM，按中心当地时间；或 HH:MM+08:00；或带时区的完整 ISO 8601 时间）。',
  notATimeOfDay: '“{text}”不是一天中的有效时刻。',
  notPlaceable: '{date} {time} 无法换算为具体时间。',
  notADateTime: '“{text}”不是日期加时间。',
  notAValidTime: '“{text}”不是有效的时间。',
  dateRequired: '只写了时刻“{text}”时必须填写日期（或写带时区的完整 ISO 8601 时间）。',
  sameAsStart: '“{text}”与开始时间相同。',
  notWithinADay: '“{text}”不在开始时间之后的一天之内。',
  notEpochMs: '毫秒时间戳必须是大于等于 0 的整数。',
  notABreak: '“{text}”不是休息时段（写作 HH:MM-HH:MM break 或 HH:MM-HH:MM meal，多个时段用 ; 分隔）。',
  notABreakKind: '“{kind}”不是休息类型（break 或 meal）。',
  breakOutsideShift: '休息时段 {start}-{end} 不在班次 {shiftStart}-{shiftEnd} 之内。',
  agentSameStart: '坐席 {who} 与第 {row} 条的开始时间相同（重复排班）。',
  leadSameStart: '值班长 {who} 与第 {row} 条的开始时间相同（重复排班）。',
  agentOverlap: '坐席 {who} 已有排班 {date} {start}-{end}（第 {row} 条），时间重叠。',
  leadOverlap: '值班长 {who} 已有值班 {date} {start}-{end}（第 {row} 条），时间重叠。',
  endNotAfterStart: '结束时间必须晚于开始时间。',
  breakEndNotAfterStart: '休息的结束时间必须晚于开始时间。',
  breaksOutsideShift: '每个休息时段都必须在班次之内。',
  empty: '不能为空。',
  tooLong: '最多 200 个字符。',
  noTeams: '值班长至少要负责一个班组。',
  accountTooLong: '最多 64 个字符。',
  tooManyBreaks: '一个班次最多 20 个休息时段。',
  tooManyTeams: '最多 100 个班组。',
  notAList: '必须是列表。',
  notAMapping: '必须是键值映射。',
  notText: '必须是文本。',
  notANumber: '必须是数字。',
  notOneOf: '必须是以下之一：{options}。',
  invalidValue: '取值无效：{detail}',
  notCsv: '无法按 CSV 读取：{detail}',
  headerMissing: '缺少表头行（{columns}）。',
  unknownColumn: '未知的列（可用的列：{columns}）。',
  columnTwice: '此列出现了两次。',
  columnMissing: '缺少必填的列。',
  tooManyValues: '这一行有 {values} 个值，但只有 {columns} 列。',
  notARowKind: '“{kind}”既不是 shift（班次）也不是 lead（值班长值班）。',
  onlyLeadRows: '只有 lead（值班长值班）行才有 {column} 列。',
  onlyShiftRows: '只有 shift（班次）行才有 {column} 列。',
  notJson: '不是有效的 JSON：{detail}',
  notYaml: '不是有效的 YAML：{detail}',
  unknownTopKey: '未知的顶层键 {key}（排班文件只有 shifts 和 leads）。',
  notASchedule: '{detail}（排班文件应是包含 shifts 和 leads 列表的对象）。',
  fileNotAMapping: '排班文件应是包含 shifts 和 leads 列表的键值映射。',
  sectionNotAList: '{key} 必须是由各项组成的列表。',
  unknownKey: '未知的键。',
  notTextOrNumber: '必须是文本或数字。',
  notAnItem: '每一项都必须是键值映射（agent、start、end 等）。',
  emptyFile: '文件中没有任何班次或值班长值班。',
};

const PARTS: Record<'zh-CN' | 'en', Record<BreakPart, string>> = {
  'zh-CN': { breakStart: '休息开始时间：', breakEnd: '休息结束时间：' },
  en: { breakStart: 'Break start: ', breakEnd: 'Break end: ' },
};

addMessages({
  'zh-CN': { ...keyed('schedule.problem', SCHEDULE_PROBLEMS_ZH), ...keyed('schedule.problemPart', PARTS['zh-CN']) },
  en: { ...keyed('schedule.problem', SCHEDULE_PROBLEMS, sentence), ...keyed('schedule.problemPart', PARTS.en) },
});
