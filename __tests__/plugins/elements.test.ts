import { CairnError, formatProvenance } from '../../src/format/errors.js';
import { compositeInto, MappingNode, ScalarNode, SequenceNode, type Node } from '../../src/format/node.js';
import { readYaml } from '../../src/format/yaml-reader.js';
import type { DependencyType, DependencyView, ElementPlugin, ElementView } from '../../src/project/plugin-api.js';
import { builtinElementPlugins } from '../../plugins/elements/index.js';

// ---------------------------------------------------------------------------------------------
// A tiny stand-in for the loader: the kind's defaults composed under an element file, variables
// expanded in config, and dependencies read from the three dependency lists with their positions.

// BuildStream's project defaults, for a project named `test`.
const BASE_VARIABLES: Readonly<Record<string, string>> = {
  prefix: '/usr',
  exec_prefix: '%{prefix}',
  bindir: '%{exec_prefix}/bin',
  sbindir: '%{exec_prefix}/sbin',
  libexecdir: '%{exec_prefix}/libexec',
  datadir: '%{prefix}/share',
  sysconfdir: '/etc',
  sharedstatedir: '%{prefix}/com',
  localstatedir: '/var',
  lib: 'lib',
  libdir: '%{prefix}/%{lib}',
  debugdir: '%{libdir}/debug',
  includedir: '%{prefix}/include',
  docdir: '%{datadir}/doc',
  infodir: '%{datadir}/info',
  mandir: '%{datadir}/man',
  'build-root': '/buildstream/test/target.bst',
  'conf-root': '.',
  'install-root': '/buildstream-install',
  'strip-binaries': '',
  'max-jobs': '4',
};

function plugin(kind: string): ElementPlugin {
  const found = builtinElementPlugins.get(kind);
  if (!found) throw new Error(`no plugin ${kind}`);
  return found;
}

function expand(text: string, variables: ReadonlyMap<string, string>): string {
  return text.replace(/%\{([^}]+)\}/g, (_, name: string) => {
    const value = variables.get(name);
    if (value === undefined) throw new Error(`undefined variable ${name}`);
    return expand(value, variables);
  });
}

function expandNode(node: Node, variables: ReadonlyMap<string, string>): void {
  if (node.kind === 'scalar') node.value = expand(node.value, variables);
  else if (node.kind === 'sequence') node.items.forEach((item) => expandNode(item, variables));
  else for (const value of node.entries.values()) expandNode(value, variables);
}

function readDependencies(file: MappingNode): DependencyView[] {
  const out: DependencyView[] = [];
  const lists: [string, DependencyType | undefined][] = [
    ['build-depends', 'build'],
    ['runtime-depends', 'runtime'],
    ['depends', undefined],
  ];
  for (const [key, listType] of lists) {
    const list = file.get(key);
    if (list?.kind !== 'sequence') continue;
    for (const item of list.items) {
      if (item.kind === 'scalar') {
        out.push({ name: item.value, fullName: item.value, path: item.value, type: listType ?? 'all', configs: [], at: item.at });
      } else if (item.kind === 'mapping') {
        const filename = item.get('filename') as ScalarNode;
        const type = (item.get('type') as ScalarNode | undefined)?.value as DependencyType | undefined;
        const config = item.get('config') as MappingNode | undefined;
        out.push({
          name: filename.value,
          fullName: filename.value,
          path: filename.value,
          type: listType ?? type ?? 'all',
          configs: config ? [config] : [],
          at: item.at,
        });
      }
    }
  }
  return out;
}

