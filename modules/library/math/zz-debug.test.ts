import { it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { zscore } from './zscore';
it('d', () => {
  const period = 64;
  const h = createModuleHarness(zscore, { period });
  const st = h.state as { updatesSinceRecompute: number };
  let r = 0;
  const at: number[] = [];
  for (let i = 0; i < 256; i++) {
    h.step({ in: 2 ** -i });
    if (i >= 63 && st.updatesSinceRecompute === 0) {
      r++;
      at.push(i);
    }
  }
  console.log(r, at.join(','));
});
