import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { closestNames } from '../../src/labels/closest.js';
import { ClassMatcher, spell } from '../../src/labels/spellings.js';

const K = [
  'abseiling',
  'hurling (sport)',
  "massaging person's head",
  'passing American football (in game)',
  'passing American football (not in game)',
];

describe('label spellings', () => {
  it('spells a raw name the three ways', () => {
    assert.equal(spell('passing American football (in game)', 'underscore'), 'passing_American_football_(in_game)');
    assert.equal(spell('passing American football (in game)', 'torchvision'), 'passing_American_football_in_game');
    assert.equal(spell("massaging person's head", 'torchvision'), 'massaging_persons_head');
    assert.equal(spell('passing_American_football_(in_game)', 'raw'), 'passing American football (in game)');
  });

  it('matches user input in any spelling, and ignores case when that is unambiguous', () => {
    const matcher = new ClassMatcher(K);
    for (const typed of [
      'passing American football (in game)',
      'passing_American_football_(in_game)',
      'passing_American_football_in_game',
      'passing american football (in game)',
    ]) {
      assert.equal(matcher.find(typed, '--classes'), 'passing American football (in game)', typed);
    }
    assert.equal(matcher.find('massaging_persons_head', '--classes'), "massaging person's head");
  });

  it('matches folders spelled the torchvision way from raw input', () => {
    const matcher = new ClassMatcher(['hurling_sport', 'massaging_persons_head']);
    assert.deepEqual(matcher.resolve(['hurling (sport)', "massaging person's head"], '--classes'), [
      'hurling_sport',
      'massaging_persons_head',
    ]);
  });

  it('refuses an ambiguous name and names the candidates', () => {
    const matcher = new ClassMatcher(['Zumba', 'zumba']);
    assert.throws(
      () => matcher.find('ZUMBA', '--classes'),
      (e: unknown) => e instanceof UsageError && /could be any of 'Zumba', 'zumba'/.test(e.message),
    );
  });

  it('says "did you mean" with the closest classes for an unknown name', () => {
    const matcher = new ClassMatcher(K);
    assert.throws(
      () => matcher.resolve(['abseiling', 'hurlin'], '--classes'),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === "--classes: no class named 'hurlin'" &&
        e.hint === "did you mean 'hurling (sport)'?",
    );
    assert.deepEqual(closestNames('passing football', K), []);
    assert.deepEqual(closestNames('passing American football', K), [
      'passing American football (in game)',
      'passing American football (not in game)',
    ]);
  });
});
