// Real programs built with real toolchains on a Debian or Ubuntu base that Cairn assembles from
// this machine's distribution archive: GNU hello with autotools (the demo project itself), a
// CMake project and a Meson project written here. The archive is reached as demo.sh reaches it,
// through a user-configuration mirror of a placeholder alias. These tests need the network;
// downloads are kept between runs in a persistent source cache.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { run, temporary, type Run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { machineArchive, persistentSourceCache, PLACEHOLDER_ARCHIVE, userConfig, type MachineArchive } from './machine-archive.js';

/** Tracking, fetching and building a toolchain base take minutes on a cold cache. */
const BUILD_TIMEOUT = 20 * 60_000;

const demo = path.join(repoRoot, 'examples', 'hello');

let archive: MachineArchive;
let sourcedir: string;

/** Runs cairn with a fresh artifact cache and the machine's archive as the `distro` mirror; throws with its output when it fails. */
function cairnIn(work: string, project: string, projectName: string, args: readonly string[]): Run {
  const config = path.join(work, 'cairn.conf');
  if (!fs.existsSync(config)) fs.writeFileSync(config, userConfig(archive, { cachedir: path.join(work, 'cache'), sourcedir }, [projectName]));
  const result = run(['-c', config, '-C', project, ...args]);
  if (result.status !== 0) throw new Error(`cairn ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The demo base's packages and integration commands, which the other toolchains extend. */
function demoBase(): { packages: string[]; integration: string[] } {
  const base = parse(fs.readFileSync(path.join(demo, 'elements', 'base.bst'), 'utf8')) as {
    sources: Array<{ packages: string[] }>;
    public: { bst: { 'integration-commands': string[] } };
  };
  return { packages: base.sources[0]!.packages, integration: base.public.bst['integration-commands'] };
}

/** A project `toolchain` with a base of the demo's packages plus `extra`, and one program element. */
function toolchainProject(work: string, extra: readonly string[], program: { element: string; files: Record<string, string> }): string {
  const { packages, integration } = demoBase();
  const dir = path.join(work, 'project');
  const files: Record<string, string> = {
    'project.conf': ['name: toolchain', 'min-version: 2.0', 'element-path: elements', 'aliases:', `  distro: ${PLACEHOLDER_ARCHIVE}`, ''].join('\n'),
    'elements/base.bst': [
      'kind: import',
      'sources:',
      '- kind: deb',
      "  url: 'distro:'",
      `  suite: ${archive.suite}`,
      '  components: [main]',
      '  packages:',
      ...[...packages, ...extra].map((name) => `  - ${name}`),
      'public:',
      '  bst:',
      '    integration-commands:',
      ...integration.map((command) => `    - ${JSON.stringify(command)}`),
      '',
    ].join('\n'),
    ...Object.fromEntries(Object.entries(program.files).map(([name, text]) => [`files/program/${name}`, text])),
    'elements/program.bst': program.element,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Tracks the base, builds the program and runs it in `cairn shell`, returning what it printed. */
function buildAndRunInShell(work: string, project: string, command: readonly string[]): string {
  cairnIn(work, project, 'toolchain', ['track', 'base.bst']);
  cairnIn(work, project, 'toolchain', ['build', 'program.bst']);
  return cairnIn(work, project, 'toolchain', ['shell', 'program.bst', '--', ...command]).stdout;
}

const GREETER_C = `#include <stdio.h>
#include "words.h"

int main(int argc, char **argv) {
  printf("%s, %s! (greeter %s, %d words)\\n", greeting(), argc > 1 ? argv[1] : "world", GREETER_VERSION, word_count());
  return 0;
}
`;

describe("finding this machine's archive", () => {
  it('a machine without an apt source for its release fails the toolchain tests with a message, not a silent pass', () => {
    const root = temporary('cairn-no-apt-');
    fs.mkdirSync(path.join(root, 'etc', 'apt', 'sources.list.d'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc', 'os-release'), 'ID=debian\nVERSION_CODENAME=bookworm\n');
    expect(() => machineArchive(root)).toThrow("no apt source in /etc/apt/sources.list or /etc/apt/sources.list.d serves bookworm");
  });
});

describe('toolchains on a base assembled from the distribution archive', () => {
  // Without an archive every test here fails with machineArchive's message.
  beforeAll(() => {
    archive = machineArchive();
    sourcedir = persistentSourceCache();
    fs.mkdirSync(sourcedir, { recursive: true });
  });

  it(
    'the demo builds GNU hello with autotools, and the checked-out program runs on the host',
    () => {
      const work = temporary('cairn-demo-hello-');
      const project = path.join(work, 'hello');
      fs.cpSync(demo, project, { recursive: true, filter: (from) => path.basename(from) !== 'project.refs' });
      // As demo.sh does: the tarball's pinned ref, then the base's closure tracked for this release.
      const helloRef = /^hello_ref=([0-9a-f]{64})$/m.exec(fs.readFileSync(path.join(demo, 'demo.sh'), 'utf8'))?.[1];
      expect(helloRef).toBeDefined();
      fs.writeFileSync(path.join(project, 'project.refs'), `projects:\n  hello:\n    hello.bst:\n    - ref: ${helloRef}\n`);
      const withSuite = ['-o', 'suite', archive.suite];
      cairnIn(work, project, 'hello', [...withSuite, 'track', 'base.bst']);
      expect(fs.readFileSync(path.join(project, 'project.refs'), 'utf8')).toMatch(/package: gcc\n/);

      cairnIn(work, project, 'hello', [...withSuite, 'build', 'target.bst']);
      const image = path.join(work, 'image');
      cairnIn(work, project, 'hello', [...withSuite, 'artifact', 'checkout', 'target.bst', '--directory', image]);
      const hello = path.join(image, 'usr', 'bin', 'hello');
      const version = spawnSync(hello, ['--version'], { encoding: 'utf8' });
      expect(version.stdout.split('\n')[0]).toBe('hello (GNU Hello) 2.10');
      const greeted = spawnSync(hello, ['--greeting=Built by Cairn'], { encoding: 'utf8' });
      expect({ status: greeted.status, stdout: greeted.stdout }).toEqual({ status: 0, stdout: 'Built by Cairn\n' });
      // The compose keeps the program and leaves the documentation out.
      expect(fs.existsSync(path.join(image, 'usr', 'share', 'info'))).toBe(false);

      // A second build finds everything cached.
      const again = cairnIn(work, project, 'hello', [...withSuite, 'build', 'target.bst']);
      expect(again.stdout + again.stderr).toMatch(/0 built/);
    },
    BUILD_TIMEOUT,
  );

  it(
    'a CMake project (a static library and a program, generated for Ninja) builds and runs in cairn shell',
    () => {
      const work = temporary('cairn-demo-cmake-');
      const project = toolchainProject(work, ['cmake', 'ninja-build'], {
        element: ['kind: cmake', 'depends:', '- base.bst', 'sources:', '- kind: local', '  path: files/program', ''].join('\n'),
        files: {
          'CMakeLists.txt': [
            'cmake_minimum_required(VERSION 3.13)',
            'project(greeter VERSION 1.2 LANGUAGES C)',
            'add_library(words STATIC words.c)',
            'add_executable(greeter main.c)',
            'target_link_libraries(greeter PRIVATE words)',
            'target_compile_definitions(greeter PRIVATE GREETER_VERSION="${PROJECT_VERSION}")',
            'install(TARGETS greeter RUNTIME DESTINATION bin)',
            '',
          ].join('\n'),
          'words.h': 'const char *greeting(void);\nint word_count(void);\n',
          'words.c': '#include "words.h"\nstatic const char *words[] = {"Hello", "from", "CMake"};\nconst char *greeting(void) { return words[0]; }\nint word_count(void) { return sizeof words / sizeof *words; }\n',
          'main.c': GREETER_C,
        },
      });
      const printed = buildAndRunInShell(work, project, ['/usr/bin/greeter', 'Cairn']);
      expect(printed).toBe('Hello, Cairn! (greeter 1.2, 3 words)\n');
      // BuildStream's default generator: the build went through Ninja, not make.
      const log = cairnIn(work, project, 'toolchain', ['artifact', 'log', 'program.bst']).stdout;
      expect(log).toMatch(/-G"?Ninja"?/);
      expect(log).toMatch(/^\[\d+\/\d+\] .*greeter/m);
    },
    BUILD_TIMEOUT,
  );

  it(
    'a Meson project (a generated config.h and a program) builds and runs in cairn shell',
    () => {
      const work = temporary('cairn-demo-meson-');
      const project = toolchainProject(work, ['meson', 'ninja-build'], {
        element: ['kind: meson', 'depends:', '- base.bst', 'sources:', '- kind: local', '  path: files/program', ''].join('\n'),
        files: {
          'meson.build': [
            "project('counter', 'c', version: '0.3')",
            'conf = configuration_data()',
            "conf.set_quoted('COUNTER_VERSION', meson.project_version())",
            "conf.set('COUNT_TO', 10)",
            "configure_file(output: 'config.h', configuration: conf)",
            "executable('counter', 'main.c', install: true)",
            '',
          ].join('\n'),
          'main.c': [
            '#include <stdio.h>',
            '#include "config.h"',
            '',
            'int main(void) {',
            '  int sum = 0;',
            '  for (int i = 1; i <= COUNT_TO; i++) sum += i;',
            '  printf("counter %s: 1 + ... + %d = %d\\n", COUNTER_VERSION, COUNT_TO, sum);',
            '  return 0;',
            '}',
            '',
          ].join('\n'),
        },
      });
      const printed = buildAndRunInShell(work, project, ['/usr/bin/counter']);
      expect(printed).toBe('counter 0.3: 1 + ... + 10 = 55\n');
    },
    BUILD_TIMEOUT,
  );
});
