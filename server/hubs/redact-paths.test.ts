import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathRedactor, redactLogRecord } from './redact-paths';

const redact = createPathRedactor([
  { path: '/srv/patchdesk/patches', label: '<store>' },
  { path: '/srv/patchdesk', label: '<server>' },
]);

describe('createPathRedactor', () => {
  it('replaces the server folders by labels, the longest first', () => {
    expect(redact('patch file /srv/patchdesk/patches/demo.json is not valid JSON')).toBe(
      'patch file <store>/demo.json is not valid JSON',
    );
    expect(redact('at /srv/patchdesk/server/main.ts:3')).toBe('at <server>/server/main.ts:3');
    expect(redact(`cache ${join(homedir(), '.npmrc')} and ${join(tmpdir(), 'x')}`)).toBe(
      'cache ~/.npmrc and <tmp>/x',
    );
  });

  it('hides other absolute paths under system folders, and leaves URLs and routes alone', () => {
    expect(redact("ENOENT: no such file or directory, open '/etc/shadow'")).toBe(
      "ENOENT: no such file or directory, open '<path>'",
    );
    expect(redact('read C:\\Users\\me\\bars.csv failed')).toBe('read <path> failed');
    expect(redact('GET /api/health at http://127.0.0.1:8080/hubs/patch')).toBe(
      'GET /api/health at http://127.0.0.1:8080/hubs/patch',
    );
  });
});

describe('redactLogRecord', () => {
  it('redacts the message and every string field, drops stacks and forbidden keys', () => {
    const fields = JSON.parse(
      '{"store":"/srv/patchdesk/patches","err":{"message":"open /etc/x","stack":"Error\\n at /srv/patchdesk/a.ts:1"},"__proto__":{"polluted":1},"list":["/home/u/f"]}',
    ) as Record<string, unknown>;
    const record = redactLogRecord(
      { timeMs: 1, level: 'error', message: 'failed in /srv/patchdesk/patches', run: null, fields },
      redact,
    );
    expect(record.message).toBe('failed in <store>');
    expect(record.fields).toEqual({ store: '<store>', err: { message: 'open <path>' }, list: ['<path>'] });
    expect(Object.getPrototypeOf(record.fields)).toBe(Object.prototype);
  });
});
