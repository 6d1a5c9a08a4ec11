// Everything the action's steps touch outside Cairn's engine, as one object: the runner's inputs,
// outputs, state, log and step summary (@actions/core), the Actions cache and artifact services,
// and host programs. run-main and run-post take it as a parameter; githubHost() is the real one.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import process from 'node:process';
import * as core from '@actions/core';
import { findProgram } from '../sandbox/host.js';
import { actionsCacheService, type CacheLog, type CacheService } from './cache/actions-cache.js';
import type { InputName, OutputName, StateName } from './constants.js';
import type { CommandResult } from './fix-userns.js';
import { artifactLogUploader, type LogUploader } from './report/log-artifacts.js';
import type { AnnotationProperties, AnnotationSink } from './report/annotations.js';

export interface ActionLog extends AnnotationSink {
  info(text: string): void;
  warning(text: string, properties?: AnnotationProperties): void;
  error(text: string, properties?: AnnotationProperties): void;
  notice(text: string, properties?: AnnotationProperties): void;
}

export interface ActionHost {
  readonly env: NodeJS.ProcessEnv;
  /** An input's raw text, '' when not given. */
  input(name: InputName): string;
  setOutput(name: OutputName, value: string): void;
  saveState(name: StateName, value: string): void;
  /** State the main step saved, '' when it saved none. */
  getState(name: StateName): string;
  readonly log: ActionLog;
  /** Marks the step failed with one line (and prints it as an error). */
  setFailed(message: string): void;
  group<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** Appends Markdown to the step summary. */
  appendSummary(markdown: string): Promise<void>;
  cacheService(log: CacheLog): CacheService;
  logUploader(): LogUploader;
  /** Runs a host program with the runner's environment (PATH), collecting its output. */
  run(program: string, args: readonly string[]): Promise<CommandResult>;
  findProgram(name: string): string | undefined;
  /** The text of a /proc/sys file, undefined when absent. */
  readSysctl(file: string): string | undefined;
  readonly isRoot: boolean;
  /** Calls `stop` on SIGINT and SIGTERM (a cancelled job) until the returned function is called. */
  onCancel(stop: () => void): () => void;
}

export function githubHost(): ActionHost {
  return {
    env: process.env,
    input: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    log: {
      info: (text) => core.info(text),
      warning: (text, properties) => core.warning(text, properties),
      error: (text, properties) => core.error(text, properties),
      notice: (text, properties) => core.notice(text, properties),
    },
    setFailed: (message) => core.setFailed(message),
    group: (name, run) => core.group(name, run),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    // The service captures what @actions/cache prints and hands the plain lines to `log.info`
    // while its capture is active; writing those to the descriptor itself keeps them from being
    // captured again (and again).
    cacheService: (log) => actionsCacheService({ info: (text) => fs.writeSync(1, `${text}\n`), warning: (text) => log.warning(text) }),
    logUploader: () => artifactLogUploader(),
    run: runProgram,
    findProgram: (name) => findProgram(name),
    readSysctl: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    isRoot: process.getuid?.() === 0,
    onCancel: (stop) => {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      };
    },
  };
}

function runProgram(program: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr || error.message }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
