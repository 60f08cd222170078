/**
 * Refusals in the reader's language: the server's problem codes (shared/problems.ts) and
 * password problems (shared/password-problems.ts), and what the page says itself when the
 * server cannot be reached or answers without a reason. The English is the server's own
 * templates, made sentences; only the Chinese is written here.
 */
import { MIN_PASSWORD_LENGTH, PASSWORD_PROBLEMS, type PasswordProblemCode } from '../../../shared/password-problems.js';
import { PROBLEMS, type ProblemCode } from '../../../shared/problems.js';
import { sentence } from '../sentence.js';
import { addMessages, keyed } from './index.js';

const PROBLEMS_ZH: Record<ProblemCode, string> = {
  invalidField: '“{field}”填写有误：{detail}',
  bodyNotJson: '请求内容不是有效的 JSON。',
  notFound: '找不到所请求的内容。',
  internal: '服务器内部出错。请重试；如果问题持续，请联系管理员。',
  storageUnavailable: '数据库暂时无法应答（{what}），请稍后重试。',
  starting: '系统正在启动并重建现场状态，请稍后再试。',
  tooManyRequests: '请求过于频繁，请稍后再试。',
  signInRequired: '请先登录。',
  wrongCredentials: '用户名或密码错误。',
  signInLocked: '登录失败次数过多，请稍后再试。',
  changePasswordFirst: '请先修改密码。',
  passwordNotChanged: '密码未修改。',
  roleNotAllowed: '您的角色无权执行此操作。',
  csrf: '安全校验未通过，请刷新页面后重试。',
  pairCodeUnknown: '没有电视屏显示此代码（可能已过期）。',
  displayAlreadyPaired: '这台电视屏已经配对。',
  commandNotAllowed: '您的角色无权执行此操作。',
  notYourTeam: '这不是您负责的班组。',
  alertNotOpen: '告警 {alertId} 已不在处理中（不存在或已解决）。',
  alertAlreadyAcknowledged: '告警 {alertId} 已由 {by} 确认。',
  alertAlreadyFalseAlarm: '告警 {alertId} 已由 {by} 判定为误报。',
  alertAtTopLevel: '告警 {alertId} 已在部门经理处，无法再上报。',
  escalateToOwnLevel: '上报只会把告警交给你自己这一级：请直接确认。',
  alertNotVisible: '没有您可查看的、此编号的未关闭告警。',
  agentNotOnFloor: '今天您的现场没有坐席 {agentId}。',
  holdRuleOff: '通话保持审批规则未启用。',
  callNotOnHold: '通话 {callId} 当前不在保持状态。',
  holdApprovalTooShort: '通话 {callId} 已保持 {heldSeconds} 秒，允许的保持总时长（{seconds} 秒）须超过这一时长。',
  agentUnknown: '坐席 {agentId} 既不在现场，也不在排班中。',
  notApplied: '操作未能执行，请重试。',
  ownerChanged: '该操作在主节点切换前已执行；请刷新页面查看结果。',
  handoverBlocked: '第 81 条：存在未解决的异常时不得交接；以下紧急告警仍未关闭：{alerts}',
  handoverDraftRole: '只有值班长、现场主管和部门经理可以起草交接。',
  handoverWriters: '只有值班长和现场主管可以提交和确认交接。',
  handoverReaders: '无权查看：交接记录仅限管理员、现场主管、部门经理及相关班组的值班长查看。',
  notYourTeams: '以下班组不归您负责：{teams}',
  handoverConfirmed: '此交接已由 {by} 确认，不能再修改。',
  handoverAlreadyConfirmed: '此交接已由 {by} 确认。',
  handoverNotOutgoing: '只有排班表上的交班值班长或现场主管可以提交此交接。',
  handoverNotIncoming: '只有排班表上的接班值班长或现场主管可以确认此交接。',
  handoverNotFound: '找不到交接 {id}。',
  pointsReaders: '无权查看：积分仅限管理员、现场主管、部门经理及坐席所在班组的值班长查看。',
  pointsWriters: '只有现场主管或部门经理可以录入或冲销积分。',
  agentNotYours: '坐席 {agentId} 不在您负责的班组。',
  pointsFuture: '日期有误：积分记录的日期不能晚于现在。',
  pointsEntryNotFound: '找不到积分记录 {id}。',
  pointsEntryIsReversal: '记录 {id} 本身是对 {of} 的冲销，不能再冲销。',
  pointsEntryReversed: '记录 {id} 已被 {by} 冲销。',
  pointsQuarter: '季度格式有误：请写成 2026-Q4 这样的格式。',
  pointsChoice: '分值有误：此项（第 {article} 条）的分值须从 {choices} 中选择，请注明。',
  pointsFixed: '分值有误：按积分目录，此项（第 {article} 条）固定为 {points} 分。',
  pointsAgentUnknown: '工号有误：现场、排班和积分记录中都没有坐席 {agentId}，请核对。',
  feedTokenRequired: '需要数据源令牌（Authorization: Bearer <令牌>）。',
  feedTokenInvalid: '数据源令牌无效（已被吊销或输入有误）。',
  feedTokenNotBearer: 'Authorization 标头缺少 Bearer：应为“Authorization: Bearer <令牌>”。',
  scheduleFileProblems: '文件中有 {count} 处问题。',
  secretDestinationChanged: '目标服务器已更改，请重新输入“{field}”。',
  destinationForbidden: '“{field}”填写有误：{host} 是链路本地或云元数据地址，通知不会发送到这类地址。',
  ackLinkInvalid: '此确认链接无效（不完整或被修改过）。请使用消息中的原始链接。',
  ackLinkUsed: '此确认链接已经使用过。每个确认链接只能使用一次。',
  ackLinkExpired: '此确认链接已过期。请在看板上确认此告警。',
  ackLinkAccountGone: '此确认链接所属的账号（{account}）不存在或已停用。',
  ackLinkOtherAccount: '此确认链接是发给 {account} 的，而您当前以 {signedIn} 登录：请以 {account} 登录后再使用。',
  ackLinkPageStale: '此页面已过期（打开后登录状态有变化）。请重新打开确认链接。',
};

