// The action's post step; everything is in run-post.ts.
import { run } from './run-post.js';

await run();
