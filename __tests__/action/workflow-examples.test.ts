// The workflows users copy (examples/workflows/, explained in docs/ci-recipes.md) and the
// project's own: every Cairn step gives only inputs action.yml declares, with values the action
// accepts, reads only outputs it sets, and runs with the permissions saving needs.

import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { InputName } from '../../src/action/constants.js';
import { parseInputs } from '../../src/action/inputs.js';
import { repoRoot as root } from '../helpers/paths.js';

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly run?: string;
  readonly env?: Record<string, unknown>;
}
interface Workflow {
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, { readonly permissions?: Record<string, string>; readonly steps: Step[] }>;
}

const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const examples = fs.readdirSync(path.join(root, 'examples', 'workflows')).filter((f) => f.endsWith('.yml')).map((f) => path.join('examples', 'workflows', f));
const workflows = [...examples, '.github/workflows/action.yml'];

const isCairn = (step: Step): boolean => step.uses !== undefined && (step.uses === './' || /\/cairn@v\d+$/.test(step.uses));
const read = (file: string): Workflow => parse(fs.readFileSync(path.join(root, file), 'utf8')) as Workflow;
/** A `${{ … }}` expression replaced by a value it could take on a runner. */
const sample = (text: string): string => text.replace(/\$\{\{\s*matrix\.arch\s*\}\}/g, 'x86_64').replace(/\$\{\{[^}]*\}\}/g, '/home/runner/work/_temp/project');

describe('the example workflows', () => {
  it('are the three docs/ci-recipes.md explains, each linked from it', () => {
    expect(examples.map((f) => path.basename(f)).sort()).toEqual(['matrix.yml', 'merge-request.yml', 'nightly-image.yml']);
    const recipes = fs.readFileSync(path.join(root, 'docs', 'ci-recipes.md'), 'utf8');
    for (const file of examples) expect(recipes).toContain(`(../${file})`);
  });

  describe.each(workflows)('%s', (file) => {
    const workflow = read(file);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => ({ job, step })));
    const cairnSteps = steps.filter(({ step }) => isCairn(step));

    it('uses the action', () => {
      expect(cairnSteps.length).toBeGreaterThan(0);
    });

    it('gives only inputs action.yml declares, with values the action accepts', () => {
      for (const { step } of cairnSteps) {
        const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, sample(String(value))]));
        for (const name of Object.keys(given)) expect(Object.keys(action.inputs)).toContain(name);
        const parsed = parseInputs((name: InputName) => given[name] ?? '');
        expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      }
    });

    it('reads only outputs the action sets', () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const outputs = [...text.matchAll(/steps\.cairn\.outputs\.([a-z-]+)/g)].map((m) => m[1]);
      for (const output of outputs) expect(Object.keys(action.outputs)).toContain(output);
    });

    it('may save to the Actions cache (actions: write) when its runs save', () => {
      for (const { job } of cairnSteps) {
        const permissions = job.permissions ?? workflow.permissions;
        expect(permissions?.['actions']).toBe('write');
      }
    });
  });

  it('the nightly may create the release it publishes', () => {
    const nightly = read('examples/workflows/nightly-image.yml');
    expect(nightly.permissions?.['contents']).toBe('write');
    const publish = Object.values(nightly.jobs).flatMap((job) => job.steps).find((step) => step.run?.includes('gh release create'));
    expect(publish?.env?.['IMAGE_DIR']).toBe('${{ steps.cairn.outputs.checkout-path }}');
  });
});
