import { jsonNestsDeeperThan } from './json-depth';
import { findTextProblem } from './text-hygiene';

const limits = { maxString: 10, maxDepth: 3 };

describe('text hygiene', () => {
  it('names the field holding a NUL, an unpaired surrogate or a too-long text', () => {
    expect(findTextProblem({ a: [{ b: 'x\u0000' }] }, 'body', limits)).toMatch(
      /^a\[0\]\.b must not contain the NUL/,
    );
    expect(findTextProblem({ name: 'a\ud800' }, 'body', limits)).toMatch(
      /^name contains an unpaired UTF-16 surrogate/,
    );
    expect(findTextProblem({ name: '😀' }, 'body', limits)).toBeUndefined();
    expect(findTextProblem('x'.repeat(11), 'search', limits)).toBe(
      'search is 11 characters long; at most 10 are accepted',
    );
    expect(findTextProblem({ ['\u0000']: 1 }, 'body', limits)).toMatch(
      /^A field name in body must not contain/,
    );
  });

  it('bounds depth without recursion, even for 100,000 levels', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblem(deep, 'body', limits)).toMatch(/nests lists or objects deeper than 3 levels/);
  });

  it('measures raw JSON depth, ignoring brackets inside strings', () => {
    expect(jsonNestsDeeperThan(Buffer.from('[[["[[[[[[\\"[["]]]'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('[[[[1]]]]'), 3)).toBe(true);
  });
});
