/**
 * The outgoing lead's unsent text, kept in this browser until it is submitted: a reload,
 * a closed tab or a lost session must not cost the lead what they typed into nine fields.
 */
import type { HandoverField } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';

const PREFIX = 'floorwatch.handoverDraft:';

export function draftKey(h: { shiftChangeAt: number; teamIds: readonly string[] }): string {
  return `${PREFIX}${h.shiftChangeAt}:${[...h.teamIds].sort().join(',')}`;
}

export function loadDraft(key: string): Partial<Record<HandoverField, string>> | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (raw === null || raw === undefined) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const out: Partial<Record<HandoverField, string>> = {};
    for (const f of HANDOVER_FIELDS) {
      const v = (parsed as Record<string, unknown>)[f];
      if (typeof v === 'string') out[f] = v;
    }
    return out;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, fields: Record<HandoverField, string>): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(fields));
  } catch {
    // Storage full or blocked: the text is still in the form.
  }
}

export function forgetDraft(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // nothing kept
  }
}
