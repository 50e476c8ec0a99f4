import { describe, expect, it } from 'vitest';
import { configFlag, defaultConfigPath, locateConfig } from '../../../main/config/locations';

describe('configuration locations', () => {
  it('puts the machine-wide file in each OS folder IT administers', () => {
    expect(defaultConfigPath('win32', { ProgramData: 'D:\\ProgramData\\' })).toBe(
      'D:\\ProgramData\\DMP Desk\\config.json',
    );
    expect(defaultConfigPath('win32', {})).toBe('C:\\ProgramData\\DMP Desk\\config.json');
    expect(defaultConfigPath('darwin', {})).toBe('/Library/Application Support/DMP Desk/config.json');
    expect(defaultConfigPath('linux', {})).toBe('/etc/dmp-desk/config.json');
  });

  it('reads --config FILE and --config=FILE, and ignores a flag without a value', () => {
    expect(configFlag(['--mode', 'production', '--config', 'desk.json'])).toBe('desk.json');
    expect(configFlag(['--config=/etc/x.json'])).toBe('/etc/x.json');
    expect(configFlag(['--config'])).toBeUndefined();
    expect(configFlag(['--config', '--json'])).toBeUndefined();
    expect(configFlag(['--config='])).toBeUndefined();
    expect(configFlag(['--configuration', 'x'])).toBeUndefined();
  });

  it('prefers the flag, then DMP_DESK_CONFIG, then the OS default; relative paths from the working folder', () => {
    const env = { DMP_DESK_CONFIG: 'env.json' };
    expect(locateConfig({ flag: 'flag.json', env, platform: 'linux', cwd: '/srv' })).toEqual({
      kind: 'flag',
      path: '/srv/flag.json',
    });
    expect(locateConfig({ flag: undefined, env, platform: 'linux', cwd: '/srv' })).toEqual({
      kind: 'env',
      path: '/srv/env.json',
    });
    expect(locateConfig({ flag: undefined, env: { DMP_DESK_CONFIG: '' }, platform: 'darwin', cwd: '/srv' })).toEqual({
      kind: 'default',
      path: '/Library/Application Support/DMP Desk/config.json',
    });
  });
});
