// Whether the canvas is zoomed too far out to read node details. Provided by Canvas (which
// re-renders only when the zoom crosses the threshold); badges inside nodes stop following
// probe frames while it is true, since their rows are hidden then.
import { createContext } from 'react';

export const CanvasFarContext = createContext(false);
