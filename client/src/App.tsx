/**
 * The page for the current path. A TV (`/tv`) has no account, so its page never asks
 * for a session; every other page is for people and goes through the session gate.
 */
import { TvPage } from './pages/TvPage.js';
import { PATHS, usePath } from './routes.js';
import { SessionGate } from './session/SessionGate.js';

export function App() {
  const path = usePath();
  return path === PATHS.tv ? <TvPage /> : <SessionGate path={path} />;
}
