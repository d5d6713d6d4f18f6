// The keyboard shortcuts: one list feeds both the key handler and the help overlay.

export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'delete'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'save'
  | 'layout'
  | 'fitView'
  | 'search'
  | 'help'
  | 'close';

export interface Shortcut {
  action: ShortcutAction;
  keys: string;
  description: string;
  matches(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean;
}

type KeyInfo = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;
const command = (event: KeyInfo): boolean => event.ctrlKey || event.metaKey;
const plain = (event: KeyInfo): boolean => !event.ctrlKey && !event.metaKey && !event.altKey;

export const shortcuts: readonly Shortcut[] = [
  {
    action: 'undo',
    keys: 'Ctrl+Z',
    description: 'Undo the last edit',
    matches: (event) => command(event) && !event.shiftKey && event.key.toLowerCase() === 'z',
  },
  {
    action: 'redo',
    keys: 'Ctrl+Shift+Z / Ctrl+Y',
    description: 'Redo',
    matches: (event) =>
      command(event) &&
      ((event.shiftKey && event.key.toLowerCase() === 'z') || event.key.toLowerCase() === 'y'),
  },
  {
    action: 'delete',
    keys: 'Delete / Backspace',
    description: 'Delete the selected modules and cables',
    matches: (event) => plain(event) && (event.key === 'Delete' || event.key === 'Backspace'),
  },
  {
    action: 'copy',
    keys: 'Ctrl+C',
    description: 'Copy the selection (with the cables inside it)',
    matches: (event) => command(event) && event.key.toLowerCase() === 'c',
  },
  {
    action: 'paste',
    keys: 'Ctrl+V',
    description: 'Paste',
    matches: (event) => command(event) && event.key.toLowerCase() === 'v',
  },
  {
    action: 'selectAll',
    keys: 'Ctrl+A',
    description: 'Select every module',
    matches: (event) => command(event) && event.key.toLowerCase() === 'a',
  },
  {
    action: 'save',
    keys: 'Ctrl+S',
    description: 'Save a version with a message',
    matches: (event) => command(event) && event.key.toLowerCase() === 's',
  },
  {
    action: 'layout',
    keys: 'L',
    description: 'Lay the patch out automatically',
    matches: (event) => plain(event) && event.key.toLowerCase() === 'l',
  },
  {
    action: 'fitView',
    keys: 'F',
    description: 'Fit the patch in view',
    matches: (event) => plain(event) && event.key.toLowerCase() === 'f',
  },
  {
    action: 'search',
    keys: '/',
    description: 'Search the module palette (Enter adds the highlighted module)',
    matches: (event) => plain(event) && event.key === '/',
  },
  { action: 'help', keys: '?', description: 'Show or hide this help', matches: (event) => event.key === '?' },
  {
    action: 'close',
    keys: 'Esc',
    description: 'Close dialogs and overlays',
    matches: (event) => event.key === 'Escape',
  },
];

export function shortcutFor(event: KeyInfo): ShortcutAction | null {
  return shortcuts.find((shortcut) => shortcut.matches(event))?.action ?? null;
}
