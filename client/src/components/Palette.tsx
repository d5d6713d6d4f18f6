// The module palette: search by name, category and description; drag a module onto the canvas,
// or pick one with the arrow keys and press Enter to add it at the centre of the view.
import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { moduleCategories } from '@patchdesk/modules/sdk/define-module';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import { searchCatalog } from '../editor/palette-search';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { paletteDragType } from './Canvas';

function PaletteItem({
  entry,
  active,
  onAdd,
}: {
  entry: CatalogEntry;
  active: boolean;
  onAdd(type: string): void;
}) {
  return (
    <li
      className={`palette__item palette__item--${entry.category}${active ? ' palette__item--active' : ''}`}
      data-testid={`palette-item-${entry.type}`}
      draggable
      title={entry.description}
      onDragStart={(event) => {
        event.dataTransfer.setData(paletteDragType, entry.type);
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={() => onAdd(entry.type)}
    >
      <span className="palette__title">{entry.title}</span>
      <span className="palette__type">{entry.type}</span>
    </li>
  );
}

export function Palette() {
  const { actions } = useEditor();
  const catalog = useGraphStore((state) => state.catalogList);
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const results = useMemo(() => searchCatalog(catalog, query), [catalog, query]);
  const grouped = useMemo(
    () =>
      moduleCategories
        .map((category) => ({ category, entries: results.filter((entry) => entry.category === category) }))
        .filter((group) => group.entries.length > 0),
    [results],
  );
  // Keyboard order follows the grouped display order.
  const ordered = useMemo(() => grouped.flatMap((group) => group.entries), [grouped]);
  const active = ordered[Math.min(activeIndex, ordered.length - 1)];

  const add = (type: string): void => void actions.addModule(type);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') setActiveIndex((index) => Math.min(index + 1, ordered.length - 1));
    else if (event.key === 'ArrowUp') setActiveIndex((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter' && active) add(active.type);
    else if (event.key === 'Escape') event.currentTarget.blur();
    else return;
    event.preventDefault();
  };

  return (
    <aside className="palette" data-testid="palette">
      <input
        className="palette__search"
        data-testid="palette-search"
        placeholder="Search modules  ( / )"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="palette__list">
        {grouped.map((group) => (
          <section key={group.category}>
            <h3 className="palette__category">{group.category}</h3>
            <ul>
              {group.entries.map((entry) => (
                <PaletteItem key={entry.type} entry={entry} active={entry === active} onAdd={add} />
              ))}
            </ul>
          </section>
        ))}
        {catalog.length === 0 ? <p className="palette__empty">Loading modules…</p> : null}
        {catalog.length > 0 && ordered.length === 0 ? (
          <p className="palette__empty">No module matches “{query}”.</p>
        ) : null}
      </div>
    </aside>
  );
}
