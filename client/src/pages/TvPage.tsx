/**
 * `/tv`: a wall display. It has no account and no session, only the device token it got
 * by pairing. With one it shows the floor, read-only; without one, or once the server
 * refuses it (revoked, or unknown after a reset), it forgets it and pairs again.
 */
import { useState } from 'react';
import { FloorShell } from '../components/FloorShell.js';
import { usePageTitle } from '../page-title.js';
import { forgetDeviceToken, readDeviceToken, saveDeviceToken } from '../tv/device-token.js';
import { PairingScreen } from '../tv/PairingScreen.js';
import { useFloorLink } from '../use-floor-link.js';

export function TvPage() {
  const [token, setToken] = useState<string | null>(readDeviceToken);
  usePageTitle(token === null ? 'Pair this display' : 'Floor');

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
  return (
    <TvFloor
      deviceToken={token}
      onRefused={() => {
        forgetDeviceToken();
        setToken(null);
      }}
    />
  );
}

function TvFloor({ deviceToken, onRefused }: { deviceToken: string; onRefused(): void }) {
  useFloorLink({ kind: 'device', deviceToken }, onRefused);
  return <FloorShell className="is-tv" />;
}
