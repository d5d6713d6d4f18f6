// The header over one probe pane: its title, move up / move down, and a collapse toggle. Built as
// plain DOM because the panes themselves are (one uPlot each, made outside React's render), so a
// header lives and dies with its pane.
import type { PlotPane } from '../editor/plot-panes';

export interface PaneHeaderOptions {
  pane: PlotPane;
  title: string;
  collapsed: boolean;
  first: boolean;
  last: boolean;
  onMove(step: -1 | 1): void;
  /** Another pane's header was dropped on this one: that pane takes this one's place. */
  onDropPane(draggedId: string): void;
  onToggleCollapsed(): void;
}

function button(
  text: string,
  testId: string,
  title: string,
  disabled: boolean,
  act: () => void,
): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.title = title;
  element.setAttribute('aria-label', title);
  element.dataset.testid = testId;
  element.disabled = disabled;
  element.addEventListener('click', act);
  return element;
}

/** The drag's payload type: a pane id, so drops from elsewhere (files, text) are ignored. */
const paneDragType = 'application/x-patchdesk-pane';

export function paneHeader(options: PaneHeaderOptions): HTMLDivElement {
  const { pane, title, collapsed } = options;
  const header = document.createElement('div');
  header.className = 'probe-pane__header';
  // Drag a header onto another to move its pane there (the buttons still move one place).
  header.draggable = true;
  header.title = `Drag to move the ${title} pane`;
  header.dataset.testid = `pane-header-${pane.id}`;
  header.addEventListener('dragstart', (event) => {
    event.dataTransfer?.setData(paneDragType, pane.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  });
  header.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes(paneDragType)) return;
    event.preventDefault();
    header.classList.add('probe-pane__header--drop');
  });
  header.addEventListener('dragleave', () => header.classList.remove('probe-pane__header--drop'));
  header.addEventListener('drop', (event) => {
    header.classList.remove('probe-pane__header--drop');
    const dragged = event.dataTransfer?.getData(paneDragType);
    if (!dragged || dragged === pane.id) return;
    event.preventDefault();
    options.onDropPane(dragged);
  });
  header.append(
    button(
      collapsed ? '▸' : '▾',
      `pane-collapse-${pane.id}`,
      collapsed ? `Expand the ${title} pane` : `Collapse the ${title} pane (its probes stay)`,
      false,
      options.onToggleCollapsed,
    ),
  );
  const name = document.createElement('span');
  name.className = 'probe-pane__title';
  name.textContent = title;
  name.dataset.testid = `pane-title-${pane.id}`;
  header.append(
    name,
    button('↑', `pane-up-${pane.id}`, `Move the ${title} pane up`, options.first, () => options.onMove(-1)),
    button('↓', `pane-down-${pane.id}`, `Move the ${title} pane down`, options.last, () => options.onMove(1)),
  );
  return header;
}
