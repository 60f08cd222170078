/**
 * What an unpaired TV shows: its pairing code, big enough to read from the far side of
 * the room while typing it in, and where to type it.
 */
import { useEffect, useRef, useState } from 'react';
import { PATHS } from '../routes.js';
import { startPairing } from './pairing.js';

export function PairingScreen({ onPaired }: { onPaired(deviceToken: string): void }) {
  const [code, setCode] = useState<string | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const paired = useRef(onPaired);
  useEffect(() => {
    paired.current = onPaired;
  });

  useEffect(() => startPairing({
    onCode: (ticket) => setCode(ticket.code),
    onTrouble: setTrouble,
    onPaired: (token) => paired.current(token),
  }), []);

  return (
    <div className="tv-pairing">
      <p className="brand tv-pairing-brand">Floorwatch</p>
      <main className="tv-pairing-main" aria-labelledby="tv-pairing-title">
        <h1 id="tv-pairing-title" className="tv-pairing-title">Pair this display</h1>
        {code === null ? (
          <p className="tv-pairing-wait" role="status">{trouble ?? 'Getting a pairing code…'}</p>
        ) : (
          <>
            <p className="tv-pairing-instruction">Enter this code on the admin page</p>
            <p className="pairing-code" data-code={code}>{code}</p>
            <p className="tv-pairing-where">
              An administrator opens <strong>{location.origin}{PATHS.displays}</strong>, types the code and names this
              display. The floor appears here by itself.
            </p>
            {trouble !== null && <p className="tv-pairing-trouble" role="status">{trouble} Still trying…</p>}
          </>
        )}
      </main>
    </div>
  );
}
