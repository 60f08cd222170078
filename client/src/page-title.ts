/** The tab (and window list) says which page this is: "Sign in · Floorwatch". */
import { useEffect } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? 'Floorwatch' : `${title} · Floorwatch`;
  }, [title]);
}
