/**
 * The floor link for as long as a floor page is on screen. Opening it in an effect (not
 * once per page load) is what lets the credentials change: a TV that re-pairs, a person
 * who signs out and someone else who signs in. Closing it forgets the floor, so what one
 * viewer was allowed to see never shows, even for a moment, to the next.
 */
import { useEffect, useRef } from 'react';
import { connectWallboard, type FloorCredentials, type LinkRefusal } from './connection.js';
import { useFloorStore } from './store/floor-store.js';

export function useFloorLink(credentials: FloorCredentials, onRefused: (reason: string, problem?: LinkRefusal) => void, teams?: string[]): void {
  // The latest callback without reconnecting when its identity changes on a re-render.
  const refused = useRef(onRefused);
  useEffect(() => {
    refused.current = onRefused;
  });

  // The scope by value; no `teams` (the whole view) and an empty list (refused) are two links.
  const key = `${credentials.kind === 'device' ? `device:${credentials.deviceToken}` : 'session'} ${teams === undefined ? '*' : JSON.stringify(teams)}`;
  useEffect(() => {
    const close = connectWallboard({ credentials, onRefused: (reason, problem) => refused.current(reason, problem), ...(teams !== undefined && { teams }) });
    return () => {
      close();
      useFloorStore.getState().reset();
    };
    // `key` is the credentials' and scope's identity: a new object with the same token is the same link.
  }, [key]);
}
