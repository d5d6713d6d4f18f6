import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { createEditor } from './session/editor';

const root = document.getElementById('root');
if (!root) throw new Error('index.html: missing #root element');
// One session per page: created outside React so StrictMode's double effects do not open two.
const editor = createEditor();
createRoot(root).render(
  <StrictMode>
    <App editor={editor} />
  </StrictMode>,
);
