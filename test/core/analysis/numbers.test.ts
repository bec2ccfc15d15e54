import { describe, expect, it } from 'vitest';
import { termsOf, tokenize } from '../../../src/core/analysis/analyzer.ts';
import { numberTerm, spacedNumber } from '../../../src/core/analysis/numbers.ts';

describe('numbers in digits, ordinals and words', () => {
  it('gives one term for every spelling, in both languages', () => {
    for (const spelling of [
      '75th',
      '75e',
      '75eme',
      'seventyfifth',
      'seventyfive',
      'soixantequinzieme',
      'soixantequinze',
    ])
      expect(numberTerm(spelling), spelling).toBe('75');
    expect(numberTerm('quatrevingtdixieme')).toBe('90');
    expect(numberTerm('vingtetunieme')).toBe('21');
    expect(numberTerm('twentieth')).toBe('20');
    expect(numberTerm('1er')).toBe('1');
    expect(numberTerm('sixcents')).toBe('600');
  });

  it('leaves alone words under ten, which are rarely numbers in a statement, and "seize"', () => {
    for (const word of ['first', 'second', 'one', 'premier', 'un', 'cinq', 'seize', 'peace', '2030'])
      expect(numberTerm(word), word).toBeUndefined();
  });

  it('joins a number written in two words', () => {
    expect(spacedNumber('seventy', 'eight')).toBe('78');
    expect(spacedNumber('six', 'cents')).toBe('600');
    expect(spacedNumber('peace', 'day')).toBeUndefined();
    expect(tokenize('seventy eight years').map((token) => token.term)).toContain('78');
  });

  it('indexes "seventy-fifth" and « 75e » under the same term', () => {
    const terms = (text: string, language: 'en' | 'fr') =>
      tokenize(text).flatMap((token) => termsOf(token, language));
    expect(terms('the seventy-fifth anniversary', 'en')).toContain('75');
    expect(terms('le 75e anniversaire', 'fr')).toContain('75');
    expect(terms('la soixante-quinzième session', 'fr')).toContain('75');
  });
});
