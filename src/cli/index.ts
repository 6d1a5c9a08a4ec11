#!/usr/bin/env node
// The `cairn` executable: one line that runs the command line and exits with its status.
import process from 'node:process';
import { main } from './main.js';

// A reader that goes away (`cairn artifact list-contents X | head`) ends the output, not Cairn with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
