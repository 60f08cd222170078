/**
 * The centre's time zone (the rules file's `timezone`) for pages that have no floor link
 * to learn it from: asked once of `GET /api/v1/rules` and remembered for the page's life.
 * Until it is known (or if it cannot be asked), times are written in the browser's zone.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.js';

let known: string | undefined;
let asking: Promise<string | undefined> | undefined;

function ask(): Promise<string | undefined> {
  asking ??= api.get<{ timezone?: unknown }>('/api/v1/rules').then(
    (rules) => {
      known = typeof rules.timezone === 'string' && rules.timezone !== '' ? rules.timezone : undefined;
      return known;
    },
    () => {
      // Asked again by the next page that needs it.
      asking = undefined;
      return undefined;
    },
  );
  return asking;
}

export function useCentreZone(): string | undefined {
  const [tz, setTz] = useState(known);
  useEffect(() => {
    if (known !== undefined) return;
    let live = true;
    void ask().then((zone) => { if (live) setTz(zone); });
    return () => { live = false; };
  }, []);
  return tz;
}

/** Forgets the zone (tests). */
export function forgetCentreZone(): void {
  known = undefined;
  asking = undefined;
}
