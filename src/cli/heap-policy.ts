// Heap policy of the batch commands (`delib edition`, `delib worker`). Their live heap is small and
// flat — one jury's documents on top of the loaded code — but they allocate a lot (pages, PDF and
// zip buffers) and V8, tuned for throughput, lets the heap grow to several times its live size
// before a full collection. Bounding the old generation's growth after each full collection to 25 %
// keeps the resident size far lower for the same CPU time (figures: docs/performance.md, « Figures
// behind the code » and « Plan de secours, memory »).
//
// V8 reads this flag at every full collection (MemoryController::GrowingFactor), so it takes effect
// when set at run time; the server (`delib serve`/`start`) keeps V8's default policy, which favours
// its latency.
import { setFlagsFromString } from 'node:v8';

export const BATCH_HEAP_GROWING_PERCENT = 25;

export function useBatchHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`);
}
