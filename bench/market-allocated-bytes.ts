// Bytes a stretch of asynchronous work allocated on the V8 heap: the growth of the used heap
// plus what every garbage collection in between freed (v8.GCProfiler reports the used heap
// before and after each one). Unlike new-space windows (new-space.ts) this survives scavenges,
// so it fits pipelines that run for seconds across sockets and timers. It counts every
// allocation of the process in the stretch (ioredis, the database driver, timers), not only
// the code under test, and not Buffer or WebAssembly memory outside the V8 heap.
import { getHeapStatistics, GCProfiler } from 'node:v8';

export class HeapAllocation {
  private readonly profiler = new GCProfiler();
  private readonly startUsed: number;

  constructor() {
    this.profiler.start();
    this.startUsed = getHeapStatistics().used_heap_size;
  }

  /** Stops the profiler; returns the bytes allocated since the constructor ran. */
  stop(): number {
    const endUsed = getHeapStatistics().used_heap_size;
    const report = this.profiler.stop() as unknown as {
      statistics: { beforeGC: HeapSide; afterGC: HeapSide }[];
    };
    let freed = 0;
    for (const gc of report.statistics) {
      freed += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize);
    }
    return endUsed - this.startUsed + freed;
  }
}

interface HeapSide {
  heapStatistics: { usedHeapSize: number };
}
