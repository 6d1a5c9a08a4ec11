// BuildStream 2's built-in project configuration: the layer every project.conf is composed
// onto. The values enter cache keys (environment, split rules), so they are BuildStream's own;
// the builtin variables live with the variable resolver.

export const PROJECT_DEFAULTS_FILE = '[builtin project defaults]';

export const PROJECT_DEFAULTS_YAML = `
element-path: .
ref-storage: inline
environment:
  PATH: /usr/bin:/bin:/usr/sbin:/sbin
  SHELL: /bin/sh
  TERM: dumb
  USER: tomjon
  USERNAME: tomjon
  LOGNAME: tomjon
  LC_ALL: C
  HOME: /tmp
  TZ: UTC
  SOURCE_DATE_EPOCH: 1321009871
environment-nocache: []
sandbox: {}
split-rules:
  runtime:
  - "%{bindir}"
  - "%{bindir}/*"
  - "%{sbindir}"
  - "%{sbindir}/*"
  - "%{libexecdir}"
  - "%{libexecdir}/*"
  - "%{libdir}/lib*.so*"
  devel:
  - "%{includedir}"
  - "%{includedir}/**"
  - "%{libdir}/lib*.a"
  - "%{libdir}/lib*.la"
  - "%{libdir}/pkgconfig/*.pc"
  - "%{datadir}/pkgconfig/*.pc"
  - "%{datadir}/aclocal/*.m4"
  debug:
  - "%{debugdir}"
  - "%{debugdir}/**"
  doc:
  - "%{docdir}"
  - "%{docdir}/**"
  - "%{infodir}"
  - "%{infodir}/**"
  - "%{mandir}"
  - "%{mandir}/**"
  locale:
  - "%{datadir}/locale"
  - "%{datadir}/locale/**"
  - "%{datadir}/i18n"
  - "%{datadir}/i18n/**"
  - "%{datadir}/zoneinfo"
  - "%{datadir}/zoneinfo/**"
shell:
  command: [sh, -i]
source-provenance-attributes:
  homepage: The project homepage URL
  issue-tracker: The project's issue tracking URL
defaults:
  targets: []
`;

/** Every key project.conf may hold. */
export const PROJECT_KEYS = [
  'min-version', 'element-path', 'variables', 'environment', 'environment-nocache', 'split-rules',
  'elements', 'plugins', 'aliases', 'name', 'defaults', 'artifacts', 'options', 'fail-on-overlap',
  'shell', 'fatal-warnings', 'ref-storage', 'sandbox', 'mirrors', 'sources', 'source-caches',
  'junctions', 'source-provenance-attributes',
] as const;

/** Keys a project.conf conditional may not set: they decide how the project itself loads. */
export const KEYS_NOT_CONDITIONAL = [
  'min-version', 'name', 'element-path', 'junctions', 'defaults', 'fatal-warnings', 'ref-storage', 'options', 'plugins',
] as const;

/** The BuildStream format version Cairn implements (2.x projects, up to this minor). */
export const FORMAT_MAJOR = 2;
export const FORMAT_MINOR = 8;
