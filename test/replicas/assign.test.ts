import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignDuties } from '#src/replicas/assign.js';

const u = undefined;

describe('assignDuties (balanced, sticky duty targets)', () => {
  it.each([
    {
      case: 'nobody holds anything: in member order',
      count: 6,
      members: ['a', 'b', 'c'],
      holders: [],
      want: 'aabbcc',
    },
    {
      case: 'settled 2/2/2 stays put',
      count: 6,
      members: ['a', 'b', 'c'],
      holders: ['a', 'c', 'b', 'a', 'c', 'b'],
      want: 'acbacb',
    },
    {
      case: 'b died: only its duties move',
      count: 6,
      members: ['a', 'c'],
      holders: ['a', 'c', 'b', 'a', 'c', 'b'],
      want: 'acaacc',
    },
    {
      case: 'c joins: it takes only the surplus',
      count: 6,
      members: ['a', 'b', 'c'],
      holders: ['a', 'a', 'a', 'b', 'b', 'b'],
      want: 'aacbbc',
    },
    {
      case: 'odd count: the extra goes to who holds more',
      count: 5,
      members: ['a', 'b'],
      holders: ['b', 'b', 'b', 'a', 'a'],
      want: 'bbbaa',
    },
    { case: 'odd count, tie: member order', count: 5, members: ['a', 'b'], holders: [], want: 'aaabb' },
    {
      case: 'a holder over its share keeps its lowest duties',
      count: 4,
      members: ['a', 'b'],
      holders: ['a', 'a', 'a', 'a'],
      want: 'aabb',
    },
    {
      case: 'holders not listed count as free',
      count: 3,
      members: ['b'],
      holders: ['x', u, 'x'],
      want: 'bbb',
    },
    { case: 'more members than duties', count: 2, members: ['a', 'b', 'c'], holders: [u, 'c'], want: 'ac' },
  ])('$case', ({ count, members, holders, want }) => {
    expect(assignDuties(count, members, holders).join('')).toBe(want);
  });

  it('no members: no targets', () => {
    expect(assignDuties(3, [], ['a'])).toEqual([]);
  });

  it('always balanced, complete, and keeps every holder’s duties up to its share', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.subarray(names, { minLength: 1 }),
        fc.array(fc.option(fc.constantFrom(...names, 'x'), { nil: undefined }), { maxLength: 40 }),
        (count, members, holders) => {
          const t = assignDuties(count, members, holders);
          expect(t).toHaveLength(count);
          const sizes = members.map((m) => t.filter((o) => o === m).length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(t.every((o) => members.includes(o))).toBe(true);
          // Sticky: a member loses a duty it holds only when it holds more than its share.
          for (const m of members) {
            const had = holders.slice(0, count).filter((h) => h === m).length;
            const kept = holders.slice(0, count).filter((h, i) => h === m && t[i] === m).length;
            expect(kept).toBe(Math.min(had, t.filter((o) => o === m).length));
          }
        },
      ),
    );
  });
});
