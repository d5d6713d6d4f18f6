// RiskHub (/hubs/risk): the risk events of a patch's paper run (blocked intents with the gate's
// reason, kill-switch actions) as a stream, the kill switch (cancel every working order, close
// the position, optionally stop the run) and its reset, and the dead-man switch: armed with a
// timeout, it fires the kill switch when no heartbeat arrives in time.
import { z } from 'zod';
import type { RiskHubMethods, TradeRiskEvent } from '@patchdesk/modules/contracts/trading';
import type { TradingDesk } from '../trading/desk/trading-desk';
import { deadManTimeoutSecondsMax, deadManTimeoutSecondsMin } from '../trading/desk/dead-man-switch';
import { streamWithCallerErrors, withCallerErrors } from './domain-errors';
import { pushStream } from './push-stream';
import { defineHub, hubMethod, hubStream } from './signalr/index';
import type { HubDefinition } from './signalr/index';

export const riskStreamBacklogMax = 500;

const patchName = z.string().min(1).max(200);
const killOptions = z
  .strictObject({ flatten: z.boolean().optional(), stopRun: z.boolean().optional() })
  .nullish();
const timeoutSeconds = z.number().min(deadManTimeoutSecondsMin).max(deadManTimeoutSecondsMax);

export function createRiskHub(desk: TradingDesk): HubDefinition {
  const methods: Record<keyof RiskHubMethods, ReturnType<typeof hubMethod>> = {
    stream: hubStream(z.tuple([patchName.describe('patchName')]), (ctx, name) =>
      streamWithCallerErrors(
        () => desk.snapshot(name), // a patch without a paper run is refused with the reason
        () =>
          pushStream<TradeRiskEvent>({ signal: ctx.signal, capacity: riskStreamBacklogMax }, (sink) =>
            desk.streamRiskEvents(name, sink),
          ),
      ),
    ),
    killSwitch: hubMethod(
      z.tuple([patchName.describe('patchName'), killOptions.describe('options')]),
      (_ctx, name, options) =>
        withCallerErrors(() => desk.killSwitch(name, options ?? {}, 'kill switch (RiskHub)')),
    ),
    resetKillSwitch: hubMethod(z.tuple([patchName.describe('patchName')]), (_ctx, name) =>
      withCallerErrors(() => desk.resetKillSwitch(name)),
    ),
    armDeadMan: hubMethod(
      z.tuple([patchName.describe('patchName'), timeoutSeconds.describe('timeoutSeconds')]),
      (_ctx, name, seconds) => withCallerErrors(() => desk.armDeadMan(name, seconds)),
    ),
    heartbeat: hubMethod(z.tuple([patchName.describe('patchName')]), (_ctx, name) =>
      withCallerErrors(() => desk.heartbeat(name)),
    ),
    disarmDeadMan: hubMethod(z.tuple([patchName.describe('patchName')]), (_ctx, name) =>
      withCallerErrors(() => desk.disarmDeadMan(name)),
    ),
  };
  return defineHub({ name: 'RiskHub', methods });
}
