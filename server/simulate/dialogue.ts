/**
 * What is said on a simulated call: banking topics per queue, each with the customer's
 * question, the agent's answers, the call type (话务类型) and notes recorded at wrap-up.
 * Plain text with a few `{slots}` (card tails, amounts, dates) filled per call, so
 * transcripts vary without a language model. Lines here follow the service policy; the
 * breaking lines (forbidden phrases, missing greeting...) are built in conversation.ts.
 */
import type { Random } from './random.js';

export type Speaker = 'agent' | 'customer';
export type Line = readonly [Speaker, string];

export interface Topic {
  callType: string;
  /** Wrap-up notes: what the customer wanted and what was done. */
  notes: string;
  opening: readonly string[];
  body: readonly Line[];
  /** Identity check before account details are given. */
  verify: boolean;
  /** What the agent looks up while the customer is on hold. */
  holdReason: string;
  /** Set when the answer may need a back office: the agent promises to call back about it. */
  callback?: string;
  /** Set when the matter may be urgent (fraud, a lost card used): the agent reports it upward. */
  urgent?: string;
}

const general: Topic[] = [
  {
    callType: '账户查询', notes: '客户查询借记卡余额及近期交易，已告知', verify: true, holdReason: '查询账户交易明细',
    opening: ['你好，我想查一下我卡里的余额。', '您好，我想问一下我尾号{tail}的卡最近有一笔扣款是什么。'],
    body: [
      ['agent', '已为您查询到，您尾号{tail}的借记卡当前可用余额为{amount}元。'],
      ['customer', '那{date}那笔{amount2}元的支出是什么？'],
      ['agent', '那一笔是快捷支付消费，商户是一家网络购物平台。'],
      ['customer', '哦，想起来了，是我自己买的东西。'],
    ],
  },
  {
    callType: '密码服务', notes: '客户手机银行登录密码遗忘，已指导自助重置', verify: false, holdReason: '确认重置流程',
    opening: ['我手机银行的登录密码忘了，怎么重置？', '你好，我的网银密码输错好几次被锁了。'],
    body: [
      ['agent', '您可以在手机银行登录页点击“忘记密码”，通过短信验证码和身份证信息进行重置。'],
      ['customer', '要是收不到验证码怎么办？'],
      ['agent', '请先确认预留手机号是否为当前使用的号码，如已更换，需要携带身份证到网点办理变更。'],
      ['customer', '好的，我先试一下。'],
    ],
  },
  {
    callType: '网点业务咨询', notes: '客户咨询网点营业时间及预约，已告知', verify: false, holdReason: '查询网点信息',
    opening: ['请问离人民广场最近的网点在哪里？周六营业吗？', '你好，我想去网点开户，需要预约吗？'],
    body: [
      ['agent', '人民广场附近的南京东路支行周六正常营业，时间是上午九点到下午五点。'],
      ['customer', '需要带什么材料？'],
      ['agent', '请携带本人有效身份证件，建议您通过手机银行提前预约取号，可以减少等候时间。'],
    ],
  },
  {
    callType: '转账汇款', notes: '客户反映跨行转账对方未到账，已核实交易状态', verify: true, holdReason: '核实转账状态',
    callback: '跨行转账的清算状态', urgent: '客户反映账户疑似被他人盗用转账，金额{amount}元，已建议冻结',
    opening: ['我昨天给别人转了{amount}元，钱扣了，对方说没收到。', '你好，我转账显示成功，但是收款人一直没到账。'],
    body: [
      ['agent', '查询到这笔跨行转账已由我行发出，目前在清算中。'],
      ['customer', '一般要多久能到？'],
      ['agent', '跨行转账一般在一到两个工作日内到账，如遇节假日会顺延。'],
    ],
  },
];

