// Messages shown where the user is looking: a refused cable appears next to the cursor, other
// notices in the corner of the canvas.
import { useUiStore } from '../stores/ui-store';

const toastWidthPx = 360;

export function Toasts() {
  const toasts = useUiStore((state) => state.toasts);
  const dismiss = useUiStore((state) => state.dismissToast);
  const anchored = toasts.filter((toast) => toast.at !== null);
  const cornered = toasts.filter((toast) => toast.at === null);
  return (
    <>
      {anchored.map((toast) => (
        <div
          key={toast.id}
          role="alert"
          data-testid="toast"
          data-kind={toast.kind}
          className={`toast toast--${toast.kind} toast--anchored`}
          style={{
            left: Math.max(8, Math.min(toast.at!.x + 14, window.innerWidth - toastWidthPx - 8)),
            top: Math.max(8, Math.min(toast.at!.y + 14, window.innerHeight - 80)),
            width: toastWidthPx,
          }}
        >
          {toast.message}
        </div>
      ))}
      <div className="toast-stack">
        {cornered.map((toast) => (
          <div
            key={toast.id}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
            data-kind={toast.kind}
            className={`toast toast--${toast.kind}`}
            onClick={() => dismiss(toast.id)}
          >
            {toast.message}
          </div>
        ))}
      </div>
    </>
  );
}
