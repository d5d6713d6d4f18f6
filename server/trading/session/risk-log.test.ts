import { describe, expect, it } from 'vitest';
import type { TradeRiskEvent } from '@patchdesk/modules/contracts/trading';
import { RiskLog, riskEventsKeptMax } from './risk-log';

function record(atMs: number): TradeRiskEvent {
  return {
    atMs,
    source: 'test',
    code: 'KILL_SWITCH_ON',
    message: 'kill switch',
    denial: { code: 'KILL_SWITCH_ON' },
  };
}

describe('RiskLog', () => {
  it('keeps the newest events up to its bound, counts all and tells listeners until they leave', () => {
    const log = new RiskLog();
    const told: number[] = [];
    const leave = log.onRisk((event) => told.push(event.atMs));
    for (let i = 0; i < riskEventsKeptMax + 3; i++) {
      log.add(record(i));
      log.tell(record(i));
    }
    expect(log.count).toBe(riskEventsKeptMax + 3);
    const kept = log.events();
    expect(kept).toHaveLength(riskEventsKeptMax);
    expect(kept[0].atMs).toBe(3);
    expect(told).toHaveLength(riskEventsKeptMax + 3);
    leave();
    log.tell(record(-1));
    expect(told).toHaveLength(riskEventsKeptMax + 3);
  });
});