const cards: Topic[] = [
  {
    callType: '信用卡账单查询', notes: '客户查询本期账单金额及还款日，已告知', verify: true, holdReason: '查询账单明细',
    opening: ['我想问一下这个月信用卡账单多少，最后还款日是哪天？', '你好，我的信用卡账单好像不对，想核对一下。'],
    body: [
      ['agent', '您本期账单金额为{amount}元，最后还款日是{day}号。'],
      ['customer', '最低还款是多少？'],
      ['agent', '最低还款额为账单金额的百分之十，即{tenth}元，建议您全额还款以免产生利息。'],
    ],
  },
  {
    callType: '挂失业务', notes: '客户信用卡遗失，已办理临时挂失并告知补卡流程', verify: true, holdReason: '办理临时挂失',
    urgent: '客户信用卡遗失后发生{amount}元异常交易，疑似盗刷，已挂失',
    opening: ['我的信用卡丢了，要挂失！', '你好，我钱包被偷了，里面有你们的信用卡。'],
    body: [
      ['agent', '好的，已为您办理临时挂失，挂失立即生效，这张卡将无法再使用。'],
      ['customer', '那卡里的钱会不会被人刷掉？'],
      ['agent', '挂失后的交易不会成功，挂失前的交易如有异常，我们会协助您发起争议处理。'],
      ['customer', '补卡要多久？'],
      ['agent', '补卡大约需要七到十个工作日，新卡会寄到您的账单地址。'],
    ],
  },
  {
    callType: '额度调整', notes: '客户申请提高信用额度，已提交审核', verify: true, holdReason: '查询可调额度',
    callback: '额度调整的审核结果',
    opening: ['我想把信用卡额度提高一点，可以吗？', '你好，我下个月要出国，想临时提一下额度。'],
    body: [
      ['agent', '根据您的用卡情况，可以为您申请临时额度调整，有效期三十天。'],
      ['customer', '能提到多少？'],
      ['agent', '具体额度以审核结果为准，审核通过后会有短信通知。'],
    ],
  },
  {
    callType: '账单分期', notes: '客户咨询账单分期及手续费，已说明', verify: true, holdReason: '试算分期手续费',
    opening: ['这期账单能不能分期？手续费怎么算？', '我想把刚才那笔{amount}元的消费分期。'],
    body: [
      ['agent', '可以办理分期，分十二期每期手续费率为百分之零点六。'],
      ['customer', '那每个月要还多少？'],
      ['agent', '按{amount}元计算，每期本金加手续费大约{twelfth}元，确认后即可办理。'],
      ['customer', '好，帮我办吧。'],
    ],
  },
];

const loans: Topic[] = [
  {
    callType: '贷款还款咨询', notes: '客户查询本月房贷扣款情况，已告知', verify: true, holdReason: '查询还款计划',
    opening: ['我的房贷这个月扣款了吗？', '你好，我想确认一下这个月的贷款还款金额。'],
    body: [
      ['agent', '您本月的房贷已于{day}号成功扣款，金额为{amount}元。'],
      ['customer', '下个月还是这个金额吗？'],
      ['agent', '您选择的是等额本息，每月还款金额不变。'],
    ],
  },
  {
    callType: '提前还款', notes: '客户咨询提前还款条件及违约金，已说明', verify: true, holdReason: '试算提前还款金额',
    callback: '提前还款的预约名额',
    opening: ['我想提前还一部分房贷，怎么申请？', '你好，提前还款有没有违约金？'],
    body: [
      ['agent', '贷款满一年后可以申请部分提前还款，需要提前十五个工作日预约。'],
      ['customer', '要收违约金吗？'],
      ['agent', '满三年后提前还款不收取违约金，您的贷款已满三年。'],
    ],
  },
  {
    callType: '贷款申请进度', notes: '客户查询消费贷审批进度，已核实', verify: true, holdReason: '查询审批进度',
    callback: '贷款审批的进度',
    opening: ['我上周申请的消费贷到哪一步了？', '你好，我的贷款申请怎么还没有结果？'],
    body: [
      ['agent', '查询到您的申请目前处于审批阶段，材料已经齐全。'],
      ['customer', '大概什么时候能放款？'],
      ['agent', '审批通过后一般三个工作日内放款，届时会有短信通知。'],
    ],
  },
];

const vip: Topic[] = [
  {
    callType: '理财咨询', notes: '客户咨询理财产品到期续作，已介绍在售产品', verify: true, holdReason: '查询在售理财产品',
    callback: '新发理财产品的额度',
    opening: ['我有一笔理财下周到期，想了解一下有什么新产品。', '你好，我想买一点稳健型的理财。'],
    body: [
      ['agent', '目前在售的有一款一年期稳健型产品，业绩比较基准为年化百分之二点八。'],
      ['customer', '起购金额多少？'],
      ['agent', '起购金额为一万元，您可以通过手机银行或联系您的客户经理购买。'],
    ],
  },
  {
    callType: '大额转账', notes: '客户手机银行转账限额不足，已说明调整方式', verify: true, holdReason: '查询转账限额',
    urgent: '贵宾客户反映接到冒充公检法来电要求转账{amount}元，疑似诈骗',
    opening: ['我要转一笔两百万的款，手机银行限额不够。', '你好，我想临时提高一下转账限额。'],
    body: [
      ['agent', '您当前手机银行单日转账限额为五十万元，可以使用U盾提高限额，或到网点柜台办理。'],
      ['customer', '今天能办好吗？'],
      ['agent', '柜台可以当天办理，建议您提前联系客户经理预约。'],
    ],
  },
];

