// Dependencies as BuildStream 2 documents them: the declaration forms, merged declarations,
// their errors, cycles, scopes in BuildStream's order, `--except`, key stability, deep chains
// and link elements.

import { selectElements } from '../../src/cli/commands/show-render.js';
import { loadPipeline } from '../../src/engine/pipeline.js';
import { lines, load, loadError, names, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';

afterAll(removeProjects);

const STACK = 'kind: stack\n';
const MANUAL = 'kind: manual\n';

/** Each direct dependency of `name` as `dep.bst:type`, by name (the loader has put them in staging order). */
function declared(graph: Awaited<ReturnType<typeof load>>, name: string): string[] {
  return graph
    .lookup(name)
    .dependencies.map((d) => `${d.element.fullName}:${d.type}`)
    .sort();
}

describe('dependency declarations', () => {
  it('a dependency can be a name, a mapping with filename, or a mapping with a list of filenames', async () => {
    const dir = writeProject({
      'target.bst': lines(
        'kind: manual',
        'depends:',
        '- a.bst',
        '- filename: b.bst',
        '- filename: [c.bst, d.bst]',
      ),
      'a.bst': MANUAL,
      'b.bst': MANUAL,
      'c.bst': MANUAL,
      'd.bst': MANUAL,
    });
    const graph = await load(dir, ['target.bst']);
    expect(declared(graph, 'target.bst')).toEqual(['a.bst:all', 'b.bst:all', 'c.bst:all', 'd.bst:all']);
  });

  it('type: build and type: runtime make build-only and runtime-only dependencies', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'depends:', '- filename: tool.bst', '  type: build', '- filename: lib.bst', '  type: runtime'),
      'tool.bst': MANUAL,
      'lib.bst': MANUAL,
    });
    const graph = await load(dir, ['target.bst']);
    expect(declared(graph, 'target.bst')).toEqual(['lib.bst:runtime', 'tool.bst:build']);
    expect(names(graph.scope('build'))).toEqual(['tool.bst']);
    expect(names(graph.scope('run'))).toEqual(['lib.bst', 'target.bst']);
  });

  it('build-depends and runtime-depends on the same element merge into one dependency of both types', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'build-depends:', '- base.bst', 'runtime-depends:', '- base.bst'),
      'base.bst': MANUAL,
    });
    const graph = await load(dir, ['target.bst']);
    expect(declared(graph, 'target.bst')).toEqual(['base.bst:all']);
    expect(names(graph.scope('build'))).toEqual(['base.bst']);
    expect(names(graph.scope('run'))).toEqual(['base.bst', 'target.bst']);
  });

  it('type is not allowed inside build-depends', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'build-depends:', '- filename: base.bst', '  type: runtime'),
      'base.bst': MANUAL,
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unexpected key 'type' in a dependency");
    expect(whereOf(error)).toBe('target.bst:4:3');
  });

  it('strict: false is refused', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'depends:', '- filename: base.bst', '  strict: false'),
      'base.bst': MANUAL,
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("setting 'strict' to false is not supported");
    expect(whereOf(error)).toBe('target.bst:4:11');
  });

  it('a runtime dependency cannot be strict', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: manual', 'runtime-depends:', '- filename: base.bst', '  strict: true'),
      'base.bst': MANUAL,
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe('a runtime dependency cannot be strict');
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('a dependency cycle names every element in the loop', async () => {
    const dir = writeProject({
      'a.bst': lines('kind: stack', 'depends:', '- b.bst'),
      'b.bst': lines('kind: stack', 'depends:', '- a.bst'),
    });
    const error = await loadError(dir, ['a.bst']);
    expect(error.reason).toBe('circular-dependency');
    expect(error.message).toBe('dependency cycle: a.bst -> b.bst -> a.bst');
    expect(whereOf(error)).toBe('b.bst:3:3');
  });

  it('a longer cycle below the target names only the elements in the loop', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- a.bst'),
      'a.bst': lines('kind: stack', 'depends:', '- b.bst'),
      'b.bst': lines('kind: stack', 'depends:', '- c.bst'),
      'c.bst': lines('kind: stack', 'depends:', '- a.bst'),
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('circular-dependency');
    expect(error.message).toBe('dependency cycle: a.bst -> b.bst -> c.bst -> a.bst');
    expect(whereOf(error)).toBe('c.bst:3:3');
  });
});

