import { describe, expect, it } from 'vitest';
import {
  defaultVenueModel,
  venueModelRanges,
  venueModelSchema,
} from '@patchdesk/modules/contracts/venue-model';
import { defaultVenueModel as serverDefaultVenueModel } from '../../../server/trading/session/paper-config';
import {
  emptyVenueForm,
  venueBlockedReason,
  venueDefaults,
  venueFields,
  venueModelOfForm,
  type VenueField,
} from './venue-form';

/** Values at and either side of a range's ends, the middle, and a fraction (for whole-number fields). */
function probesOf(min: number, max: number): number[] {
  const step = (x: number) => Math.max(Math.abs(x), 1) * 1e-9;
  const middle = (min + max) / 2;
  return [min - step(min), min, min + step(min), middle, middle + 0.5, max - step(max), max, max + step(max)];
}

function formRefuses(field: VenueField, value: number): boolean {
  return venueModelOfForm({ ...emptyVenueForm, [field]: String(value) }).problems[field] !== undefined;
}

describe('venueModelOfForm', () => {
  it('leaves empty fields to the server, whose defaults the placeholders show', () => {
    expect(venueModelOfForm(emptyVenueForm)).toEqual({ model: { marginMode: 'cross' }, problems: {} });
    const { symbol: _symbol, ...serverDefaults } = defaultVenueModel;
    expect(venueDefaults).toEqual(serverDefaults);
    expect(serverDefaultVenueModel).toBe(defaultVenueModel);
  });

  it('takes its limits from the venue model schema: the figures the schema states', () => {
    // By hand from modules/contracts/venue-model.ts: balance (0, 1e12], fees [-1 %, 1 %],
    // slippage [0, 1000] bps, participation (0, 1], leverage whole 1-125.
    expect(venueModelRanges).toEqual({
      startingBalance: { min: 0, max: 1e12, minIncluded: false, integer: false },
      makerFee: { min: -0.01, max: 0.01, minIncluded: true, integer: false },
      takerFee: { min: -0.01, max: 0.01, minIncluded: true, integer: false },
      slippageBps: { min: 0, max: 1_000, minIncluded: true, integer: false },
      participationCap: { min: 0, max: 1, minIncluded: false, integer: false },
      leverage: { min: 1, max: 125, minIncluded: true, integer: true },
    });
    expect(venueFields.map(({ field, rule }) => [field, rule])).toEqual(Object.entries(venueModelRanges));
  });

  it('refuses exactly what the schema refuses, at and either side of every boundary', () => {
    let probed = 0;
    for (const { field, rule } of venueFields) {
      for (const value of probesOf(rule.min, rule.max)) {
        const schemaRefuses = !venueModelSchema.safeParse({ [field]: value }).success;
        expect({ field, value, refused: formRefuses(field, value) }).toEqual({
          field,
          value,
          refused: schemaRefuses,
        });
        probed++;
      }
    }
    expect(probed).toBe(6 * 8);
    // The test can fail: the ends themselves are where the two would differ if a bound drifted.
    expect(formRefuses('startingBalance', 0)).toBe(true);
    expect(formRefuses('participationCap', 1)).toBe(false);
    expect(formRefuses('leverage', 125.5)).toBe(true);
    expect(formRefuses('leverage', 126)).toBe(true);
    expect(formRefuses('slippageBps', 0)).toBe(false);
  });

  it('reads every field into a model the server accepts', () => {
    const form = {
      startingBalance: '25,000',
      makerFee: '0.0001',
      takerFee: '0.0004',
      slippageBps: '2',
      participationCap: '0.1',
      leverage: '5',
      marginMode: 'isolated' as const,
    };
    const { model, problems } = venueModelOfForm(form);
    expect(problems).toEqual({});
    expect(model).toEqual({
      startingBalance: 25_000,
      makerFee: 0.0001,
      takerFee: 0.0004,
      slippageBps: 2,
      participationCap: 0.1,
      leverage: 5,
      marginMode: 'isolated',
    });
    expect(venueModelSchema.safeParse(model).success).toBe(true);
  });

  it('says why a field cannot be used, and the first reason blocks Run', () => {
    const { problems } = venueModelOfForm({
      ...emptyVenueForm,
      takerFee: '5',
      leverage: '2.5',
      participationCap: '0',
    });
    expect(problems).toEqual({
      takerFee: 'must be at least -0.01 and at most 0.01',
      leverage: '2.5 is not a whole number',
      participationCap: 'must be above 0 and at most 1',
    });
    expect(venueBlockedReason(problems)).toBe('Taker fee must be at least -0.01 and at most 0.01');
    expect(venueBlockedReason({})).toBeNull();
  });
});
