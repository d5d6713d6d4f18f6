// The kernel's public API: what the engine, the backtest runner and the CLI import.
export { Kernel, defaultTickIntervalMs } from './kernel';
export { ModuleStepError, PatchRejectedError } from './errors';
export { defaultTapCapacity, tapCapacityMax } from './taps';
export type { HotPatchJob, KernelApi, KernelOptions, KernelStats, ProbeTap } from './types';
