// The editor's layout: toolbar on top, palette left, canvas and probe plot centre, panels right.
import { ReactFlowProvider } from '@xyflow/react';
import { useShortcuts } from './hooks/use-shortcuts';
import { EditorContext } from './session/editor';
import type { Editor } from './session/editor';
import { Canvas } from './components/Canvas';
import { Dialogs } from './components/Dialogs';
import { HelpOverlay } from './components/HelpOverlay';
import { Palette } from './components/Palette';
import { ProbePlot } from './components/ProbePlot';
import { SidePanel } from './components/SidePanel';
import { Toasts } from './components/Toasts';
import { Toolbar } from './components/Toolbar';

function Shortcuts({ editor }: { editor: Editor }) {
  useShortcuts(editor);
  return null;
}

export function App({ editor }: { editor: Editor }) {
  return (
    <EditorContext.Provider value={editor}>
      <ReactFlowProvider>
        <Shortcuts editor={editor} />
        <div className="app">
          <Toolbar />
          <Palette />
          <main className="workspace">
            <Canvas />
            <ProbePlot />
          </main>
          <SidePanel />
        </div>
        <Toasts />
        <HelpOverlay />
        <Dialogs />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
