// Heap policy of the batch commands (`delib edition`, `delib worker`). Their live heap is small and
// flat — one jury's documents, a few MB, on top of ≈ 35 MB of loaded code — but they allocate a lot
// (pages, PDF and zip buffers) and V8, tuned for throughput, lets the heap grow to 3–4× its live size
// before a full collection: the plan de secours of an académie peaked at 315–346 MB of RSS for a
// live heap of ≈ 40 MB. Bounding the old generation's growth after each full collection to 25 %
// keeps it at ≈ 250 MB for the same CPU time (docs/performance.md, « Plan de secours, memory »).
//
// V8 reads this flag at every full collection (MemoryController::GrowingFactor), so it takes effect
// when set at run time; the server (`delib serve`/`start`) keeps V8's default policy, which favours
// its latency.
import { setFlagsFromString } from 'node:v8';

export const BATCH_HEAP_GROWING_PERCENT = 25;

export function useBatchHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`);
}
