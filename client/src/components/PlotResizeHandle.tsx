// The top edge of the probe panel: drag it (or focus it and press the arrow keys) to give the
// panes more or less height than the canvas.
import { useCallback } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { clampPlotHeight, useUiStore } from '../stores/ui-store';

const keyStepPx = 20;

export function PlotResizeHandle() {
  const height = useUiStore((state) => state.plotHeightPx);
  const setHeight = useUiStore((state) => state.setPlotHeightPx);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      event.preventDefault();
      const handle = event.currentTarget;
      handle.setPointerCapture(event.pointerId);
      const startY = event.clientY;
      const startHeight = useUiStore.getState().plotHeightPx;
      const move = (moved: globalThis.PointerEvent) =>
        setHeight(clampPlotHeight(startHeight + startY - moved.clientY, window.innerHeight));
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    [setHeight],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const step = event.key === 'ArrowUp' ? keyStepPx : event.key === 'ArrowDown' ? -keyStepPx : 0;
      if (step === 0) return;
      event.preventDefault();
      setHeight(clampPlotHeight(useUiStore.getState().plotHeightPx + step, window.innerHeight));
    },
    [setHeight],
  );

  return (
    <div
      className="probe-plot__resize"
      data-testid="plot-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Probe panel height"
      aria-valuenow={height}
      tabIndex={0}
      title="Drag to resize the probe panes"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
