#!/usr/bin/env node
// The `cairn` executable: one line that runs the command line and exits with its status.
import process from 'node:process';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
