// Keyboard shortcuts, listed from the same table the key handler uses.
import { shortcuts } from '../editor/shortcuts';
import { useUiStore } from '../stores/ui-store';

export function HelpOverlay() {
  const open = useUiStore((state) => state.helpOpen);
  const setHelpOpen = useUiStore((state) => state.setHelpOpen);
  if (!open) return null;
  return (
    <div className="overlay" data-testid="help-overlay" onClick={() => setHelpOpen(false)}>
      <div className="overlay__card" onClick={(event) => event.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.action}>
                <td>
                  <kbd>{shortcut.keys}</kbd>
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Shift</kbd>+drag
              </td>
              <td>Select several modules with a box; Ctrl+click adds to the selection</td>
            </tr>
            <tr>
              <td>click an output</td>
              <td>Probe it (its value shows on the node and in the plot)</td>
            </tr>
          </tbody>
        </table>
        <button type="button" onClick={() => setHelpOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
