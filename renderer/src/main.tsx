import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/pick-transport.js';
import { App } from './App.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/document.css';
import './styles/inspector.css';
import './styles/corpus-views.css';

const root = document.getElementById('root');
if (root) {
  const { api, events } = connect(window);
  createRoot(root).render(
    <StrictMode>
      <App api={api} events={events} />
    </StrictMode>,
  );
}
