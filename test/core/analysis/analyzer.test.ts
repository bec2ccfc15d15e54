import { describe, expect, it } from 'vitest';
import { analyzeText, foldText, glossaryKey, tokenize } from '../../../src/core/analysis/analyzer.ts';
import { stemWord } from '../../../src/core/analysis/stem.ts';

const terms = (text: string) => tokenize(text).map((token) => token.term);

describe('text analysis', () => {
  it('folds accents and case but keeps œ and æ as two letters', () => {
    expect(foldText('Sécurité ŒUVRE cœur Cæsar')).toBe('securite oeuvre coeur caesar');
  });

  it('removes French elision with both apostrophes, and keeps aujourd’hui whole', () => {
    expect(terms("l'idée d’assistance jusqu'à qu'il lorsqu'on aujourd'hui")).toEqual([
      'idee',
      'assistance',
      'a',
      'il',
      'on',
      'aujourdhui',
    ]);
  });

  it('drops the English possessive', () => {
    expect(terms("the Secretary's ACT’s")).toEqual(['the', 'secretary', 'act']);
  });

  it('gives a hyphenated word as its parts and joined', () => {
    expect(terms('system-wide')).toEqual(['system', 'wide', 'systemwide']);
  });

  it('keeps numbers, and joins digits grouped with a space', () => {
    expect(terms('600 troops, 600 000 soldats')).toEqual([
      '600',
      'troops',
      '600',
      '600000',
      '000',
      'soldats',
    ]);
  });

  it('drops stop words of the text’s language only', () => {
    expect(analyzeText('Les forces de maintien de la paix', 'fr')).not.toContain('les');
    expect(analyzeText('the veto', 'en')).toEqual(['veto']);
  });

  it('indexes the folded surface and the folded stem of each word', () => {
    expect(analyzeText('opérations', 'fr')).toEqual(['operations', 'oper']);
    expect(analyzeText('peacekeepers', 'en')).toEqual(['peacekeepers', 'peacekeep']);
  });

  it('stems with Snowball in each language', () => {
    expect(stemWord('efficacité', 'fr')).toBe('efficac');
    expect(stemWord('violations', 'en')).toBe('violat');
  });

  it('makes glossary keys that ignore accents, stop words and plural s', () => {
    expect(glossaryKey('Conseil de sécurité')).toBe(glossaryKey('conseil de securite'));
    expect(glossaryKey('PSOPs')).toBe(glossaryKey('PSOP'));
    expect(glossaryKey('UN')).toBe('un');
  });
});
