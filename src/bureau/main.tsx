import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/app.css';
import { App } from './App.tsx';

// Back after 退出: a browser may bring this page back from its back-forward cache, map and all, while every data
// request now answers 401. The server sends the page as no-store (so it is not kept); should a browser keep it anyway,
// the page asks whether the session still stands and goes to the sign-in page when it does not.
window.addEventListener('pageshow', (e) => {
  if (!e.persisted) return;
  void fetch('api/session', { credentials: 'same-origin' }).then((r) => { if (r.status === 401) location.replace('login/'); }, () => undefined);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
