import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Assumption,
  buildBilingualStatement,
  buildSingleStatement,
  type StatementOverrides,
} from '../../../src/core/ingest/build-statement.ts';
import {
  isEditableAssumption,
  type OverrideKey,
  overrideFields,
  overrideLimits,
  parseOverrides,
} from '../../../src/core/ingest/overrides.ts';
import { type PlainStatement, parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

const read = (language: 'en' | 'fr'): PlainStatement =>
  parsePlainStatement(
    readFileSync(`test/fixtures/align/published/pm-london-2017-06-04.${language}.txt`, 'utf8'),
  );
const pair = (overrides: StatementOverrides = {}) =>
  buildBilingualStatement({ en: read('en'), fr: read('fr') }, undefined, overrides);
const kinds = (assumptions: Assumption[]) => assumptions.map((a) => a.kind);

describe('the details a person gives, checked like a statement file', () => {
  it('turns each field, in each language, into overrides, spaces tidied and empty values not given', () => {
    const { overrides, errors } = parseOverrides({
      title_en: '  Statement on   London ',
      title_fr: 'Déclaration sur Londres',
      forum_en: 'UN Security Council',
      forum_fr: 'Conseil de sécurité des Nations Unies',
      place_en: 'New York',
      place_fr: '   ',
      speaker_en: 'Ambassador Bob Rae',
      speaker_fr: 'Ambassadeur Bob Rae',
      role_en: 'Permanent Representative of Canada to the United Nations',
      role_fr: 'Représentant permanent du Canada auprès des Nations Unies',
      country_en: 'Canada',
      country_fr: 'Canada',
      date: '2024-02-29',
      delivered_in: 'fr',
    });
    expect(errors).toEqual({});
    expect(overrides).toEqual({
      title: { en: 'Statement on London', fr: 'Déclaration sur Londres' },
      forum: { en: 'UN Security Council', fr: 'Conseil de sécurité des Nations Unies' },
      place: { en: 'New York' },
      speakerName: { en: 'Ambassador Bob Rae', fr: 'Ambassadeur Bob Rae' },
      role: {
        en: 'Permanent Representative of Canada to the United Nations',
        fr: 'Représentant permanent du Canada auprès des Nations Unies',
      },
      country: { en: 'Canada', fr: 'Canada' },
      date: '2024-02-29',
      deliveredIn: 'fr',
    });
    expect(parseOverrides({ title_en: '', date: ' ', delivered_in: 'de' })).toEqual({
      overrides: {},
      errors: {},
    });
  });

  it('keeps one language given alone, for the build to fill the other', () => {
    expect(parseOverrides({ forum_fr: 'Assemblée générale', role_en: 'Prime Minister' }).overrides).toEqual({
      forum: { fr: 'Assemblée générale' },
      role: { en: 'Prime Minister' },
    });
  });

  it('refuses a value over its field’s length, in either language, naming the limit', () => {
    for (const field of overrideFields)
      for (const language of ['en', 'fr'] as const) {
        const key: OverrideKey = `${field}_${language}`;
        const max = overrideLimits[field];
        const { overrides, errors } = parseOverrides({ [key]: 'a'.repeat(max + 1) });
        expect(errors, key).toEqual({ [key]: { kind: 'too_long', max } });
        expect(overrides, key).toEqual({});
        // At the limit, it is taken.
        expect(parseOverrides({ [key]: 'a'.repeat(max) }).errors, key).toEqual({});
      }
  });

  it('refuses a value of digits and signs only, in either language', () => {
    expect(parseOverrides({ country_en: '123', forum_fr: '— ?', title_en: '2030 Agenda' }).errors).toEqual({
      country_en: { kind: 'no_letters' },
      forum_fr: { kind: 'no_letters' },
    });
  });

  it('refuses a date that is not a real day written YYYY-MM-DD, as the loader does', () => {
    for (const date of ['2016-02-30', '2016-13-01', '2023-02-29', '6 September 2016', '2016-9-6', '2016-09'])
      expect(parseOverrides({ date }).errors, date).toEqual({ date: { kind: 'bad_date' } });
    expect(parseOverrides({ date: '2016-09-06' }).overrides).toEqual({ date: '2016-09-06' });
  });

  it('reports every field’s problem at once, and gives nothing else while there is one', () => {
    const { errors } = parseOverrides({
      date: '2018-02-31',
      forum_en: 'f'.repeat(301),
      speaker_fr: '!!!',
      title_en: 'Fine',
    });
    expect(Object.keys(errors).sort()).toEqual(['date', 'forum_en', 'speaker_fr']);
  });
});

describe('overrides in the statement built', () => {
  it('assume the forum is the title, the country Canada, when nothing says otherwise', () => {
    const { statement, assumptions } = pair();
    expect(statement.forum).toEqual(statement.title);
    expect(statement.country).toEqual({ en: 'Canada', fr: 'Canada' });
    expect(kinds(assumptions)).toEqual(['delivered_language', 'forum_is_title', 'country']);
  });

  it('take a forum given, which settles the forum assumption; one language given is copied and said', () => {
    const forum = { en: 'UN Security Council', fr: 'Conseil de sécurité des Nations Unies' };
    const given = pair({ forum });
    expect(given.statement.forum).toEqual(forum);
    expect(kinds(given.assumptions)).not.toContain('forum_is_title');
    const half = pair({ forum: { en: 'UN Security Council' } });
    expect(half.statement.forum).toEqual({ en: 'UN Security Council', fr: 'UN Security Council' });
    expect(half.assumptions).toContainEqual({ kind: 'copied', field: 'forum', language: 'fr' });
    expect(kinds(half.assumptions)).not.toContain('forum_is_title');
  });

  it('take a country given in each language, or one for both (the ingest’s --country), and its id follows it', () => {
    const both = pair({ country: { en: 'Germany', fr: 'Allemagne' } });
    expect(both.statement.country).toEqual({ en: 'Germany', fr: 'Allemagne' });
    expect(both.statement.id).toMatch(/^germany-/);
    expect(kinds(both.assumptions)).not.toContain('country');
    expect(pair({ country: 'Australia' }).statement.country).toEqual({ en: 'Australia', fr: 'Australia' });
    expect(pair({ country: { fr: 'Allemagne' } }).statement.country).toEqual({
      en: 'Allemagne',
      fr: 'Allemagne',
    });
    expect(kinds(pair({ country: { fr: 'Allemagne' } }).assumptions)).not.toContain('country');
  });

  it('take the speaker’s name and role in each language; the ingest’s one --speaker name still works', () => {
    const { statement } = pair({
      speakerName: { en: 'Prime Minister Justin Trudeau', fr: 'Premier ministre Justin Trudeau' },
      role: { en: 'Prime Minister of Canada', fr: 'Premier ministre du Canada' },
    });
    expect(statement.speaker).toEqual({
      name: { en: 'Prime Minister Justin Trudeau', fr: 'Premier ministre Justin Trudeau' },
      role: { en: 'Prime Minister of Canada', fr: 'Premier ministre du Canada' },
    });
    expect(pair({ speaker: 'Justin Trudeau' }).statement.speaker?.name).toEqual({
      en: 'Justin Trudeau',
      fr: 'Justin Trudeau',
    });
    // The name per language wins over the one name.
    expect(
      pair({ speaker: 'Justin Trudeau', speakerName: { en: 'J. Trudeau', fr: 'J. Trudeau' } }).statement
        .speaker?.name.en,
    ).toBe('J. Trudeau');
  });

  it('take one language of a name from its own version, else copy it and say so; a role given alone is copied', () => {
    // The French version names the speaker: its name stays.
    const named = pair({ speakerName: { en: 'Justin Trudeau' }, role: { fr: 'Premier ministre' } });
    expect(named.statement.speaker).toEqual({
      name: { en: 'Justin Trudeau', fr: read('fr').speaker!.name },
      role: { en: 'Premier ministre', fr: 'Premier ministre' },
    });
    // The role given in French alone is copied to English, and said to be (Edit details can change it).
    expect(named.assumptions.filter((a) => a.kind === 'copied')).toEqual([
      { kind: 'copied', field: 'role', language: 'en' },
    ]);
    // One English document: the French name is copied, and said to be.
    const single = buildSingleStatement(read('en'), { speakerName: { en: 'Justin Trudeau' } });
    expect(single.statement.speaker?.name).toEqual({ en: 'Justin Trudeau', fr: 'Justin Trudeau' });
    expect(single.assumptions).toContainEqual({ kind: 'copied', field: 'speaker', language: 'fr' });
  });

  it('say a country given in one language was copied to the other', () => {
    const { statement, assumptions } = buildSingleStatement(read('en'), {
      country: { fr: 'Canada (Ottawa)' },
    });
    expect(statement.country).toEqual({ en: 'Canada (Ottawa)', fr: 'Canada (Ottawa)' });
    expect(assumptions).toContainEqual({ kind: 'copied', field: 'country', language: 'en' });
    expect(assumptions.some((a) => a.kind === 'country')).toBe(false);
  });

  it('keep a role only with a speaker', () => {
    const nameless = { ...read('en'), speaker: undefined };
    const { statement, assumptions } = buildSingleStatement(nameless, { role: { en: 'Prime Minister' } });
    expect(statement.speaker).toBeUndefined();
    expect(assumptions).toContainEqual({ kind: 'left_out', field: 'speaker' });
  });
});

describe('what Edit details can change', () => {
  it('is every assumption of a field the form has; not notes, an id taken, or words delivered otherwise', () => {
    const editable: Assumption[] = [
      { kind: 'from_delivered', field: 'title' },
      { kind: 'copied', field: 'forum', language: 'fr' },
      { kind: 'left_out', field: 'place' },
      { kind: 'left_out', field: 'speaker' },
      { kind: 'forum_is_title' },
      { kind: 'country', country: 'Canada' },
      { kind: 'delivered_language', language: 'en' },
    ];
    const fixed: Assumption[] = [
      { kind: 'notes', notes: ['Check against delivery'] },
      { kind: 'id_taken', taken: 'a-2016-09-06', id: 'a-b-2016-09-06' },
      { kind: 'delivered_wording', paragraphs: [19] },
    ];
    expect(editable.filter(isEditableAssumption)).toEqual(editable);
    expect(fixed.filter(isEditableAssumption)).toEqual([]);
  });
});
