import { describe, expect, it } from 'vitest';
import { readableHubError, toHubCallError } from './hub-errors';

describe('readableHubError', () => {
  it('keeps only the reason of a refusal', () => {
    expect(
      readableHubError(
        'savePatch',
        'An unexpected error occurred invoking \'savePatch\' on the server. HubException: patch "x" does not exist',
      ),
    ).toEqual({ message: 'patch "x" does not exist', refused: true });
  });

  it('says a server fault happened and where the detail is, without the fault text', () => {
    const { message, refused } = readableHubError(
      'getPatch',
      "An unexpected error occurred invoking 'getPatch' on the server. Error: secret internals",
    );
    expect(message).toBe('the server failed while handling getPatch; the details are in the server log');
    expect(message).not.toContain('secret');
    expect(refused).toBe(false);
  });

  it('names a lost connection in words', () => {
    expect(
      readableHubError('savePatch', "Cannot send data if the connection is not in the 'Connected' State.")
        .message,
    ).toContain('connection to the server was lost');
  });

  it('shows a quoted absolute path by its file name only', () => {
    const { message } = readableHubError(
      'getPatch',
      'x. HubException: cannot read /home/quant/store/.history/ema/v000001.json: bad JSON at line 3',
    );
    expect(message).toBe('cannot read v000001.json: bad JSON at line 3');
    expect(
      readableHubError('getPatch', 'HubException: C:\\Users\\q\\patches\\a.json is broken').message,
    ).toBe('a.json is broken');
  });

  it('keeps the raw text as the detail', () => {
    const error = toHubCallError('savePatch', new Error('x HubException: nope'));
    expect(error.message).toBe('nope');
    expect(error.detail).toBe('x HubException: nope');
  });
});
