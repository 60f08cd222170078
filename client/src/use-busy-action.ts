/**
 * The state of one button's request (delete, resend, send a test): busy while it runs, so
 * the button is disabled and a double click sends once; and the refusal in the server's
 * words when it fails, to show beside the button. What follows a success goes inside the
 * action, so it happens only then.
 */
import { useState } from 'react';
import { messageOf } from './api.js';

export interface BusyAction {
  busy: boolean;
  error: string | null;
  run(action: () => Promise<void>): Promise<void>;
}

export function useBusyAction(): BusyAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
