/**
 * What an unpaired TV shows: its pairing code, big enough to read from the far side of
 * the room while typing it in, and where to type it.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { startPairing } from './pairing.js';

export function PairingScreen({ onPaired }: { onPaired(deviceToken: string): void }) {
  const t = useT();
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
        <h1 id="tv-pairing-title" className="tv-pairing-title">{t('pairing.title')}</h1>
        {code === null ? (
          <p className="tv-pairing-wait" role="status">{trouble ?? t('pairing.getting')}</p>
        ) : (
          <>
            <p className="tv-pairing-instruction">{t('pairing.instruction')}</p>
            <p className="pairing-code" data-code={code}>{code}</p>
            <p className="tv-pairing-where">
              {t('pairing.whereBefore')}<strong>{location.origin}{PATHS.displays}</strong>{t('pairing.whereAfter')}
            </p>
            {trouble !== null && <p className="tv-pairing-trouble" role="status">{trouble} {t('pairing.stillTrying')}</p>}
          </>
        )}
      </main>
    </div>
  );
}
