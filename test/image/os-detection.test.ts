/**
 * OS detection as Trivy and Syft do it: os-release first (/etc, then /usr/lib, following the
 * symlink Debian and Fedora ship), and for images without one (CentOS 6, RHEL 6, Debian 6, images
 * that deleted it) the distribution's own release file. The os-release texts are the ones the
 * distributions' images ship.
 */
import { describe, expect, it } from 'vitest';
import { detectOs, parseOsRelease } from '../../src/analyzers/index.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { rootfsMaker } from './support/rootfs.js';

function files(entries: Record<string, string>): (path: string) => Buffer | undefined {
  return (path) => (entries[path] === undefined ? undefined : Buffer.from(entries[path]));
}

const rootfs = rootfsMaker();

describe('os-release of real images', () => {
  it('reads the fields the distributions write', () => {
    const cases: [string, Record<string, string>][] = [
      ['PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=trixie\nID=debian\n', { id: 'debian', codename: 'trixie', prettyName: 'Debian GNU/Linux trixie/sid' }],
      ['NAME="CentOS Stream"\nVERSION="9"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"\nPRETTY_NAME="CentOS Stream 9"\n', { id: 'centos', versionId: '9', prettyName: 'CentOS Stream 9' }],
      ['NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n', { id: 'amzn', versionId: '2', prettyName: 'Amazon Linux 2' }],
      ['NAME="SLES"\nVERSION="15-SP5"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\nID="sles"\n', { id: 'sles', versionId: '15.5', prettyName: 'SUSE Linux Enterprise Server 15 SP5' }],
      ['ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\n', { id: 'wolfi', versionId: '20230201', prettyName: 'Wolfi' }],
      ['NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0_alpha20240807\nPRETTY_NAME="Alpine Linux edge"\n', { id: 'alpine', versionId: '3.21.0_alpha20240807', prettyName: 'Alpine Linux edge' }],
    ];
    for (const [text, os] of cases) expect(parseOsRelease(text)).toEqual(os);
  });

  it('prefers /etc/os-release, and falls back to /usr/lib/os-release only when it is absent', () => {
    const etc = 'ID=ubuntu\nVERSION_ID="22.04"\n';
    const lib = 'ID=debian\nVERSION_ID="12"\n';
    expect(detectOs(files({ '/etc/os-release': etc, '/usr/lib/os-release': lib }))?.id).toBe('ubuntu');
    expect(detectOs(files({ '/usr/lib/os-release': lib }))?.id).toBe('debian');
  });
});

describe('images without os-release: the release files Trivy reads', () => {
  it('CentOS 6 and RHEL 6 (/etc/redhat-release, /etc/centos-release)', () => {
    expect(detectOs(files({ '/etc/redhat-release': 'CentOS release 6.10 (Final)\n' }))).toEqual({ id: 'centos', versionId: '6.10', prettyName: 'CentOS release 6.10 (Final)' });
    expect(detectOs(files({ '/etc/centos-release': 'CentOS release 6.10 (Final)\n' }))?.versionId).toBe('6.10');
    expect(detectOs(files({ '/etc/redhat-release': 'Red Hat Enterprise Linux Server release 6.10 (Santiago)\n' }))).toEqual({ id: 'rhel', versionId: '6.10', prettyName: 'Red Hat Enterprise Linux Server release 6.10 (Santiago)' });
    // Oracle Linux keeps a Red Hat redhat-release for compatibility; its own file says what it is.
    expect(detectOs(files({ '/etc/oracle-release': 'Oracle Linux Server release 6.10\n', '/etc/redhat-release': 'Red Hat Enterprise Linux Server release 6.10 (Santiago)\n' }))?.id).toBe('ol');
  });

  it('Debian (/etc/debian_version) and Ubuntu (/etc/lsb-release, which Ubuntu has besides debian_version)', () => {
    expect(detectOs(files({ '/etc/debian_version': '6.0.10\n' }))).toEqual({ id: 'debian', versionId: '6' });
    expect(detectOs(files({ '/etc/debian_version': 'trixie/sid\n' }))).toEqual({ id: 'debian', codename: 'trixie' });
    expect(detectOs(files({
      '/etc/debian_version': 'wheezy/sid\n',
      '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=12.04\nDISTRIB_CODENAME=precise\nDISTRIB_DESCRIPTION="Ubuntu 12.04.5 LTS"\n',
    }))).toEqual({ id: 'ubuntu', versionId: '12.04', codename: 'precise', prettyName: 'Ubuntu 12.04.5 LTS' });
  });

  it('Alpine (/etc/alpine-release) and the Amazon Linux AMI (/etc/system-release)', () => {
    expect(detectOs(files({ '/etc/alpine-release': '3.4.6\n' }))).toEqual({ id: 'alpine', versionId: '3.4.6' });
    expect(detectOs(files({ '/etc/system-release': 'Amazon Linux AMI release 2018.03\n' }))).toEqual({ id: 'amzn', versionId: '2018.03', prettyName: 'Amazon Linux AMI release 2018.03' });
  });

  it('never takes a release file over an os-release, nor a file it cannot read for an OS', () => {
    expect(detectOs(files({ '/etc/os-release': 'ID=rocky\nVERSION_ID="9.3"\n', '/etc/redhat-release': 'Rocky Linux release 9.3 (Blue Onyx)\n' }))?.id).toBe('rocky');
    expect(detectOs(files({ '/etc/redhat-release': 'something else entirely\n' }))).toBeUndefined();
    expect(detectOs(files({ '/etc/alpine-release': '\n' }))).toBeUndefined();
  });
});

describe('end to end: a root file system read as an image', () => {
  it('a CentOS 6 root without os-release gets its OS through the links centos:6 has', async () => {
    // centos:6 links redhat-release and system-release to centos-release.
    const root = rootfs({ '/etc/centos-release': 'CentOS release 6.10 (Final)\n' }, { '/etc/redhat-release': 'centos-release', '/etc/system-release': 'centos-release' });
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.os).toEqual({ id: 'centos', versionId: '6.10', prettyName: 'CentOS release 6.10 (Final)' });
  });

  it('follows /etc/os-release -> ../usr/lib/os-release, and a dangling link means there is none', async () => {
    const linked = rootfs({ '/usr/lib/os-release': 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' }, { '/etc/os-release': '../usr/lib/os-release' });
    expect((await inventoryImage(`dir:${linked}`)).inventory.os).toEqual({ id: 'debian', versionId: '12', codename: 'bookworm' });
    const dangling = rootfs({ '/etc/debian_version': '11.9\n' }, { '/etc/os-release': '../usr/lib/os-release' });
    expect((await inventoryImage(`dir:${dangling}`)).inventory.os).toEqual({ id: 'debian', versionId: '11' });
  });

  it('the real debootstrap Debian', async () => {
    const { inventory } = await inventoryImage('dir:/var/cache/palisade-images/bookworm-minbase');
    expect(inventory.os).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
  });
});

describe('hostile os-release', () => {
  it('reads only the first 64 KiB (real ones are under 1 KiB): a 60 MB file costs no more than that', () => {
    const filler = '# padding\n'.repeat(7000); // 70,000 bytes
    expect(detectOs(files({ '/etc/os-release': `ID=debian\n${filler}VERSION_ID="12"\n` }))).toEqual({ id: 'debian' });
    const bomb = Buffer.from(`ID=alpine\n${'ID_X=y\n'.repeat(8_000_000)}`);
    expect(detectOs((path) => (path === '/etc/os-release' ? bomb : undefined))).toEqual({ id: 'alpine' });
  });
});