const TOPICS: Record<string, readonly Topic[]> = { general, cards, loans, vip };

/** Topics callers of a queue raise; a queue the simulator does not know gets the general ones. */
export function topicsFor(queue: string): readonly Topic[] {
  return TOPICS[queue] ?? general;
}

export const BANK_NAME = '安澜银行';

/** Fills `{slots}` with plausible values; each call gets its own amounts and dates. */
export function fill(text: string, slots: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
}

export function slotsFor(rng: Random): Record<string, string> {
  const amount = rng.int(2, 600) * 50;
  return {
    tail: rng.digits(4),
    amount: String(amount),
    amount2: String(rng.int(20, 2000)),
    tenth: String(Math.round(amount / 10)),
    twelfth: String(Math.round((amount / 12) * 1.006)),
    day: String(rng.int(1, 28)),
    date: `${rng.int(1, 12)}月${rng.int(1, 28)}日`,
  };
}

export const VERIFY: readonly Line[] = [
  ['agent', '为了核实您的身份，请提供一下身份证号码的后四位。'],
  ['customer', '是{idtail}。'],
  ['agent', '好的，身份已核实，感谢您的配合。'],
];

export const HOLD_ASK: Line = ['agent', '我帮您查询一下，需要您稍等片刻，可以吗？'];
export const HOLD_OK: Line = ['customer', '好的，你查吧。'];
export const HOLD_BACK: Line = ['agent', '不好意思让您久等了，感谢您的耐心等待。'];
/** Holding without asking (a breach): no question, no thanks afterwards. */
export const HOLD_CURT: Line = ['agent', '等一下。'];
export const HOLD_CURT_BACK: Line = ['agent', '查到了。'];

export const CALLBACK_PROMISE: readonly Line[] = [
  ['agent', '非常抱歉，关于{callback}，我需要向后台部门核实后才能答复您，核实后会尽快给您回电，请问这个号码可以联系到您吗？'],
  ['customer', '可以，就打这个号码。'],
  ['agent', '好的，我们会在半小时内回复您，给您添麻烦了。'],
];

export const CLOSING: readonly Line[] = [
  ['agent', '请问还有什么可以帮您？'],
  ['customer', '没有了，谢谢。'],
  ['agent', '感谢您的来电，稍后请您对我的服务进行评价，祝您生活愉快，再见！'],
];
/** A goodbye without the evaluation invitation (the survey-transfer breach). */
export const CLOSING_NO_SURVEY: readonly Line[] = [
  ['agent', '请问还有什么可以帮您？'],
  ['customer', '没有了。'],
  ['agent', '好的，再见。'],
];

/** An exasperated exchange the agent cuts off by hanging up first. */
export const CUT_OFF: readonly Line[] = [
  ['customer', '我都说了三遍了，你们到底能不能解决？'],
  ['agent', '我已经跟您解释过了。'],
  ['customer', '你这是什么态度？我要投诉！'],
];

/** A harassing caller: warned (art. 65), then released. */
export const HARASSMENT: readonly Line[] = [
  ['customer', '（辱骂）你们银行的人都是骗子！'],
  ['agent', '先生，请您文明用语，如果您继续辱骂，我将结束本次通话。'],
  ['customer', '（继续辱骂）'],
  ['agent', '很抱歉，由于您的不文明用语，本次通话将结束。'],
];
export const HARASSMENT_REPORT = '来电客户恶意辱骂，已按规定警告后挂断，请值班长知悉';

/** Lines a callback opens with after the outbound greeting. */
export const CALLBACK_CALL: readonly Line[] = [
  ['customer', '好的，你说。'],
  ['agent', '关于您之前咨询的{callback}，经后台核实，已经为您处理完毕。'],
  ['customer', '好的，明白了，谢谢。'],
  ['agent', '不客气，感谢您的耐心等待，祝您生活愉快，再见！'],
];

/** What a rule-breaking agent says with a forbidden phrase in it. */
export const FORBIDDEN_TAILS = ['这个您得自己去网点办理。', '系统就是这么规定的。', '您再等等看吧。'] as const;
