/** Moves to another page instead of rendering; replaces the entry, so Back skips the hop. */
import { useEffect } from 'react';
import { navigate } from '../routes.js';

export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}

/** Loads a page the server renders itself (an acknowledge link), replacing this entry too. */
export function LoadPage({ href }: { href: string }) {
  useEffect(() => {
    location.replace(href);
  }, [href]);
  return null;
}
