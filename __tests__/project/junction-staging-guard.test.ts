// The loader's guard against staging a junction for ever: when staging claims success but the
// next load still does not find the staged directory, the load stops with a user-facing error
// at the junction. Only a concurrent process removing `.bst/staged-junctions/` does that for
// real, so the staging module is replaced here by one that never stages anything.

import { afterAll, expect, it, jest } from '@jest/globals';
import type { ComposedSource } from '../../src/project/source-api.js';

const NOWHERE = '/nonexistent/.bst/staged-junctions/sub/key';
const stageJunction = jest.fn(async () => undefined);

jest.unstable_mockModule('../../src/project/junction-sources.js', () => ({
  locateJunction: (junction: string, sources: readonly ComposedSource[]) => ({
    state: 'stage-needed',
    staging: { junction, sources, sourceCache: '/nonexistent/sources', directory: NOWHERE },
  }),
  stageJunction,
}));

const { CairnError } = await import('../../src/format/errors.js');
const { lines, loadError, removeProjects, whereOf, writeProject } = await import('../helpers/fixture-project.js');

afterAll(removeProjects);

it('a junction staged but still not found is a CairnError at the junction, after one try', async () => {
  const project = writeProject({
    'sub.bst': lines('kind: junction', 'sources:', '- kind: git', '  url: https://example.com/sub.git', '  ref: 0123456789abcdef0123456789abcdef01234567'),
    'app.bst': lines('kind: stack', 'depends:', '- sub.bst:app.bst'),
  });
  const error = await loadError(project, ['app.bst'], { sourceDirectory: '/nonexistent/sources' });
  expect(error).toBeInstanceOf(CairnError);
  expect(error.message).toBe(`junction 'sub.bst' was staged but is still not found at ${NOWHERE}`);
  expect(whereOf(error)).toBe('sub.bst:1:7');
  expect(stageJunction).toHaveBeenCalledTimes(1);
});