describe('scopes', () => {
  // BuildStream's tests/format/dependencies2 project, element for element.
  const pony = lines('kind: manual', 'description: Some kinda manual element', 'config:', '  configure-commands:', '  - pony');
  const DEPENDENCIES2 = {
    'project.conf': lines('name: pony', 'min-version: 2.0'),
    'build-build.bst': pony,
    'run-build.bst': pony,
    'run.bst': pony,
    'build.bst': pony + lines('depends:', '- filename: build-build.bst', '  type: build', '- filename: run-build.bst', '  type: runtime'),
    'dep-one.bst': pony + lines('depends:', '- filename: build.bst', '  type: build'),
    'dep-two.bst': pony + lines('depends:', '- filename: build.bst', '  type: build', '- filename: run.bst', '  type: runtime'),
    'target.bst': pony + lines('depends:', '- dep-one.bst', '- dep-two.bst'),
    'merge-separate-lists.bst': lines('kind: manual', 'build-depends:', '- run-build.bst', 'runtime-depends:', '- run-build.bst'),
    'merge-single-list.bst': lines('kind: manual', 'depends:', '- filename: run-build.bst', '  type: runtime', '- filename: run-build.bst', '  type: build'),
  };

  it('all: every dependency, build ones before runtime ones, then the target', async () => {
    const graph = await load(writeProject(DEPENDENCIES2), ['target.bst']);
    expect(names(graph.scope('all'))).toEqual(['build-build.bst', 'run-build.bst', 'build.bst', 'dep-one.bst', 'run.bst', 'dep-two.bst', 'target.bst']);
  });

  it('run: the runtime closure, then the target', async () => {
    const graph = await load(writeProject(DEPENDENCIES2), ['target.bst']);
    expect(names(graph.scope('run'))).toEqual(['dep-one.bst', 'run.bst', 'dep-two.bst', 'target.bst']);
  });

  it('build: the build dependencies with their runtime closure, without the target', async () => {
    const graph = await load(writeProject(DEPENDENCIES2), ['target.bst']);
    expect(names(graph.scope('build'))).toEqual(['dep-one.bst', 'run.bst', 'dep-two.bst']);
  });

  it('build of a dependency: its build dependency comes after that one\'s runtime dependencies', async () => {
    const graph = await load(writeProject(DEPENDENCIES2), ['dep-two.bst']);
    expect(names(graph.scope('build'))).toEqual(['run-build.bst', 'build.bst']);
  });

  it.each(['merge-separate-lists.bst', 'merge-single-list.bst'])('%s depends on run-build.bst once, for build and run', async (target) => {
    const graph = await load(writeProject(DEPENDENCIES2), [target]);
    expect(names(graph.scope('build'))).toEqual(['run-build.bst']);
    expect(names(graph.scope('run'))).toEqual(['run-build.bst', target]);
  });
});

describe('--except', () => {
  // top depends on x and y; both depend on base; only x depends on x-only.
  const DIAMOND = {
    'top.bst': lines('kind: stack', 'depends:', '- x.bst', '- y.bst'),
    'x.bst': lines('kind: stack', 'depends:', '- base.bst', '- x-only.bst'),
    'y.bst': lines('kind: stack', 'depends:', '- base.bst'),
    'base.bst': STACK,
    'x-only.bst': STACK,
  };

  it('excepting an element drops it and what only it needs, but keeps what others still need', async () => {
    const graph = await load(writeProject(DIAMOND), ['top.bst']);
    expect(names(graph.scope('all'))).toEqual(['base.bst', 'x-only.bst', 'x.bst', 'y.bst', 'top.bst']);
    expect(names(selectElements(graph, 'all', [graph.lookup('x.bst')]))).toEqual(['base.bst', 'y.bst', 'top.bst']);
  });

  it('excepting an element every path goes through drops everything beneath it', async () => {
    const graph = await load(writeProject(DIAMOND), ['top.bst']);
    expect(names(selectElements(graph, 'all', [graph.lookup('x.bst'), graph.lookup('y.bst')]))).toEqual(['top.bst']);
  });
});

