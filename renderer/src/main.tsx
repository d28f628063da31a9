import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { connectCourier } from './client/connect.ts';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const courier = connectCourier();
createRoot(root).render(
  <StrictMode>
    {'problem' in courier ? (
      <main className="main main--alone">
        <h1>Call Courier</h1>
        <p role="alert">{courier.problem}</p>
      </main>
    ) : (
      <App courier={courier} />
    )}
  </StrictMode>,
);
