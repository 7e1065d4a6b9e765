import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from '@shared/trajectory';

describe('ANSI output', () => {
  it('turns SGR colours into styled runs', () => {
    const runs = parseAnsi('ok \u001b[31mFAILED\u001b[0m and \u001b[1;32mpassed\u001b[39m!');
    expect(runs).toEqual([
      { text: 'ok ', style: null },
      { text: 'FAILED', style: expect.objectContaining({ fg: 1, bold: false }) },
      { text: ' and ', style: null },
      { text: 'passed', style: expect.objectContaining({ fg: 2, bold: true }) },
      { text: '!', style: expect.objectContaining({ fg: null, bold: true }) },
    ]);
    expect(parseAnsi('\u001b[38;5;196mx\u001b[48;2;1;2;3my')[1]?.style).toMatchObject({ fg: 'rgb(255, 0, 0)', bg: 'rgb(1, 2, 3)' });
  });

  it('drops every other control sequence: cursor moves, clears, titles, links, bells, backspaces', () => {
    const hostile = 'a\u001b[2J\u001b[H\u001b]0;pwned\u0007b\u001b]8;;http://evil\u001b\\c\u0008\u0007\u001bcd\u009b31me';
    expect(stripAnsi(hostile)).toBe('abcde');
    expect(stripAnsi('progress 10%\rprogress 100%\r\ndone')).toBe('progress 10%\nprogress 100%\ndone');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(parseAnsi(hostile).map((r) => r.text).join(''))).toBe(false);
  });
});
