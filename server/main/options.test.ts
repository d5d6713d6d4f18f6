import { describe, expect, it } from 'vitest';
import { isLoopback, parseCommandLine } from './options';

describe('parseCommandLine', () => {
  it('defaults to loopback, port 8080, ./patches and the demo patch', () => {
    expect(parseCommandLine([], {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      storeDir: './patches',
      demo: 'ema-cross-rsi',
      token: null,
      logLevel: 'info',
      logFormat: 'json',
      ticker: false,
      dataDirs: [],
      allowedHosts: [],
      database: { databaseUrl: null, dataDir: './data' },
    });
  });

  it('takes the database from DATABASE_URL, else --db / PATCHDESK_DB (the embedded store)', () => {
    expect(parseCommandLine(['--db', '/var/pd'], {}).database).toEqual({
      databaseUrl: null,
      dataDir: '/var/pd',
    });
    expect(parseCommandLine([], { PATCHDESK_DB: '/srv/db' }).database).toEqual({
      databaseUrl: null,
      dataDir: '/srv/db',
    });
    expect(parseCommandLine([], { DATABASE_URL: 'postgres://h/db' }).database.databaseUrl).toBe(
      'postgres://h/db',
    );
  });

  it('takes data folders and allowed host names from flags or the environment', () => {
    const env = {
      PATCHDESK_DATA: '/srv/bars:/srv/more',
      PATCHDESK_ALLOWED_HOSTS: 'Desk.Example, desk.example:8443',
    };
    expect(parseCommandLine([], env)).toMatchObject({
      dataDirs: ['/srv/bars', '/srv/more'],
      allowedHosts: ['desk.example', 'desk.example:8443'],
    });
    expect(parseCommandLine(['--data', 'a', 'b', '--allowed-hosts', '[::1]:9000,box'], env)).toMatchObject({
      dataDirs: ['a', 'b'],
      allowedHosts: ['[::1]:9000', 'box'],
    });
    expect(() => parseCommandLine(['--allowed-hosts', 'http://evil/'], {})).toThrow(/is not a host name/);
  });

  it('takes the environment over defaults and flags over the environment', () => {
    const env = {
      PATCHDESK_HOST: '0.0.0.0',
      PATCHDESK_PORT: '9000',
      PATCHDESK_STORE: '/srv/p',
      PATCHDESK_TOKEN: 's3cret',
    };
    expect(parseCommandLine([], env)).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      storeDir: '/srv/p',
      token: 's3cret',
    });
    expect(parseCommandLine(['--port', '9100', '--host', '127.0.0.2'], env)).toMatchObject({
      host: '127.0.0.2',
      port: 9100,
    });
  });

  it('turns the demo off with --no-demo and names another with --demo', () => {
    expect(parseCommandLine(['--no-demo'], {}).demo).toBeNull();
    expect(parseCommandLine(['--demo', 'breakout'], {}).demo).toBe('breakout');
  });

  it('refuses a port that is not a port', () => {
    expect(() => parseCommandLine(['--port', '70000'], {})).toThrow(
      /port must be an integer from 0 to 65535/,
    );
    expect(() => parseCommandLine([], { PATCHDESK_PORT: 'http' })).toThrow(/got "http"/);
  });
});

describe('isLoopback', () => {
  it('counts the whole 127/8 range, ::1 and localhost as loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.0.9',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host), host).toBe(true);
    }
  });

  it('counts every other address, wildcard included, as reachable from outside', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.4', '10.0.0.1', 'example.com', '128.0.0.1']) {
      expect(isLoopback(host), host).toBe(false);
    }
  });
});
