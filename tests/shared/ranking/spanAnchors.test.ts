import { describe, expect, it } from 'vitest';
import { anchorSelection, correspondingOffset } from '@shared/ranking';

const content = 'The function returns x. Later the *function returns* y, and the function returns z.';
const rendered = 'The function returns x. Later the function returns y, and the function returns z.';
const needle = 'function returns';

describe('span anchors', () => {
  it('anchors the occurrence that was selected, not the first one', () => {
    const at = anchorSelection(content, needle, rendered, rendered.indexOf('function returns y'));
    expect(at?.start).toBe(content.indexOf('function returns* y'));
    expect(content.slice(at!.start, at!.end)).toBe(needle);
  });

  it('finds a stored span again in the rendered text by the same rule', () => {
    const start = content.lastIndexOf(needle);
    expect(correspondingOffset(content, start, rendered, needle)).toBe(rendered.lastIndexOf(needle));
  });

  it('falls back on relative position when formatting hides an occurrence from one side', () => {
    const source = 'alpha **be**ta gamma beta delta beta';
    const view = 'alpha beta gamma beta delta beta';
    // "beta" occurs 3 times in the view, 2 in the source (one is split by **): the last maps to the last.
    expect(correspondingOffset(view, view.lastIndexOf('beta'), source, 'beta')).toBe(source.lastIndexOf('beta'));
  });

  it('trims a sloppy selection and gives up on text the source does not hold', () => {
    expect(anchorSelection(content, '  returns x \n', rendered, rendered.indexOf('returns x') - 2)?.start).toBe(content.indexOf('returns x'));
    expect(anchorSelection('**bold** words', 'bold words', 'bold words', 0)).toBeNull();
  });
});
