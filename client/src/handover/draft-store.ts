/**
 * The outgoing lead's unsent text, kept in this browser until it is submitted: a reload,
 * a closed tab or a lost session must not cost the lead what they typed into nine fields.
 * Beside it, the prefill it was drafted from (`basis`), so that when the page comes back
 * with fresher figures the lines drafted from the old ones can follow them.
 */
import type { HandoverField, HandoverPrefill } from '../../../shared/handover.js';
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

/** The prefill the kept text was drafted from (none in what older pages kept). */
export function loadDraftBasis(key: string): HandoverPrefill | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (raw === null || raw === undefined) return undefined;
    const basis = (JSON.parse(raw) as { basis?: unknown } | null)?.basis;
    return typeof basis === 'object' && basis !== null && typeof (basis as HandoverPrefill).calls === 'object' ? basis as HandoverPrefill : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, fields: Record<HandoverField, string>, basis?: HandoverPrefill): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(basis === undefined ? fields : { ...fields, basis }));
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
