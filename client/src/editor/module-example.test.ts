// Example wirings from the catalog: every input a module needs is fed, by a port of its type, and
// the example reads as the editor names cables.
import { describe, expect, it } from 'vitest';
import { catalog, catalogEntries } from '../test-support/fixtures';
import { moduleExample } from './module-example';

const text = (type: string) =>
  moduleExample(catalog[type], catalog).cables.map((c) => `${c.from} -> ${c.to}`);

describe('module examples', () => {
  it('feeds an indicator from the bars by port name and reads its output', () => {
    expect(text('indicators/ema')).toEqual(['bars.close -> ema.in', 'ema.out -> cross-over.a']);
    expect(text('indicators/atr')).toEqual([
      'bars.high -> atr.high',
      'bars.low -> atr.low',
      'bars.close -> atr.close',
      'atr.out -> cross-over.a',
    ]);
    expect(moduleExample(catalog['indicators/ema'], catalog).params).toEqual([
      { name: 'period', value: catalog['indicators/ema'].params[0].defaultValue },
    ]);
  });

  it('gives a level a constant, two bool inputs two signals, and a sink no reader', () => {
    expect(text('math/compare')).toEqual([
      'bars.close -> compare.a',
      'constant.out -> compare.b',
      'compare.out -> market.trigger',
    ]);
    expect(text('logic/and')).toEqual([
      'cross-over.out -> and.a',
      'cross-over2.out -> and.b',
      'and.out -> market.trigger',
    ]);
    expect(text('sinks/broker')).toEqual(['market.intent -> broker.a']);
    expect(text('risk/max-drawdown')).toEqual([
      'market.intent -> max-drawdown.in',
      'account.equity -> max-drawdown.equity',
      'max-drawdown.out -> broker.a',
    ]);
  });

  it('feeds every required input of every module in the catalog with a port of its type', () => {
    const portType = (ref: string, side: 'inputs' | 'outputs', ids: Map<string, string>) => {
      const [id, port] = ref.split('.');
      return catalog[ids.get(id)!][side].find((candidate) => candidate.name === port)?.type;
    };
    for (const entry of catalogEntries) {
      const example = moduleExample(entry, catalog);
      // Map example ids back to types: the module itself, and each other module by its id's base.
      const ids = new Map<string, string>([[example.moduleId, entry.type]]);
      for (const cable of example.cables)
        for (const ref of [cable.from, cable.to]) {
          const id = ref.split('.')[0];
          if (ids.has(id)) continue;
          const type = catalogEntries.find((candidate) =>
            candidate.type.endsWith(`/${id.replace(/\d+$/, '')}`),
          );
          ids.set(id, type!.type);
        }
      const fed = example.cables.filter((cable) => cable.to.startsWith(`${example.moduleId}.`));
      const required = entry.inputs.filter((input) => input.required).map((input) => input.name);
      expect(
        fed.map((cable) => cable.to.split('.')[1]),
        entry.type,
      ).toEqual(required);
      for (const cable of example.cables)
        expect(portType(cable.from, 'outputs', ids), `${entry.type}: ${cable.from}`).toBe(
          portType(cable.to, 'inputs', ids),
        );
    }
  });
});
