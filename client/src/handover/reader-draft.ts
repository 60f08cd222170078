/**
 * A draft's text in the reader's language. The server drafts in English (the API's
 * language); a Chinese floor's lead would otherwise start the log (article 80) by
 * translating it. The page redrafts from the same prefill with the same composer
 * (shared/handover-draft.ts), in Chinese, with each alert's rule in the catalogue's words.
 */
import type { Handover, HandoverField, HandoverPrefill } from '../../../shared/handover.js';
import { draftFields, draftLines, englishDraftStyle, type DraftLine, type DraftStyle, type DraftWords } from '../../../shared/handover-draft.js';
import { useLocale, useT, type T } from '../i18n/index.js';

function chineseWords(t: T): DraftWords {
  return {
    shift: (from, to, tz, teams) => `本班 ${from} 至 ${to}（${tz}），班组 ${teams}。`,
    calls: (offered, answered, abandoned, level) => `话务（全场）：呼入 ${offered}，接听 ${answered}，放弃 ${abandoned}` +
      (level === null ? '。' : `；服务水平 ${level}%。`),
    adherence: (percent) => `排班遵从率：${percent}%。`,
    alerts: (opened, resolved, stillOpen) => `告警：新增 ${opened} 条，其中已解决 ${resolved} 条；仍有 ${stillOpen} 条未处理。`,
    absent: (agents) => `缺勤（第 105.1 条）：${agents}。`,
    criticalHeader: '仍未处理的严重告警：',
    critical: (a, title) => `- ${title}（第 ${a.article} 条）`,
    openIssue: (a, title, opened) => `- [${t(`severity.${a.severity}`)}] ${title}（第 ${a.article} 条；发生于 ${opened}，${t(`alert.status.${a.status}`)}）`,
    rule: (rule, n) => `- ${t(`rule.${rule}`)}：${n} 条`,
  };
}

/** How the reader's draft is worded: the server's English, or Chinese from the catalogues (same times). */
function useStyle(): (tz: string | undefined) => DraftStyle {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (tz) => {
    const english = englishDraftStyle(tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
    return locale === 'en' ? english : { ...english, words: chineseWords(t), title: (a) => t(`rule.${a.rule}`) };
  };
}

/** The draft's fields as the reader should first see them: redrafted in Chinese, or the server's English as it is. */
export function useReaderDraft(): (draft: Handover, tz: string | undefined) => Record<HandoverField, string> {
  const locale = useLocale((s) => s.locale);
  const style = useStyle();
  return (draft, tz) => {
    if (locale === 'en' || draft.status !== 'draft') return draft.fields;
    return draftFields(draft.prefill, draft.teamIds, style(tz));
  };
}

/**
 * A prefill's draft line by line in the reader's language: what the page compares the
 * lead's text with when fresher figures come (shared/handover-draft.ts: redraftFields).
 */
export function useReaderDraftLines(): (prefill: HandoverPrefill, teamIds: readonly string[], tz: string | undefined) => Record<HandoverField, DraftLine[]> {
  const style = useStyle();
  return (prefill, teamIds, tz) => draftLines(prefill, teamIds, style(tz));
}
