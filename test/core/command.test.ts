import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/command.ts';

describe('the command language', () => {
  it('reads free text as a search', () => {
    expect(parseCommand('  peacekeeper training ')).toEqual({
      kind: 'search',
      query: 'peacekeeper training',
      filters: {},
    });
  });

  it.each(['para 14', '¶14', '§14', '#14', 'paragraphe 14', 'Para ¶14'])(
    'reads %s as paragraph 14',
    (text) => {
      expect(parseCommand(text)).toMatchObject({ kind: 'paragraph', n: 14 });
    },
  );

  it.each(['', '   ', 'help', 'aide', 'AIDE', '?'])('reads %j as help', (text) => {
    expect(parseCommand(text).kind).toBe('help');
  });

  it('reads filters anywhere in the text', () => {
    expect(parseCommand('lang:fr veto in:r2p from:2016 to:2018-06 ¶10-14')).toEqual({
      kind: 'search',
      query: 'veto',
      filters: { language: 'fr', statement: 'r2p', from: '2016', to: '2018-06', range: [10, 14] },
    });
  });

  it('reads a final fr or en as the language to show first', () => {
    expect(parseCommand('veto fr')).toMatchObject({
      kind: 'search',
      query: 'veto',
      filters: { language: 'fr' },
    });
    expect(parseCommand('en')).toMatchObject({ kind: 'search', query: 'en' });
  });

  it('reads a range alone, or after para, as a run of paragraphs', () => {
    expect(parseCommand('¶10-12')).toMatchObject({ kind: 'range', filters: { range: [10, 12] } });
    expect(parseCommand('para 10-12')).toMatchObject({ kind: 'range', filters: { range: [10, 12] } });
  });

  it('refuses unknown filters and bad values with a problem, not a crash', () => {
    expect(parseCommand('veto color:red')).toMatchObject({
      kind: 'invalid',
      problem: { code: 'unknown-filter', key: 'color' },
    });
    expect(parseCommand('veto lang:de')).toMatchObject({
      kind: 'invalid',
      problem: { code: 'bad-language' },
    });
    expect(parseCommand('veto from:last-year')).toMatchObject({
      kind: 'invalid',
      problem: { code: 'bad-date' },
    });
    expect(parseCommand('veto from:2018 to:2016')).toMatchObject({
      kind: 'invalid',
      problem: { code: 'dates-reversed' },
    });
    expect(parseCommand('¶14-10')).toMatchObject({ kind: 'invalid', problem: { code: 'bad-range' } });
    expect(parseCommand('para')).toMatchObject({
      kind: 'invalid',
      problem: { code: 'missing-paragraph-number' },
    });
  });

  it('keeps links and times as words, not filters', () => {
    expect(parseCommand('https://example.org 10:30')).toMatchObject({ kind: 'search' });
  });

  it('reads theme and statement commands in both languages', () => {
    expect(parseCommand('themes').kind).toBe('themes');
    expect(parseCommand('thèmes').kind).toBe('themes');
    expect(parseCommand('thème maintien de la paix')).toMatchObject({
      kind: 'theme',
      name: 'maintien de la paix',
    });
    expect(parseCommand('statements').kind).toBe('statements');
    expect(parseCommand('déclarations').kind).toBe('statements');
  });
});
