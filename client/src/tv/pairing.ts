/**
 * A TV with no device token: ask for a pairing code, show it, and poll (with the secret
 * poll token only this TV holds) until an admin has entered it. Then the token is handed
 * over, once. An expired code is replaced by a new one without anyone touching the TV;
 * a server that cannot be reached is retried, with the reason on screen.
 */
import { api, ApiError, messageOf } from '../api.js';

export interface PairingTicket {
  id: string;
  code: string;
  pollToken: string;
  expiresAt: number;
}

interface PairPoll {
  status: 'pending' | 'paired' | 'expired';
  deviceToken?: string;
}

export interface PairingEvents {
  onCode(ticket: PairingTicket): void;
  /** Null once the server answers again. */
  onTrouble(message: string | null): void;
  onPaired(deviceToken: string): void;
}

export const POLL_MS = 3_000;
/** After a failed request for a code: the server limits those per address, so not too eagerly. */
const RETRY_MS = 10_000;

/** Starts pairing; returns the function that stops it (the page went away). */
export function startPairing(events: PairingEvents): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (work: () => Promise<void>, ms: number) => {
    if (!stopped) timer = setTimeout(() => void work(), ms);
  };
  /** A 429's Retry-After wins over our own pace. */
  const waitAfter = (err: unknown, ms: number) => (err instanceof ApiError && err.retryAfterSeconds !== undefined
    ? Math.max(ms, err.retryAfterSeconds * 1000) : ms);

  async function requestCode(): Promise<void> {
    try {
      const ticket = await api.post<PairingTicket>('/api/v1/tv/pair-requests');
      if (stopped) return;
      events.onTrouble(null);
      events.onCode(ticket);
      later(() => poll(ticket), POLL_MS);
    } catch (err) {
      if (stopped) return;
      events.onTrouble(messageOf(err));
      later(requestCode, waitAfter(err, RETRY_MS));
    }
  }

  async function poll(ticket: PairingTicket): Promise<void> {
    try {
      const answer = await api.get<PairPoll>(
        `/api/v1/tv/pair-requests/${encodeURIComponent(ticket.id)}`, { 'x-poll-token': ticket.pollToken },
      );
      if (stopped) return;
      events.onTrouble(null);
      if (answer.status === 'paired' && answer.deviceToken !== undefined) {
        events.onPaired(answer.deviceToken);
      } else if (answer.status === 'pending') {
        later(() => poll(ticket), POLL_MS);
      } else {
        // Expired; or paired, but the token was collected before (by another tab of this
        // TV, or an answer lost on the way): either way only a new code can help.
        await requestCode();
      }
    } catch (err) {
      if (stopped) return;
      events.onTrouble(messageOf(err));
      later(() => poll(ticket), waitAfter(err, POLL_MS));
    }
  }

  void requestCode();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
