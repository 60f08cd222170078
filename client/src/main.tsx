/**
 * Entry: render the page for the current path. The floor link is opened by the floor
 * pages themselves, once they know how to authenticate it (a session or a TV's token).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './i18n/all.js';
import './styles.css';
import './forms.css';
import './tv.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
