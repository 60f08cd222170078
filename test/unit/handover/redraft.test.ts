/**
 * The drafted lines of a handover follow fresher figures (shared/handover-draft.ts), the
 * lead's own lines stay: what keeps the text saying what the data block beside it says.
 */
import { describe, expect, it } from 'vitest';
import type { HandoverAlertRef, HandoverPrefill } from '../../../shared/handover.js';
import { draftFields, draftLines, ENGLISH_DRAFT_WORDS, englishDraftStyle, redraftFields, type DraftStyle } from '../../../shared/handover-draft.js';
import { draftFields as serverDraft } from '../../../server/handover/prefill.js';

const style: DraftStyle = { words: ENGLISH_DRAFT_WORDS, tz: 'UTC', time: (ts) => new Date(ts).toISOString().slice(5, 16).replace('T', ' '), title: (a) => a.title };
const ref = (id: string, severity: HandoverAlertRef['severity']): HandoverAlertRef => ({
  id, rule: 'greeting', article: '61', severity, title: `Alert ${id}`, status: 'open', teamId: 'T1', openedAt: Date.UTC(2026, 10, 28, 9),
});
const prefill = (over: Partial<HandoverPrefill> = {}): HandoverPrefill => ({
  from: Date.UTC(2026, 10, 28, 4), to: Date.UTC(2026, 10, 28, 10), asOf: Date.UTC(2026, 10, 28, 9, 30),
  alertsOpened: 2, alertsResolved: 0, byRule: { greeting: 2 }, open: [ref('a', 'critical'), ref('b', 'warning')],
  calls: { offered: 93, answered: 88, abandoned: 3, serviceLevel: 0.9 }, adherencePercent: 97.5, absences: [], ...over,
});
const TEAMS = ['T1'];

describe('redraftFields', () => {
  const before = prefill();
  const after = prefill({
    asOf: Date.UTC(2026, 10, 28, 9, 40), alertsOpened: 3, byRule: { greeting: 3 },
    open: [ref('b', 'warning'), ref('c', 'warning')], calls: { offered: 95, answered: 91, abandoned: 3, serviceLevel: 0.91 },
  });
  const old = draftFields(before, TEAMS, style);

  it('replaces a field still as drafted with the fresher draft', () => {
    expect(redraftFields(old, draftLines(before, TEAMS, style), draftLines(after, TEAMS, style))).toEqual(draftFields(after, TEAMS, style));
  });

  it('in a field the lead edited: updates the drafted lines, drops the gone ones, adds the new, keeps the lead\'s', () => {
    const typed = {
      ...old,
      shiftStatus: `${old.shiftStatus}\nSystem outage 14:00-14:10.`,
      openIssues: `${old.openIssues}\nCard reader at S-04 broken.`,
    };
    const out = redraftFields(typed, draftLines(before, TEAMS, style), draftLines(after, TEAMS, style));
    expect(out.shiftStatus.split('\n')).toEqual([...draftFields(after, TEAMS, style).shiftStatus.split('\n'), 'System outage 14:00-14:10.']);
    expect(out.shiftStatus).toContain('95 offered, 91 answered, 3 abandoned');
    expect(out.openIssues.split('\n')).toEqual([
      '- [warning] Alert b (Opening greeting with the agent number, art. 61; opened 11-28 09:00, open)',
      'Card reader at S-04 broken.',
      '- [warning] Alert c (Opening greeting with the agent number, art. 61; opened 11-28 09:00, open)',
    ]);
    // The critical alert no longer open: the important events the draft wrote go with it.
    expect(out.importantEvents).toBe('');
  });

  it('leaves a line the lead rewrote as the lead wrote it', () => {
    const typed = { ...old, shiftStatus: old.shiftStatus.replace('93 offered', '93 offered (a quiet morning)') };
    const out = redraftFields(typed, draftLines(before, TEAMS, style), draftLines(after, TEAMS, style));
    expect(out.shiftStatus).toContain('93 offered (a quiet morning)');
    expect(out.shiftStatus).toContain('Alerts: 3 opened');
  });
});

describe('englishDraftStyle', () => {
  it('is the server\'s first draft: English words, alerts by their titles, times as MM-DD HH:mm in the centre\'s zone', () => {
    const english = englishDraftStyle('Asia/Shanghai');
    expect(english.time(Date.UTC(2026, 10, 28, 16, 5))).toBe('11-29 00:05');
    expect(draftFields(prefill(), TEAMS, english).shiftStatus).toMatch(/^Shift 11-28 12:00 – 11-28 18:00 \(Asia\/Shanghai\), teams T1\.\n/);
    expect(serverDraft(prefill(), TEAMS, 'Asia/Shanghai')).toEqual(draftFields(prefill(), TEAMS, english));
    expect(draftFields(prefill(), TEAMS, english).openIssues).toContain('- [critical] Alert a (Opening greeting with the agent number, art. 61; opened 11-28 17:00, open)');
  });
});
