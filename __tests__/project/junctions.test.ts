// Junctions as BuildStream 2 documents them: a subproject reached through a `kind: junction`
// element, its elements addressed as `junction.bst:element.bst` (at any depth), with its own
// project name, its own options set by the junction, overrides, and includes across it.

import fs from 'node:fs';
import path from 'node:path';
import { lines, load, loadError, loadOne, names, removeProjects, whereOf, writeProject } from '../helpers/fixture-project.js';

afterAll(removeProjects);

/** A junction element whose subproject is the directory `sourcePath`, with extra lines (config:). */
function junction(sourcePath: string, ...extra: string[]): string {
  return lines('kind: junction', 'sources:', '- kind: local', `  path: ${sourcePath}`, ...extra);
}

/** A top project `test` with a subproject `sub` in sub/, and `subsub` nested in sub/subsub/. */
const NESTED = {
  'junction.bst': junction('sub'),
  'target.bst': lines('kind: stack', 'depends:', '- junction.bst:hello.bst'),
  'sub/project.conf': lines('name: sub', 'min-version: 2.0'),
  'sub/hello.bst': lines('kind: manual', 'variables:', '  greeting: hello from %{project-name}', 'depends:', '- deeper.bst:leaf.bst'),
  'sub/deeper.bst': junction('subsub'),
  'sub/subsub/project.conf': lines('name: subsub', 'min-version: 2.0'),
  'sub/subsub/leaf.bst': 'kind: manual\n',
};