/** An element as a kind sees it, from the text of its .bst file. */
function view(text: string, file = 'elements/target.bst'): ElementView {
  const bst = readYaml(text, file);
  const kind = (bst.get('kind') as ScalarNode).value;
  const kindPlugin = plugin(kind);
  const composed = readYaml(kindPlugin.defaults, kindPlugin.defaultsFile);
  compositeInto(composed, bst);

  const variables = new Map(Object.entries(BASE_VARIABLES));
  const declared = composed.get('variables');
  if (declared?.kind === 'mapping') {
    for (const [name, value] of declared.entries) variables.set(name, (value as ScalarNode).value);
  }
  for (const [name, value] of variables) variables.set(name, expand(value, variables));

  const config = (composed.get('config') as MappingNode | undefined) ?? MappingNode.empty();
  expandNode(config, variables);
  const dependencies = readDependencies(bst);
  for (const dep of dependencies) dep.configs.forEach((c) => expandNode(c, variables));
  const sources = bst.get('sources');
  return {
    name: file.replace(/^elements\//, ''),
    kind,
    config,
    variables,
    dependencies,
    sourceCount: sources?.kind === 'sequence' ? sources.items.length : 0,
    at: bst.whereIs('kind'),
  };
}

function keyOf(text: string): unknown {
  const element = view(text);
  const kindPlugin = plugin(element.kind);
  kindPlugin.validate(element);
  return kindPlugin.uniqueKey(element);
}

/** The error validate() throws, as `file:line:column: message`. */
function validationError(text: string): string {
  const element = view(text);
  try {
    plugin(element.kind).validate(element);
  } catch (error) {
    if (error instanceof CairnError) {
      expect(error.reason).toBe('invalid-data');
      expect(error.provenance).toBeDefined();
      return `${formatProvenance(error.provenance!)}: ${error.message}`;
    }
    throw error;
  }
  throw new Error('expected a validation error');
}

const SOURCE = 'sources:\n- kind: local\n  path: files\n';

// ---------------------------------------------------------------------------------------------

describe('the built-in element kinds', () => {
  it('are the twelve kinds BuildStream 2 and buildstream-plugins provide', () => {
    expect([...builtinElementPlugins.keys()].sort()).toEqual(
      ['autotools', 'cmake', 'compose', 'filter', 'import', 'junction', 'link', 'make', 'manual', 'meson', 'script', 'stack'],
    );
    for (const [kind, p] of builtinElementPlugins) {
      expect(p.kind).toBe(kind);
      expect(p.defaultsFile).toBe(`plugins/elements/${kind}.yaml`);
    }
  });

  it('declare the flags that enter cache keys as BuildStream does', () => {
    const flags = Object.fromEntries(
      [...builtinElementPlugins].map(([kind, p]) => [kind, [p.artifactVersion, p.strictRebuild, p.acceptsDependencyConfig]]),
    );
    expect(flags).toEqual({
      import: [0, false, false],
      stack: [0, false, false],
      compose: [0, true, false],
      script: [0, true, true],
      filter: [1, true, false],
      link: [0, false, false],
      junction: [0, false, false],
      manual: [0, false, true],
      autotools: [0, false, true],
      cmake: [0, false, true],
      make: [0, false, true],
      meson: [0, false, true],
    });
  });

  it('run commands only when they build, script or integrate', () => {
    const runs = (text: string): boolean => {
      const element = view(text);
      return plugin(element.kind).runsCommands(element);
    };
    for (const kind of ['manual', 'autotools', 'cmake', 'make', 'meson', 'script']) expect(runs(`kind: ${kind}\n`)).toBe(true);
    for (const kind of ['import', 'stack', 'filter', 'link', 'junction']) expect(runs(`kind: ${kind}\n`)).toBe(false);
    expect(runs('kind: compose\n')).toBe(true);
    expect(runs('kind: compose\nconfig:\n  integrate: false\n')).toBe(false);
  });
});

describe('default configuration', () => {
  const plain = (kind: string): MappingNode => readYaml(plugin(kind).defaults, plugin(kind).defaultsFile);
  const scalarAt = (root: MappingNode, ...path: string[]): string => {
    let node: Node | undefined = root;
    for (const key of path) node = node?.kind === 'mapping' ? node.get(key) : undefined;
    if (node?.kind !== 'scalar') throw new Error(`no scalar at ${path.join('.')}`);
    return node.value;
  };
  const listAt = (root: MappingNode, ...path: string[]): string[] => {
    let node: Node | undefined = root;
    for (const key of path) node = node?.kind === 'mapping' ? node.get(key) : undefined;
    if (node?.kind !== 'sequence') throw new Error(`no list at ${path.join('.')}`);
    return node.items.map((item) => (item as ScalarNode).value);
  };

  it('parses for every kind, with only the keys a plugin YAML may set', () => {
    const topLevel = ['variables', 'environment', 'environment-nocache', 'config', 'public', 'sandbox'];
    for (const [kind, p] of builtinElementPlugins) {
      const root = readYaml(p.defaults, p.defaultsFile);
      expect([kind, [...root.keys()].filter((key) => !topLevel.includes(key))]).toEqual([kind, []]);
      const config = root.get('config');
      if (config?.kind === 'mapping') {
        for (const key of config.keys()) expect(p.configKeys).toContain(key);
      }
    }
  });

  it('gives the core kinds the values of their BuildStream YAML', () => {
    expect(listAt(plain('manual'), 'config', 'configure-commands')).toEqual([]);
    expect(listAt(plain('manual'), 'config', 'strip-commands')).toEqual(['%{strip-binaries}']);
    expect(scalarAt(plain('import'), 'config', 'source')).toBe('/');
    expect(scalarAt(plain('import'), 'config', 'target')).toBe('/');
    expect(scalarAt(plain('compose'), 'config', 'integrate')).toBe('True');
    expect(scalarAt(plain('compose'), 'config', 'include-orphans')).toBe('True');
    expect(listAt(plain('compose'), 'config', 'include')).toEqual([]);
    expect(listAt(plain('compose'), 'config', 'exclude')).toEqual([]);
    expect(scalarAt(plain('filter'), 'config', 'include-orphans')).toBe('False');
    expect(scalarAt(plain('filter'), 'config', 'pass-integration')).toBe('False');
    expect(scalarAt(plain('script'), 'variables', 'cwd')).toBe('/');
    expect(scalarAt(plain('script'), 'config', 'root-read-only')).toBe('False');
    expect(listAt(plain('script'), 'config', 'commands')).toEqual([]);
    for (const kind of ['stack', 'link', 'junction']) expect([...plain(kind).keys()]).toEqual([]);
  });

  it('gives the buildstream-plugins kinds their 2.x values', () => {
    const autotools = plain('autotools');
    expect(listAt(autotools, 'config', 'configure-commands')).toEqual(['%{autogen}', '%{configure}']);
    expect(listAt(autotools, 'config', 'install-commands')).toEqual(['%{make-install}', '%{delete-libtool-archives}']);
    expect(scalarAt(autotools, 'variables', 'conf-cmd')).toBe('%{conf-root}/configure');
    expect(scalarAt(autotools, 'variables', 'configure')).toBe('%{conf-cmd} %{conf-args}');
    expect(scalarAt(autotools, 'variables', 'make-install-args')).toBe('%{make-args} DESTDIR="%{install-root}" install');
    expect(scalarAt(autotools, 'variables', 'conf-args').split('\n')[0]).toBe('--prefix=%{prefix} \\');
    expect(scalarAt(autotools, 'variables', 'conf-args').split('\n').at(-1)).toBe('--infodir=%{infodir} %{conf-global} %{conf-local}');
    expect(scalarAt(autotools, 'variables', 'remove-libtool-modules')).toBe('false');
    expect(scalarAt(autotools, 'variables', 'delete-libtool-archives')).toContain('grep \'^shouldnotlink=yes$\' "${file}" &>/dev/null');
    expect(scalarAt(autotools, 'environment', 'MAKEFLAGS')).toBe('-j%{max-jobs}');
    expect(scalarAt(autotools, 'environment', 'V')).toBe('1');
    expect(listAt(autotools, 'environment-nocache')).toEqual(['MAKEFLAGS', 'V']);

    const cmake = plain('cmake');
    expect(scalarAt(cmake, 'variables', 'generator')).toBe('Ninja');
    expect(scalarAt(cmake, 'variables', 'cmake')).toBe('cmake -B%{build-dir} -H"%{conf-root}" -G"%{generator}" %{cmake-args}');
    expect(scalarAt(cmake, 'variables', 'make')).toBe('cmake --build %{build-dir} -- ${JOBS}');
    expect(scalarAt(cmake, 'environment', 'JOBS')).toBe('-j%{max-jobs}');

    const make = plain('make');
    expect(make.get('config')?.kind === 'mapping' && (make.get('config') as MappingNode).has('configure-commands')).toBe(false);
    expect(scalarAt(make, 'variables', 'make-args')).toBe('PREFIX="%{prefix}"');
    expect(scalarAt(make, 'variables', 'make-install')).toBe('make -j1 %{make-install-args}');

    const meson = plain('meson');
    expect(scalarAt(meson, 'variables', 'meson')).toBe('meson setup %{conf-root} %{build-dir} %{meson-args}');
    expect(scalarAt(meson, 'variables', 'meson-build')).toBe('ninja -v -j ${JOBS} -C %{build-dir}');
    expect(scalarAt(meson, 'variables', 'meson-install')).toBe(
      'env DESTDIR="%{install-root}" meson install -C %{build-dir} --no-rebuild',
    );
    expect(scalarAt(meson, 'environment', 'JOBS')).toBe('%{max-jobs}');
    expect(scalarAt(meson, 'variables', 'meson-args')).not.toContain('exec-prefix');
  });
});

describe('build element unique keys', () => {
  it('list the four command steps fully expanded, the default strip step giving one empty command', () => {
    expect(keyOf('kind: manual\nconfig:\n  build-commands:\n  - make PREFIX=%{prefix}\n')).toEqual({
      'configure-commands': [],
      'build-commands': ['make PREFIX=/usr'],
      'install-commands': [],
      'strip-commands': [''],
    });
  });

  it('give a kind without configure-commands an empty configure step', () => {
    const key = keyOf('kind: make\n') as Record<string, unknown>;
    expect(key['configure-commands']).toEqual([]);
    expect(key['build-commands']).toEqual(['make PREFIX="/usr"']);
    expect(key['install-commands']).toEqual(['make -j1 PREFIX="/usr" DESTDIR="/buildstream-install" install']);
  });

  it('add command-subdir when set, and notparallel for any non-empty value, even "false"', () => {
    const key = keyOf('kind: manual\nvariables:\n  command-subdir: src\n  notparallel: "false"\n');
    expect(key).toEqual({
      'configure-commands': [],
      'build-commands': [],
      'install-commands': [],
      'strip-commands': [''],
      'command-subdir': 'src',
      notparallel: true,
    });
    const plainKey = keyOf('kind: manual\nvariables:\n  command-subdir: ""\n  notparallel: ""\n') as Record<string, unknown>;
    expect(Object.keys(plainKey).sort()).toEqual(['build-commands', 'configure-commands', 'install-commands', 'strip-commands']);
  });

  it('leave layout out while every dependency is staged at /', () => {
    const key = keyOf('kind: manual\ndepends:\n- base.bst\n- filename: tools.bst\n  config:\n    location: /\n') as Record<string, unknown>;
    expect(key).not.toHaveProperty('layout');
  });

  it('record the whole layout, sorted by location, once a dependency has another location', () => {
    const key = keyOf(
      [
        'kind: manual',
        'build-depends:',
        '- filename: sysroot.bst',
        '  config:',
        '    location: "%{build-root}/sysroot"',
        '- base.bst',
        '- filename: tools.bst',
        '  config:',
        '    location: /opt',
        'runtime-depends:',
        '- runtime-only.bst',
        '',
      ].join('\n'),
    ) as Record<string, unknown>;
    expect(key['layout']).toEqual({
      '/': ['base.bst'],
      '/buildstream/test/target.bst/sysroot': ['sysroot.bst'],
      '/opt': ['tools.bst'],
    });
    expect(Object.keys(key['layout'] as object)).toEqual(['/', '/buildstream/test/target.bst/sysroot', '/opt']);
  });

  it('record digest-environment under BuildStream\'s misspelled key', () => {
    const key = keyOf(
      'kind: autotools\nbuild-depends:\n- filename: b.bst\n  config:\n    digest-environment: DEPS\n- filename: a.bst\n  config:\n    digest-environment: DEPS\n',
    ) as Record<string, unknown>;
    expect(key['digest-enviornment']).toEqual({ DEPS: ['b.bst', 'a.bst'] });
    expect(key).not.toHaveProperty('layout');
  });
});

describe('other unique keys', () => {
  it('import records source and target', () => {
    expect(keyOf(`kind: import\n${SOURCE}`)).toEqual({ source: '/', target: '/' });
    expect(keyOf(`kind: import\n${SOURCE}config:\n  source: /usr\n  target: /opt/%{prefix}\n`)).toEqual({
      source: '/usr',
      target: '/opt//usr',
    });
  });

  it('stack, link and junction are the constant 1', () => {
    expect(keyOf('kind: stack\ndepends:\n- a.bst\n')).toBe(1);
    expect(keyOf('kind: link\nconfig:\n  target: a.bst\n')).toBe(1);
    expect(keyOf(`kind: junction\n${SOURCE}`)).toBe(1);
  });

  it('compose sorts include, and adds a sorted exclude only when it is not empty', () => {
    expect(keyOf('kind: compose\n')).toEqual({ integrate: true, include: [], orphans: true });
    expect(
      keyOf('kind: compose\nconfig:\n  integrate: false\n  include-orphans: 0\n  include: [runtime, devel]\n  exclude: [locale, doc]\n'),
    ).toEqual({ integrate: false, include: ['devel', 'runtime'], orphans: false, exclude: ['doc', 'locale'] });
  });

  it('filter sorts both lists and always records exclude', () => {
    const element = 'kind: filter\nbuild-depends:\n- parent.bst\n';
    expect(keyOf(element)).toEqual({ include: [], exclude: [], orphans: false });
    expect(keyOf(`${element}config:\n  include: [b, a]\n  include-orphans: true\n`)).toEqual({
      include: ['a', 'b'],
      exclude: [],
      orphans: true,
    });
  });

  it('script records its commands, cwd, install root, layout and root-read-only', () => {
    expect(
      keyOf('kind: script\nbuild-depends:\n- tools.bst\n- base.bst\nconfig:\n  commands:\n  - touch %{install-root}/done\n'),
    ).toEqual({
      commands: { commands: ['touch /buildstream-install/done'] },
      cwd: '/',
      'install-root': '/buildstream-install',
      layout: { '/': ['tools.bst', 'base.bst'] },
      'root-read-only': false,
    });
    expect(
      keyOf(
        'kind: script\nvariables:\n  cwd: /work\nbuild-depends:\n- filename: sysroot.bst\n  config:\n    location: /sysroot\nconfig:\n  root-read-only: True\n',
      ),
    ).toEqual({
      commands: { commands: [] },
      cwd: '/work',
      'install-root': '/buildstream-install',
      layout: { '/sysroot': ['sysroot.bst'] },
      'root-read-only': true,
    });
    expect((keyOf('kind: script\n') as Record<string, unknown>)['layout']).toEqual({});
  });
});

describe('configuration errors', () => {
  it('an unknown config key is named at its position', () => {
    expect(validationError('kind: manual\nconfig:\n  build-commands: []\n  biuld-commands: []\n')).toBe(
      "elements/target.bst:4:3: unexpected key 'biuld-commands' in manual config",
    );
    expect(validationError('kind: link\nconfig:\n  target: a.bst\n  path: b\n')).toBe(
      "elements/target.bst:4:3: unexpected key 'path' in link config",
    );
  });

  it('booleans accept only True, true, 1, False, false and 0', () => {
    for (const ok of ['True', 'true', '1', 'False', 'false', '0']) {
      expect(() => plugin('compose').validate(view(`kind: compose\nconfig:\n  integrate: ${ok}\n`))).not.toThrow();
    }
    expect(validationError('kind: compose\nconfig:\n  integrate: yes\n')).toBe(
      "elements/target.bst:3:14: 'integrate' must be a boolean, not 'yes'",
    );
    expect(validationError('kind: filter\nbuild-depends:\n- p.bst\nconfig:\n  pass-integration: TRUE\n')).toBe(
      "elements/target.bst:5:21: 'pass-integration' must be a boolean, not 'TRUE'",
    );
  });

  it('lists must be lists of strings', () => {
    // make.yaml declares no configure-commands, so nothing beneath fixes the type by composition.
    expect(validationError('kind: make\nconfig:\n  configure-commands: ./configure\n')).toBe(
      "elements/target.bst:3:23: 'configure-commands' must be a list, not './configure'",
    );
    expect(validationError('kind: script\nconfig:\n  commands:\n  - echo hi\n  - [nested]\n')).toBe(
      "elements/target.bst:5:5: 'commands' must be a list of strings, but an item is a list",
    );
  });

  it('single values must not be lists or mappings', () => {
    expect(validationError('kind: link\nconfig:\n  target:\n  - a.bst\n')).toBe(
      "elements/target.bst:4:3: 'target' must be a single value, not a list",
    );
    expect(validationError(`kind: junction\n${SOURCE}config:\n  path:\n    dir: x\n`)).toBe(
      "elements/target.bst:7:5: 'path' must be a single value, not a mapping",
    );
  });

  it('a link needs a target', () => {
    expect(validationError('kind: link\n')).toBe("elements/target.bst:1:1: link element 'target.bst' has no target");
    expect(validationError('kind: link\nconfig:\n  other: x\n')).toBe(
      "elements/target.bst:3:3: unexpected key 'other' in link config",
    );
    expect(validationError('kind: link\nconfig: {}\n')).toBe("elements/target.bst:2:9: link element 'target.bst' has no target");
  });

  it('dependency config keys are checked for build elements and scripts', () => {
    expect(validationError('kind: manual\nbuild-depends:\n- filename: a.bst\n  config:\n    locaton: /opt\n')).toBe(
      "elements/target.bst:5:5: unexpected key 'locaton' in the config of dependency 'a.bst'",
    );
    expect(validationError('kind: script\nbuild-depends:\n- filename: a.bst\n  config:\n    digest-environment: X\n')).toBe(
      "elements/target.bst:5:5: unexpected key 'digest-environment' in the config of dependency 'a.bst'",
    );
  });

  it('a junction may not override a junction with itself', () => {
    expect(
      validationError(`kind: junction\n${SOURCE}config:\n  overrides:\n    sub.bst: target.bst\n`),
    ).toBe("elements/target.bst:7:14: junction 'target.bst' cannot override its subproject's junction 'sub.bst' with itself");
    expect(validationError(`kind: junction\n${SOURCE}config:\n  map-aliases: all\n`)).toBe(
      "elements/target.bst:6:16: 'map-aliases' must be one of none, identity, not 'all'",
    );
  });
});

describe('dependency and source rules', () => {
  it('stack dependencies must be both build and runtime', () => {
    expect(() => plugin('stack').validate(view('kind: stack\ndepends:\n- a.bst\n- filename: b.bst\n  type: all\n'))).not.toThrow();
    expect(validationError('kind: stack\ndepends:\n- a.bst\nbuild-depends:\n- b.bst\n')).toBe(
      "elements/target.bst:5:3: every dependency of stack element 'target.bst' must be both a build and a runtime dependency, but 'b.bst' is only a build dependency",
    );
    expect(validationError('kind: stack\ndepends:\n- filename: r.bst\n  type: runtime\n')).toBe(
      "elements/target.bst:3:3: every dependency of stack element 'target.bst' must be both a build and a runtime dependency, but 'r.bst' is only a runtime dependency",
    );
  });

  it('compose and script forbid runtime dependencies, including plain depends', () => {
    expect(() => plugin('compose').validate(view('kind: compose\nbuild-depends:\n- a.bst\n'))).not.toThrow();
    expect(validationError('kind: compose\nbuild-depends:\n- a.bst\ndepends:\n- b.bst\n')).toBe(
      "elements/target.bst:5:3: compose element 'target.bst' may not have runtime dependencies, but 'b.bst' is one",
    );
    expect(validationError('kind: script\nruntime-depends:\n- r.bst\n')).toBe(
      "elements/target.bst:3:3: script element 'target.bst' may not have runtime dependencies, but 'r.bst' is one",
    );
  });

  it('filter needs exactly one build dependency that is not also a runtime dependency', () => {
    expect(() =>
      plugin('filter').validate(view('kind: filter\nbuild-depends:\n- p.bst\nruntime-depends:\n- other.bst\n')),
    ).not.toThrow();
    expect(validationError('kind: filter\n')).toBe(
      "elements/target.bst:1:1: filter element 'target.bst' must have exactly one build dependency, but has 0",
    );
    expect(validationError('kind: filter\nbuild-depends:\n- a.bst\n- b.bst\n')).toBe(
      "elements/target.bst:1:1: filter element 'target.bst' must have exactly one build dependency, but has 2 ('a.bst', 'b.bst')",
    );
    expect(validationError('kind: filter\ndepends:\n- p.bst\n')).toBe(
      "elements/target.bst:3:3: the build dependency of filter element 'target.bst', 'p.bst', must not also be a runtime dependency",
    );
  });

  it('link and junction take no dependencies', () => {
    expect(validationError('kind: link\nconfig:\n  target: a.bst\nruntime-depends:\n- b.bst\n')).toBe(
      "elements/target.bst:5:3: link element 'target.bst' may not have dependencies, but depends on 'b.bst'",
    );
    expect(validationError(`kind: junction\n${SOURCE}build-depends:\n- b.bst\n`)).toBe(
      "elements/target.bst:6:3: junction element 'target.bst' may not have dependencies, but depends on 'b.bst'",
    );
  });

  it('stack, compose, filter, script and link take no sources; import needs one', () => {
    const cases: Record<string, string> = {
      stack: '',
      compose: '',
      filter: 'build-depends:\n- p.bst\n',
      script: '',
      link: 'config:\n  target: a.bst\n',
    };
    for (const [kind, rest] of Object.entries(cases)) {
      expect(validationError(`kind: ${kind}\n${SOURCE}${rest}`)).toBe(
        `elements/target.bst:1:1: ${kind} element 'target.bst' may not have sources`,
      );
    }
    expect(validationError('kind: import\n')).toBe("elements/target.bst:1:1: import element 'target.bst' has no sources");
    for (const kind of ['manual', 'autotools', 'junction']) {
      expect(() => plugin(kind).validate(view(`kind: ${kind}\n${SOURCE}`))).not.toThrow();
    }
  });
});

describe('views built in code', () => {
  it('a config composed from nodes made in code validates like one read from a file', () => {
    const at = { file: 'made.bst', line: 1, column: 1 };
    const config = new MappingNode(new Map<string, Node>([['include', new SequenceNode([new ScalarNode('z', at), new ScalarNode('a', at)], at)]]), at);
    const defaults = readYaml(plugin('compose').defaults, plugin('compose').defaultsFile).get('config') as MappingNode;
    compositeInto(defaults, config);
    const element: ElementView = {
      name: 'made.bst',
      kind: 'compose',
      config: defaults,
      variables: new Map(),
      dependencies: [],
      sourceCount: 0,
      at,
    };
    expect(plugin('compose').uniqueKey(element)).toEqual({ integrate: true, include: ['a', 'z'], orphans: true });
  });
});
