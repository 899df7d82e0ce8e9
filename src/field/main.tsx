import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './field.css';
import { FieldApp } from './FieldApp.tsx';
import { registerFieldWorker } from './register-sw.ts';

registerFieldWorker();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