describe('junctions', () => {
  it('an element of a subproject in a local directory is addressed as junction.bst:element.bst', async () => {
    const graph = await load(writeProject(NESTED), ['target.bst']);
    expect(names(graph.scope('all'))).toEqual(['junction.bst:deeper.bst:leaf.bst', 'junction.bst:hello.bst', 'target.bst']);
  });

  it('a junction inside a subproject is addressed with two junctions in the name', async () => {
    const graph = await load(writeProject(NESTED), ['junction.bst:deeper.bst:leaf.bst']);
    const leaf = graph.targets[0]!;
    expect(leaf.fullName).toBe('junction.bst:deeper.bst:leaf.bst');
    expect(leaf.name).toBe('leaf.bst');
    expect(leaf.project.name).toBe('subsub');
    // The same element, whether reached from the top or from inside the subproject.
    const hello = graph.lookup('junction.bst:hello.bst');
    expect(hello.dependencies[0]!.element).toBe(leaf);
  });

  it('a subproject element sees its own project name in its variables and build root', async () => {
    const graph = await load(writeProject(NESTED), ['target.bst']);
    const hello = graph.keyed(graph.lookup('junction.bst:hello.bst'));
    expect(hello.composed.variables.get('project-name')).toBe('sub');
    expect(hello.composed.variables.get('greeting')).toBe('hello from sub');
    expect(hello.composed.variables.get('build-root')).toBe('/buildstream/sub/hello.bst');
    const leaf = graph.keyed(graph.lookup('junction.bst:deeper.bst:leaf.bst'));
    expect(leaf.composed.variables.get('build-root')).toBe('/buildstream/subsub/leaf.bst');
  });

  it('the project name of a subproject enters its elements\' keys', async () => {
    const renamed = { ...NESTED, 'sub/project.conf': lines('name: renamed', 'min-version: 2.0') };
    const original = await loadOne(writeProject(NESTED), 'junction.bst:hello.bst');
    const other = await loadOne(writeProject(renamed), 'junction.bst:hello.bst');
    expect(original.keys!.strict).not.toBe(other.keys!.strict);
  });

  it('a junction\'s config: options: sets an option of the subproject', async () => {
    const files = {
      'junction.bst': junction('sub', 'config:', '  options:', '    flavour: fancy'),
      'plain.bst': junction('sub'),
      'sub/project.conf': lines(
        'name: sub',
        'min-version: 2.0',
        'options:',
        '  flavour:',
        '    type: enum',
        '    description: How it tastes',
        '    values: [plain, fancy]',
        '    default: plain',
        '    variable: flavour',
      ),
      'sub/hello.bst': lines('kind: manual', 'variables:', '  topping: none', '  (?):', '  - flavour == "fancy":', '      topping: sprinkles'),
    };
    const graph = await load(writeProject(files), ['junction.bst:hello.bst', 'plain.bst:hello.bst']);
    const [fancy, plain] = graph.targets.map((e) => graph.keyed(e).composed.variables);
    expect(fancy!.get('flavour')).toBe('fancy');
    expect(fancy!.get('topping')).toBe('sprinkles');
    expect(plain!.get('flavour')).toBe('plain');
    expect(plain!.get('topping')).toBe('none');
  });

  it('a dependency can name its junction with junction: instead of a prefix', async () => {
    const dir = writeProject({ ...NESTED, 'target.bst': lines('kind: stack', 'depends:', '- filename: hello.bst', '  junction: junction.bst') });
    const graph = await load(dir, ['target.bst']);
    expect(names(graph.scope('all'))).toEqual(['junction.bst:deeper.bst:leaf.bst', 'junction.bst:hello.bst', 'target.bst']);
  });

  it('config: path: finds project.conf in a subdirectory of the junction\'s source', async () => {
    const dir = writeProject({
      'junction.bst': junction('sub', 'config:', '  path: inner'),
      'sub/inner/project.conf': lines('name: inner', 'min-version: 2.0'),
      'sub/inner/hello.bst': 'kind: stack\n',
    });
    const graph = await load(dir, ['junction.bst:hello.bst']);
    expect(graph.targets[0]!.project.name).toBe('inner');
  });

  describe('a local junction source may not leave the project', () => {
    /** A loadable subproject in a sibling of the project whose name starts with the project's. */
    function withSibling(run: (dir: string, sibling: string) => Promise<void>): () => Promise<void> {
      return async () => {
        const dir = writeProject({ 'target.bst': lines('kind: stack', 'depends:', '- junction.bst:hello.bst') });
        const sibling = `${dir}-other`;
        fs.mkdirSync(sibling);
        try {
          fs.writeFileSync(path.join(sibling, 'project.conf'), lines('name: other', 'min-version: 2.0'));
          fs.writeFileSync(path.join(sibling, 'hello.bst'), 'kind: stack\n');
          await run(dir, path.basename(sibling));
        } finally {
          fs.rmSync(sibling, { recursive: true, force: true });
        }
      };
    }

    it('not through a sibling directory whose name starts with the project\'s, at the source\'s path:', withSibling(async (dir, sibling) => {
      fs.writeFileSync(path.join(dir, 'junction.bst'), junction(`../${sibling}`));
      const error = await loadError(dir, ['target.bst']);
      expect(error.reason).toBe('invalid-path');
      expect(error.message).toBe(`the local source path of junction 'junction.bst' '../${sibling}' points outside the project`);
      expect(whereOf(error)).toBe('junction.bst:4:9');
    }));

    it('nor through such a sibling named by config: path:, at that path:', withSibling(async (dir, sibling) => {
      fs.writeFileSync(path.join(dir, 'junction.bst'), junction('.', 'config:', `  path: ../${sibling}`));
      const error = await loadError(dir, ['target.bst']);
      expect(error.reason).toBe('invalid-path');
      expect(error.message).toBe("the config: path: of junction 'junction.bst' leaves the project");
      expect(whereOf(error)).toBe('junction.bst:6:9');
    }));
  });

  it('a junction without project.conf is an error at the junction', async () => {
    const dir = writeProject({ 'junction.bst': junction('sub'), 'sub/hello.bst': 'kind: stack\n' });
    const error = await loadError(dir, ['junction.bst:hello.bst']);
    expect(error.reason).toBe('invalid-junction');
    expect(error.message).toBe("junction 'junction.bst' has no project.conf at sub");
    expect(whereOf(error)).toBe('junction.bst:1:7');
  });

  it('errors in a subproject\'s files name the file through its junction', async () => {
    const dir = writeProject({ ...NESTED, 'sub/hello.bst': lines('kind: manual', 'frobnicate: yes') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("unexpected key 'frobnicate' in element 'hello.bst'");
    expect(whereOf(error)).toBe('junction.bst:hello.bst:2:1');
  });

  it('a link to a junction can stand for the junction in an element name', async () => {
    const dir = writeProject({ ...NESTED, 'sub-link.bst': lines('kind: link', 'config:', '  target: junction.bst') });
    const graph = await load(dir, ['sub-link.bst:hello.bst']);
    expect(names(graph.targets)).toEqual(['junction.bst:hello.bst']);
  });

  it('a link loop standing for a junction on the command line is reported against the command line', async () => {
    const dir = writeProject({ 'loop.bst': lines('kind: link', 'config:', '  target: loop.bst') });
    const error = await loadError(dir, ['loop.bst:hello.bst']);
    expect(error.reason).toBe('circular-dependency');
    expect(error.message).toBe('links form a loop: loop.bst -> loop.bst');
    // Targets from the command line carry this position (before the fix it was the project's
    // include resolver cast to a position, printed as undefined:undefined:undefined).
    expect(whereOf(error)).toBe('<command line>:0:0');
  });

  it('an element that is not a junction cannot be used as one', async () => {
    const dir = writeProject({ 'a.bst': 'kind: stack\n', 'target.bst': lines('kind: stack', 'depends:', '- a.bst:b.bst') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-junction');
    expect(error.message).toBe("'a.bst' is not a junction (its kind is 'stack')");
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('a junction cannot have dependencies', async () => {
    const dir = writeProject({ ...NESTED, 'junction.bst': junction('sub', 'depends:', '- target.bst') });
    const error = await loadError(dir, ['junction.bst:hello.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe('a junction element cannot have dependencies');
    expect(whereOf(error)).toBe('junction.bst:6:3');
  });

  it('a junction may not set an option its subproject does not declare', async () => {
    const dir = writeProject({ ...NESTED, 'junction.bst': junction('sub', 'config:', '  options:', '    flavour: fancy') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-option');
    expect(error.message).toBe("unknown option 'flavour': this project declares no options");
    expect(whereOf(error)).toBe('junction.bst:7:5');
  });

  it('depending on the junction itself is an error at the dependency', async () => {
    const dir = writeProject({ ...NESTED, 'target.bst': lines('kind: stack', 'depends:', '- junction.bst') });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('invalid-data');
    expect(error.message).toBe("'junction.bst' is a junction: depend on an element inside it, as 'junction.bst:element.bst'");
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('a junction whose source must be fetched cannot load its subproject yet', async () => {
    const dir = writeProject({
      'junction.bst': lines('kind: junction', 'sources:', '- kind: git', '  url: https://example.com/sub.git', '  ref: 0123456789abcdef0123456789abcdef01234567'),
      'target.bst': lines('kind: stack', 'depends:', '- junction.bst:hello.bst'),
    });
    const error = await loadError(dir, ['target.bst']);
    expect(error.reason).toBe('source-not-cached');
    expect(error.message).toBe("junction 'junction.bst' must be fetched before its subproject can load");
    expect(error.hint).toBe('run cairn fetch junction.bst');
    expect(whereOf(error)).toBe('target.bst:3:3');
  });

  it('config: overrides: replaces a subproject element with one of the top project', async () => {
    const dir = writeProject({
      'junction.bst': junction('sub', 'config:', '  overrides:', '    base.bst: my-base.bst'),
      'my-base.bst': lines('kind: manual', 'variables:', '  built-by: top'),
      'sub/project.conf': lines('name: sub', 'min-version: 2.0'),
      'sub/base.bst': 'kind: manual\n',
      'sub/app.bst': lines('kind: manual', 'depends:', '- base.bst'),
    });
    const graph = await load(dir, ['junction.bst:app.bst']);
    expect(names(graph.scope('all'))).toEqual(['my-base.bst', 'junction.bst:app.bst']);
    expect(graph.keyed(graph.lookup('my-base.bst')).composed.variables.get('project-name')).toBe('test');
  });
});

describe('includes across junctions', () => {
  it('an element can include junction.bst:file.yml from the subproject', async () => {
    const dir = writeProject({
      'junction.bst': junction('sub'),
      'sub/project.conf': lines('name: sub', 'min-version: 2.0'),
      'sub/include/common.yml': lines('variables:', "  included: 'True'", '  colour: blue'),
      'element.bst': lines('kind: manual', '(@): junction.bst:include/common.yml', 'variables:', '  colour: red'),
    });
    const element = await loadOne(dir, 'element.bst');
    expect(element.composed.variables.get('included')).toBe('True');
    // The includer wins over what it includes.
    expect(element.composed.variables.get('colour')).toBe('red');
  });

  it('a file included from a junction is expanded with the subproject\'s variables', async () => {
    const dir = writeProject({
      'junction.bst': junction('sub'),
      'sub/project.conf': lines('name: sub', 'min-version: 2.0'),
      'sub/common.yml': lines('variables:', '  origin: "%{project-name}"'),
      'element.bst': lines('kind: manual', '(@): junction.bst:common.yml'),
    });
    const element = await loadOne(dir, 'element.bst');
    expect(element.composed.variables.get('origin')).toBe('sub');
  });

  it('a file included from a junction resolves its conditionals with the subproject\'s options', async () => {
    const dir = writeProject({
      'junction.bst': junction('sub', 'config:', '  options:', '    local_option: set'),
      'sub/project.conf': lines(
        'name: test-sub',
        'min-version: 2.0',
        'options:',
        '  local_option:',
        '    type: enum',
        '    description: Testing',
        '    variable: local_option',
        '    default: default',
        '    values: [default, set]',
      ),
      'sub/extra_conf.yml': lines(
        '(?):',
        "- local_option == 'default':",
        '    variables:',
        "      is-default: 'True'",
        "- local_option == 'set':",
        '    variables:',
        "      is-default: 'False'",
      ),
      'element.bst': lines('kind: manual', '', '(@):', '  - junction.bst:extra_conf.yml'),
    });
    const element = await loadOne(dir, 'element.bst');
    expect(element.composed.variables.get('is-default')).toBe('False');
  });
});
