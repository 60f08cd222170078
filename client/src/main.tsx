/** Entry: connect to the floor once, then render. The link lives as long as the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectWallboard } from './connection.js';
import './styles.css';

// Outside React so StrictMode's double effects never open a second socket.
connectWallboard();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
