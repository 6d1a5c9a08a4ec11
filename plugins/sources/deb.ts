// `deb`: Debian binary packages, as BuildStream's seeds planned for staging a Debian base. Either
// one .deb (`url`, `ref`: its sha256) or a package set (`suite`, `components`, `architecture`,
// `packages`, optional archive `url`) whose `ref` is the resolved closure, tracked from the
// archive's signed Release and Packages indices. Data tarballs are unpacked; no maintainer
// script runs. This machine's apt sources, keyring and architecture are read at run time.

import fs from 'node:fs';
import type { SourcePlugin } from '../../src/project/source-api.js';
import { findProgram } from '../../src/sandbox/host.js';
import { debSourceKind } from '../../src/sources/debian/deb-kind.js';
import { dpkgArchitecture } from '../../src/sources/debian/source-config.js';

const DEBIAN_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
const UBUNTU_KEYRING = '/usr/share/keyrings/ubuntu-archive-keyring.gpg';

/** The distribution's own archive keyring: Ubuntu machines ship Ubuntu's and seldom Debian's. */
function machineKeyring(): string {
  return [DEBIAN_KEYRING, UBUNTU_KEYRING].find((file) => fs.existsSync(file)) ?? DEBIAN_KEYRING;
}

export const deb: SourcePlugin = debSourceKind({
  aptRoot: '/',
  keyring: machineKeyring(),
  gpgv: () => findProgram('gpgv'),
  architecture: dpkgArchitecture(),
});
