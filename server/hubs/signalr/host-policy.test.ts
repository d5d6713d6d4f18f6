import { describe, expect, it } from 'vitest';
import { hostRefusal, isLoopbackName, parseHost } from './host-policy';

const rules = {
  allowedHosts: ['desk.example', 'proxy.example:8443'],
  allowedOrigins: ['https://app.example'],
};
const refusal = (host: string | undefined, origin?: string, port = 8080) =>
  hostRefusal({ host, ...(origin === undefined ? {} : { origin }) }, port, rules);

describe('parseHost', () => {
  it('reads names, IPv4 and bracketed IPv6 with and without a port', () => {
    expect(parseHost('LocalHost:8080')).toEqual({ hostname: 'localhost', port: 8080 });
    expect(parseHost('[::1]:9')).toEqual({ hostname: '[::1]', port: 9 });
    expect(parseHost('127.0.0.1')).toEqual({ hostname: '127.0.0.1', port: undefined });
  });

  it('refuses anything that is not host[:port]', () => {
    for (const value of ['a/b', 'user@host', 'host?x', 'host#x', 'http://host', 'host:99999', '']) {
      expect(parseHost(value), value).toBeUndefined();
    }
  });
});

describe('isLoopbackName', () => {
  it('is exactly localhost, 127.0.0.0/8 and [::1]', () => {
    for (const name of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])
      expect(isLoopbackName(name), name).toBe(true);
    for (const name of ['evil.localhost', 'localhost.', '128.0.0.1', '0.0.0.0', '[::]', 'localhost.example'])
      expect(isLoopbackName(name), name).toBe(false);
  });
});

describe('hostRefusal', () => {
  it('allows loopback on the port the request arrived on, and listed names', () => {
    expect(refusal('127.0.0.1:8080')).toBeUndefined();
    expect(refusal('localhost:8080', 'http://localhost:8080')).toBeUndefined();
    expect(refusal('[::1]:8080', 'https://[::1]:8080')).toBeUndefined();
    expect(refusal('localhost', undefined, 80)).toBeUndefined();
    expect(refusal('desk.example')).toBeUndefined();
    expect(refusal('desk.example:1234', 'https://desk.example')).toBeUndefined();
    expect(refusal('proxy.example:8443', 'https://proxy.example:8443')).toBeUndefined();
    expect(refusal('127.0.0.1:8080', 'https://app.example')).toBeUndefined();
  });

  it('refuses other names, other ports, missing Host and foreign or opaque origins, naming the header', () => {
    expect(refusal(undefined)).toBe('Forbidden: the request has no Host header.');
    for (const host of [
      'evil.example:8080',
      'evil.localhost:8080',
      'localhost:8081',
      'localhost',
      'proxy.example:8444',
    ])
      expect(refusal(host), host).toMatch(
        new RegExp(`^Forbidden: Host '${host.replace(/\./g, '\\.')}' is not allowed`),
      );
    for (const origin of [
      'http://localhost:5173',
      'http://evil.localhost:8080',
      'null',
      'file://',
      'ftp://localhost:8080',
      'http://desk.example.evil',
      'https://app.example/',
    ])
      expect(refusal('127.0.0.1:8080', origin), origin).toMatch(
        /^Forbidden: a page from origin '.*' may not use this server/,
      );
  });

  it('echoes only printable, bounded header text', () => {
    expect(refusal(`${'x'.repeat(300)}\u0007:1`)).toMatch(/Host 'x{100}\.\.\.' is not allowed/);
  });
});
