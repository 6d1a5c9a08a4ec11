// The action's inputs: defaults when a step gives none, typed values, and every mistake reported
// naming the input it is in.

import { describe, expect, it } from '@jest/globals';
import { parseInputs, type ActionInputs } from '../../src/action/inputs.js';
import type { InputName } from '../../src/action/constants.js';

function parse(given: Partial<Record<InputName, string>>) {
  return parseInputs((name) => given[name] ?? '');
}

function inputs(given: Partial<Record<InputName, string>>): ActionInputs {
  const result = parse(given);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.inputs;
}

function problems(given: Partial<Record<InputName, string>>): readonly string[] {
  const result = parse(given);
  if (result.ok) throw new Error('expected the inputs to be refused');
  return result.problems;
}

describe('inputs a step does not give', () => {
  it('take the defaults action.yml declares', () => {
    expect(inputs({})).toEqual({
      project: '.',
      targets: [],
      options: [],
      onError: 'continue',
      strict: true,
      cache: 'actions',
      remotes: [],
      push: 'auto',
      maxCacheSize: 4 * 1024 ** 3,
      uploadLogs: 'failed',
      fixUserns: false,
    });
  });
});

describe('multi-line inputs', () => {
  it('targets are one per line or separated by spaces, blank lines and # comments ignored', () => {
    expect(inputs({ targets: 'app.bst\n\n  # the image too\nimage.bst tools/gdb.bst\r\n' }).targets).toEqual(['app.bst', 'image.bst', 'tools/gdb.bst']);
  });

  it('options are NAME=VALUE, one a line, the value kept whole', () => {
    expect(inputs({ options: 'arch=aarch64\ndebug = True\nflags=a=b c' }).options).toEqual([
      ['arch', 'aarch64'],
      ['debug', 'True'],
      ['flags', 'a=b c'],
    ]);
  });

  it('an option line without = is refused, quoting the line', () => {
    expect(problems({ options: 'arch aarch64' })).toEqual(["input 'options': 'arch aarch64' is not NAME=VALUE (one option a line)"]);
  });

  it('remotes must be URLs', () => {
    expect(inputs({ remotes: 'https://cache.example.com/cairn\nfile:///srv/ostree' }).remotes).toEqual(['https://cache.example.com/cairn', 'file:///srv/ostree']);
    expect(problems({ remotes: 'cache.example.com' })).toEqual([
      "input 'remotes': 'cache.example.com' is not a URL (http://, https:// or file://; one remote a line)",
    ]);
  });
});

describe('choices, numbers and booleans', () => {
  it('accept their documented values', () => {
    const parsed = inputs({ 'on-error': 'quit', cache: 'none', push: 'true', 'upload-logs': 'all', strict: 'False', 'fix-userns': 'true', builders: '4', 'max-jobs': '8' });
    expect(parsed).toMatchObject({ onError: 'quit', cache: 'none', push: 'true', uploadLogs: 'all', strict: false, fixUserns: true, builders: 4, maxJobs: 8 });
  });

  it('name the input and what it takes when a value is wrong', () => {
    expect(problems({ cache: 'github' })).toEqual(["input 'cache': must be actions or none, not 'github'"]);
    expect(problems({ push: 'always' })).toEqual(["input 'push': must be auto, true or false, not 'always'"]);
    expect(problems({ 'on-error': 'ignore' })).toEqual(["input 'on-error': must be quit, continue or terminate, not 'ignore'"]);
    expect(problems({ 'upload-logs': 'yes' })).toEqual(["input 'upload-logs': must be failed, all or none, not 'yes'"]);
    expect(problems({ strict: 'yes' })).toEqual(["input 'strict': must be true or false, not 'yes'"]);
    expect(problems({ builders: '0' })).toEqual(["input 'builders': must be a positive whole number, not '0'"]);
    expect(problems({ 'max-jobs': 'many' })).toEqual(["input 'max-jobs': must be a positive whole number, not 'many'"]);
  });

  it('report every wrong input at once', () => {
    expect(problems({ cache: 'github', builders: '-1', checkout: 'a.bst b.bst' })).toHaveLength(3);
  });
});

describe('max-cache-size', () => {
  it('is a size in powers of 1024, plain bytes, or infinity', () => {
    expect(inputs({ 'max-cache-size': '500M' }).maxCacheSize).toBe(500 * 1024 ** 2);
    expect(inputs({ 'max-cache-size': '1.5GiB' }).maxCacheSize).toBe(1.5 * 1024 ** 3);
    expect(inputs({ 'max-cache-size': '123456' }).maxCacheSize).toBe(123456);
    expect(inputs({ 'max-cache-size': 'infinity' }).maxCacheSize).toBe(Number.POSITIVE_INFINITY);
  });

  it('is not a percentage, which has no disk to be a share of', () => {
    expect(problems({ 'max-cache-size': '50%' })).toEqual(["input 'max-cache-size': must be a size such as 4G or 500M, not a percentage ('50%')"]);
  });

  it('refuses what is not a size', () => {
    expect(problems({ 'max-cache-size': 'big' })[0]).toMatch(/^input 'max-cache-size': must be a size such as 4G/);
    expect(problems({ 'max-cache-size': '0' })).toEqual(["input 'max-cache-size': must be more than 0, not '0'"]);
  });
});

describe('checkout', () => {
  it('names one element', () => {
    expect(inputs({ checkout: ' image.bst ' }).checkout).toBe('image.bst');
    expect(problems({ checkout: 'a.bst b.bst' })).toEqual(["input 'checkout': names one element, not 'a.bst b.bst'"]);
  });
});
