import { describe, expect, it } from 'vitest';
import { defaultVenueModel, venueModelSchema } from '../../../server/trading/session/paper-config';
import { emptyVenueForm, venueBlockedReason, venueDefaults, venueModelOfForm } from './venue-form';

describe('venueModelOfForm', () => {
  it('leaves empty fields to the server, whose defaults the placeholders show', () => {
    expect(venueModelOfForm(emptyVenueForm)).toEqual({ model: { marginMode: 'cross' }, problems: {} });
    const { symbol: _symbol, ...serverDefaults } = defaultVenueModel;
    expect(venueDefaults).toEqual(serverDefaults);
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