describe('cache keys and targets', () => {
  const PROJECT = {
    't1.bst': lines('kind: manual', 'depends:', '- a.bst', '- b.bst'),
    't2.bst': lines('kind: manual', 'depends:', '- b.bst', '- c.bst'),
    'top.bst': lines('kind: stack', 'depends:', '- t2.bst', '- t1.bst'),
    'a.bst': lines('kind: manual', 'depends:', '- c.bst'),
    'b.bst': lines('kind: manual', 'build-depends:', '- c.bst'),
    'c.bst': MANUAL,
  };

  it('an element\'s key does not depend on which targets are asked for, or in what order', async () => {
    const dir = writeProject(PROJECT);
    const strictKeys = async (targets: string[]): Promise<Map<string, string>> => {
      const graph = await load(dir, targets);
      return new Map(graph.scope('all').map((e) => [e.fullName, graph.keyed(e).keys!.strict]));
    };
    const forward = await strictKeys(['t1.bst', 't2.bst']);
    const backward = await strictKeys(['t2.bst', 't1.bst']);
    const viaTop = await strictKeys(['top.bst']);
    for (const name of ['a.bst', 'b.bst', 'c.bst', 't1.bst', 't2.bst']) {
      expect(forward.get(name)).toMatch(/^[0-9a-f]{64}$/);
      expect(backward.get(name)).toBe(forward.get(name));
      expect(viaTop.get(name)).toBe(forward.get(name));
    }
  });

  it('a chain of 3,000 elements loads and keys', async () => {
    // Build-only links keep each build scope to one element, so the test measures depth, not
    // the quadratic key size a chain of runtime dependencies has in BuildStream too.
    const files: Record<string, string> = { 'e0.bst': MANUAL };
    for (let i = 1; i < 3000; i++) files[`e${i}.bst`] = lines('kind: manual', 'build-depends:', `- e${i - 1}.bst`);
    const graph = await loadPipeline({ directory: writeProject(files), targets: ['e2999.bst'] });
    // The target first: keying it has to reach all the way down the chain.
    expect(graph.keyed(graph.targets[0]!).keys?.strict).toMatch(/^[0-9a-f]{64}$/);
    const all = graph.scope('all');
    expect(all).toHaveLength(3000);
    expect(all[0]!.fullName).toBe('e0.bst');
    expect(graph.keyed(all[0]!).keys?.strict).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('link elements', () => {
  it('depending on a link depends on its target', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- alias.bst'),
      'alias.bst': lines('kind: link', 'config:', '  target: real.bst'),
      'real.bst': STACK,
    });
    const graph = await load(dir, ['target.bst']);
    expect(names(graph.scope('all'))).toEqual(['real.bst', 'target.bst']);
    expect(graph.targets[0]!.dependencies[0]!.path).toBe('alias.bst');
  });

  it('a link to a link is followed to the end', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- first.bst'),
      'first.bst': lines('kind: link', 'config:', '  target: second.bst'),
      'second.bst': lines('kind: link', 'config:', '  target: real.bst'),
      'real.bst': STACK,
    });
    const graph = await load(dir, ['target.bst']);
    expect(names(graph.scope('all'))).toEqual(['real.bst', 'target.bst']);
  });

  it('a link given as a target stands for its target', async () => {
    const dir = writeProject({
      'alias.bst': lines('kind: link', 'config:', '  target: real.bst'),
      'real.bst': STACK,
    });
    const graph = await load(dir, ['alias.bst']);
    expect(names(graph.targets)).toEqual(['real.bst']);
  });

  it('links that point at each other are an error naming the loop', async () => {
    const dir = writeProject({
      'target.bst': lines('kind: stack', 'depends:', '- ping.bst'),
      'ping.bst': lines('kind: link', 'config:', '  target: pong.bst'),
      'pong.bst': lines('kind: link', 'config:', '  target: ping.bst'),
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('circular-dependency');
    expect(error.message).toBe('links form a loop: ping.bst -> pong.bst -> ping.bst');
    expect(whereOf(error)).toBe('target.bst:3:3');
  });
});