const PASSWORD_PROBLEMS_ZH: Record<PasswordProblemCode, string> = {
  tooShort: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`,
  initial: '请设置新密码，不要沿用发给您的一次性密码。',
  username: '密码中不要包含您的用户名。',
  name: '密码中不要包含您的姓名。',
  reused: '请选择一个以前没有用过的密码。',
  weak: '此密码太容易被猜到。请多加几个词或加长密码。',
  wrongCurrent: '当前密码不正确。',
  tooManyAttempts: '失败次数过多，请稍后再试。',
  'zxcvbn.straightRow': '键盘上连成一排的按键很容易被猜到，请改用词语。',
  'zxcvbn.keyPattern': '键盘图案很容易被猜到，请改用词语。',
  'zxcvbn.simpleRepeat': '“aaa”这样的重复字符很容易被猜到，请避免重复。',
  'zxcvbn.extendedRepeat': '“abcabc”这样的重复模式很容易被猜到，请避免重复。',
  'zxcvbn.sequences': '“abc”或“1234”这样的序列很容易被猜到，请避免使用。',
  'zxcvbn.recentYears': '近些年的年份很容易被猜到，请不要使用。',
  'zxcvbn.dates': '日期很容易被猜到，请不要使用。',
  'zxcvbn.topTen': '这是最常用的密码之一，请另选一个。',
  'zxcvbn.topHundred': '这是非常常用的密码，请另选一个。',
  'zxcvbn.common': '这是常用密码，请另选一个。',
  'zxcvbn.similarToCommon': '此密码与常用密码过于相似，请另选一个。',
  'zxcvbn.wordByItself': '单个词语很容易被猜到，请使用几个互不相关的词。',
  'zxcvbn.namesByThemselves': '单独的姓名很容易被猜到，请加上互不相关的词。',
  'zxcvbn.commonNames': '常见姓名很容易被猜到，请加上互不相关的词。',
  'zxcvbn.userInputs': '不要使用姓名、用户名等个人信息。',
  'zxcvbn.pwned': '此密码曾出现在数据泄露中，请另选一个。',
};

/** What the page says itself: no answer, or an answer without a reason. */
const CLIENT = {
  'zh-CN': {
    'problem.client.unreachable': '无法连接 Floorwatch 服务器。请检查网络，然后重试。',
    'problem.client.tooMany': '请求过于频繁，请稍等片刻再试。',
    'problem.client.gateway': 'Floorwatch 服务器没有响应（{status}），请稍后再试。',
    'problem.client.server': 'Floorwatch 服务器出现问题（{status}）。请重试；如果问题持续，请联系管理员。',
    'problem.client.refused': '请求被拒绝（{status}）。',
    'problem.client.unknown': '出现错误，请刷新页面后重试。',
  },
  en: {
    'problem.client.unreachable': 'Cannot reach the Floorwatch server. Check the network; trying again may help.',
    'problem.client.tooMany': 'Too many requests. Wait a little and try again.',
    'problem.client.gateway': 'The Floorwatch server is not answering ({status}). Try again in a moment.',
    'problem.client.server': 'The Floorwatch server had a problem ({status}). Try again; if it persists, tell your administrator.',
    'problem.client.refused': 'The request was refused ({status}).',
    'problem.client.unknown': 'Something went wrong. Reload the page and try again.',
  },
};

addMessages({
  'zh-CN': { ...keyed('problem', PROBLEMS_ZH), ...keyed('password.problem', PASSWORD_PROBLEMS_ZH), ...CLIENT['zh-CN'] },
  en: { ...keyed('problem', PROBLEMS, sentence), ...keyed('password.problem', PASSWORD_PROBLEMS), ...CLIENT.en },
});
