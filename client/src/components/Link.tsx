/**
 * An in-app link: a real <a href> (so it can be opened in a new tab, and reads as a link),
 * whose plain left click moves through history instead of reloading the page.
 */
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../routes.js';

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
