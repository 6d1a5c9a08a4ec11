// The action's main step; everything is in run-main.ts.
import { run } from './run-main.js';

await run();
