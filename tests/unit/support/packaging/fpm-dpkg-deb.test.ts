import { describe, expect, it } from 'vitest';
import { controlDescription, parseFpmArguments } from '../../../support/packaging/fpm-dpkg-deb';

/** What electron-builder 26's deb target passes to fpm (FpmTarget.executeFpm), shortened. */
const electronBuilderArgs = [
  '-s', 'dir', '--force', '-t', 'deb',
  '-d', 'pcscd', '--deb-recommends', 'libappindicator3-1', '--deb-compression', 'xz',
  '--architecture', 'amd64', '--after-install', '/tmp/after-install.tpl', '--after-remove', '/tmp/after-remove.tpl',
  '--description', 'Desk\n Long text.', '--version', '0.1.0', '--package', '/out/dmp-desk_0.1.0_amd64.deb',
  '--name', 'dmp-desk', '--maintainer', 'DMP Desk <it@dmp-desk.invalid>', '--url', 'https://dmp-desk.invalid',
  '--deb-priority', 'optional', '--license', 'UNLICENSED',
  '/out/linux-unpacked/=/opt/DMP Desk', '/tmp/app.desktop=/usr/share/applications/dmp-desk.desktop',
]; // prettier-ignore

describe('fpm stand-in (packaging test)', () => {
  it("reads electron-builder's deb command line", () => {
    expect(parseFpmArguments(electronBuilderArgs)).toEqual({
      name: 'dmp-desk',
      version: '0.1.0',
      architecture: 'amd64',
      maintainer: 'DMP Desk <it@dmp-desk.invalid>',
      url: 'https://dmp-desk.invalid',
      priority: 'optional',
      license: 'UNLICENSED',
      description: 'Desk\n Long text.',
      depends: ['pcscd'],
      recommends: ['libappindicator3-1'],
      compression: 'xz',
      afterInstall: '/tmp/after-install.tpl',
      afterRemove: '/tmp/after-remove.tpl',
      output: '/out/dmp-desk_0.1.0_amd64.deb',
      mappings: [
        { source: '/out/linux-unpacked/', destination: '/opt/DMP Desk' },
        { source: '/tmp/app.desktop', destination: '/usr/share/applications/dmp-desk.desktop' },
      ],
    });
  });

  it('refuses an option it does not implement, or another package type, instead of building something else', () => {
    expect(() => parseFpmArguments([...electronBuilderArgs, '--deb-systemd', 'x.service'])).toThrow(
      'unsupported option --deb-systemd',
    );
    expect(() => parseFpmArguments(electronBuilderArgs.map((arg) => (arg === 'deb' ? 'rpm' : arg)))).toThrow(
      'only `-s dir -t deb`',
    );
    expect(() =>
      parseFpmArguments(electronBuilderArgs.filter((arg) => arg !== '--name' && arg !== 'dmp-desk')),
    ).toThrow('missing name');
  });

  it('writes the Description as Debian Policy wants: synopsis, indented lines, " ." for blank ones', () => {
    expect(controlDescription('Desk\n First line.\n\n Second.\n')).toBe('Desk\n First line.\n .\n Second.');
    expect(controlDescription('\n Only the long text.')).toBe('Only the long text.');
  });
});
