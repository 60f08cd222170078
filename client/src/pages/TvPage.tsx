/**
 * `/tv`: a wall display. It has no account and no session, only the device token it got
 * by pairing. With one it shows the floor, read-only, in rotating pages; without one, or
 * once the server refuses it (revoked, or unknown after a reset), it forgets it and
 * pairs again.
 *
 * Configured by its URL, since nobody touches a TV: `?pace=15` seconds per page,
 * `?lang=en` (or zh-CN, the default), `?page=agents` to start on a given page, `?teams=A,B`
 * for one section of the floor (a team the floor does not know is named on screen, with
 * what to fix: tv/scope.ts; a `?teams=` that names no team is refused, not the whole floor).
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { useLocale } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { queryParam, scopeTeams } from '../routes.js';
import { useFloorStore } from '../store/floor-store.js';
import type { LinkRefusal } from '../connection.js';
import { floorRefusalKind } from '../floor/refusal.js';
import { isStaffed, lastFloorDataAt, STALE_AFTER_MS } from '../store/freshness.js';
import { forgetDeviceToken, readDeviceToken, saveDeviceToken } from '../tv/device-token.js';
import { parsePace } from '../tv/pager.js';
import { PairingScreen } from '../tv/PairingScreen.js';
import { TvBadScope } from '../tv/TvBadScope.js';
import { TvBoard, type TvPageKind } from '../tv/TvBoard.js';
import { useFloorLink } from '../use-floor-link.js';

const PAGE_KINDS: readonly TvPageKind[] = ['queues', 'agents', 'adherence', 'figures'];

export function TvPage() {
  const [token, setToken] = useState<string | null>(readDeviceToken);
  const [badScope, setBadScope] = useState<{ problem?: LinkRefusal } | null>(null);
  usePageTitle(token === null ? 'Pair this display' : 'Floor');
  const lang = queryParam('lang');
  useLayoutEffect(() => {
    if (lang === 'en' || lang === 'zh-CN') useLocale.getState().setLocale(lang);
  }, [lang]);

  if (token === null) {
    return (
      <PairingScreen
        onPaired={(t) => {
          saveDeviceToken(t);
          setToken(t);
        }}
      />
    );
  }
  if (badScope !== null) {
    // The address is wrong, not the pairing: keep the token, say what to fix.
    return <TvBadScope problem={badScope.problem} teams={scopeTeams()} />;
  }
  return (
    <TvFloor
      deviceToken={token}
      onRefused={(_reason, problem) => {
        // By the refusal's code: the address's ?teams= is wrong, not the pairing (said in the
        // display's language by that code, tv/TvBadScope.tsx, never the server's English).
        if (floorRefusalKind(problem, scopeTeams() !== undefined) !== 'other') {
          setBadScope({ problem });
          return;
        }
        forgetDeviceToken();
        setToken(null);
      }}
    />
  );
}

/** Silent this long on a link that claims to be up: reopen it (a half-open connection). */
const RELINK_AFTER_MS = 3 * STALE_AFTER_MS;

type OnRefused = (reason: string, problem?: LinkRefusal) => void;

function TvFloor({ deviceToken, onRefused }: { deviceToken: string; onRefused: OnRefused }) {
  const [generation, setGeneration] = useState(0);
  const page = queryParam('page');
  const startKind = PAGE_KINDS.find((k) => k === page);
  const teams = scopeTeams();

  // socket.io retries a broken link forever by itself; a link that stays "up" but brings
  // nothing is reopened here, which gets a fresh snapshot or exposes the failure.
  useEffect(() => {
    const timer = setInterval(() => {
      const { connection, floor } = useFloorStore.getState();
      const last = lastFloorDataAt();
      const staffed = isStaffed(floor?.floor);
      if (connection.kind === 'live' && staffed && last !== null && Date.now() - last > RELINK_AFTER_MS
        && Date.now() - connection.since > RELINK_AFTER_MS) {
        setGeneration((g) => g + 1);
      }
    }, 5_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <>
      <TvLink key={generation} deviceToken={deviceToken} onRefused={onRefused} />
      <TvBoard paceMs={parsePace(queryParam('pace')) * 1000} startKind={startKind} teams={teams} />
    </>
  );
}

function TvLink({ deviceToken, onRefused }: { deviceToken: string; onRefused: OnRefused }) {
  useFloorLink({ kind: 'device', deviceToken }, onRefused, scopeTeams());
  return null;
}
