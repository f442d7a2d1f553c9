import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/scan-command.js';

describe('useColor', () => {
  const cases: Array<[string, { flag?: boolean; toFile?: boolean; env?: Record<string, string>; isTTY?: boolean }, boolean]> = [
    ['a terminal', { isTTY: true }, true],
    ['a pipe', { isTTY: false }, false],
    ['a terminal with --no-color', { isTTY: true, flag: false }, false],
    ['a terminal with NO_COLOR=1', { isTTY: true, env: { NO_COLOR: '1' } }, false],
    ['a terminal with an empty NO_COLOR (ignored, per no-color.org)', { isTTY: true, env: { NO_COLOR: '' } }, true],
    ['a pipe with FORCE_COLOR=1', { env: { FORCE_COLOR: '1' } }, true],
    ['a pipe with an empty FORCE_COLOR', { env: { FORCE_COLOR: '' } }, true],
    ['a terminal with FORCE_COLOR=0', { isTTY: true, env: { FORCE_COLOR: '0' } }, false],
    ['a terminal with FORCE_COLOR=false', { isTTY: true, env: { FORCE_COLOR: 'false' } }, false],
    ['FORCE_COLOR and NO_COLOR', { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }, false],
    ['FORCE_COLOR and --no-color', { flag: false, env: { FORCE_COLOR: '1' } }, false],
    ['a file (--output), even with FORCE_COLOR on a terminal', { toFile: true, isTTY: true, env: { FORCE_COLOR: '1' } }, false],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(useColor({ flag: input.flag ?? true, toFile: input.toFile ?? false, env: input.env ?? {}, isTTY: input.isTTY ?? false })).toBe(expected);
  });
});
