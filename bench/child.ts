// Entry of a child process of the bench, compiled to dist/bench-child.js: `node dist/bench-child.js <step> <json params>`.
import { reportStep } from './lib/child.js';
import { LAZY_STEPS, STEPS } from './steps.js';

const [name, params] = process.argv.slice(2);
const step = name ? (STEPS[name] ?? (LAZY_STEPS[name] ? (await LAZY_STEPS[name]())[name] : undefined)) : undefined;
if (!step) {
  process.stderr.write(`étape inconnue : ${name}\n`);
  process.exit(2);
}
await reportStep(() => step(JSON.parse(params ?? '{}') as Record<string, unknown>));
// pools, browsers and timers of a step must not keep the child alive
process.exit(0);
