// The piscina worker when running from the TypeScript sources (tests, tsx): registers tsx in
// this worker thread, then serves sweep-worker.ts. The built CLI uses server/dist/sweep-worker.js.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./sweep-worker.ts');
export default worker.default;
