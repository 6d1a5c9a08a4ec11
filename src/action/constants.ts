// The names the action shares with action.yml and the runner: inputs, outputs and the state the
// main step leaves for the post step. No other module spells these strings.

export const Inputs = {
  Project: 'project',
  Targets: 'targets',
  Options: 'options',
  Builders: 'builders',
  MaxJobs: 'max-jobs',
  OnError: 'on-error',
  Strict: 'strict',
  Cache: 'cache',
  Remotes: 'remotes',
  Push: 'push',
  MaxCacheSize: 'max-cache-size',
  UploadLogs: 'upload-logs',
  Checkout: 'checkout',
  FixUserns: 'fix-userns',
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];

export const Outputs = {
  Built: 'built',
  Cached: 'cached',
  Failed: 'failed',
  CacheHitRatio: 'cache-hit-ratio',
  CheckoutPath: 'checkout-path',
  SummaryPath: 'summary-path',
} as const;

export type OutputName = (typeof Outputs)[keyof typeof Outputs];

export const State = {
  /** The local artifact cache the main step used (the post step saves from it). */
  CacheDirectory: 'cache-directory',
  /** A JSON file the main step keeps up to date while it builds: see run-state.ts. */
  RunFile: 'run-file',
} as const;

export type StateName = (typeof State)[keyof typeof State];

/** Defaults, as action.yml declares them; the runner fills them in, tests may not. */
export const Defaults = {
  project: '.',
  onError: 'continue',
  strict: true,
  cache: 'actions',
  push: 'auto',
  maxCacheSize: '4G',
  uploadLogs: 'failed',
  fixUserns: false,
} as const;
