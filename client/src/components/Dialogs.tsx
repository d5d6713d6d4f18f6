// Small text dialogs: save with a message, create and rename a patch.
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { useUiStore } from '../stores/ui-store';

interface PromptProps {
  title: string;
  label: string;
  initial: string;
  confirmLabel: string;
  onConfirm(value: string): Promise<boolean>;
  onClose(): void;
}

function PromptDialog({ title, label, initial, confirmLabel, onConfirm, onClose }: PromptProps) {
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const confirm = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const ok = await onConfirm(value.trim());
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <div className="overlay" onClick={onClose}>
      <form
        className="overlay__card dialog"
        data-testid="dialog"
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2>{title}</h2>
        <label>
          {label}
          <input
            ref={input}
            data-testid="dialog-input"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <div className="dialog__buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="dialog-confirm" disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

export function Dialogs() {
  const { actions, sync } = useEditor();
  const dialog = useUiStore((state) => state.dialog);
  const setDialog = useUiStore((state) => state.setDialog);
  const name = useGraphStore((state) => state.document?.name ?? '');
  const close = (): void => setDialog(null);
  switch (dialog?.kind) {
    case 'save':
      return (
        <PromptDialog
          title={`Save ${name}`}
          label="What changed"
          initial=""
          confirmLabel="Save version"
          onConfirm={(message) => actions.save(message)}
          onClose={close}
        />
      );
    case 'create':
      return (
        <PromptDialog
          title="New patch"
          label="Name"
          initial="untitled"
          confirmLabel="Create"
          onConfirm={(value) => (value ? sync.create(value) : Promise.resolve(false))}
          onClose={close}
        />
      );
    case 'rename':
      return (
        <PromptDialog
          title={`Rename ${name}`}
          label="New name"
          initial={name}
          confirmLabel="Rename"
          onConfirm={(value) =>
            value && value !== name ? sync.rename(value) : Promise.resolve(value === name)
          }
          onClose={close}
        />
      );
    default:
      return null;
  }
}
