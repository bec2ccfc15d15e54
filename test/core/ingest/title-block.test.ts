import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';
import { readTitleBlock } from '../../../src/core/ingest/title-block.ts';

describe('title blocks as real publishers write them', () => {
  it.each([
    {
      lines: ['Statement by the Prime Minister on United Nations Day', 'October 24, 2025', 'Ottawa, Ontario'],
      title: 'Statement by the Prime Minister on United Nations Day',
      speaker: { name: 'Prime Minister' },
      date: '2025-10-24',
      place: 'Ottawa, Ontario',
    },
    {
      lines: [
        'Statement by Prime Minister Carney on the anniversary of the Charter',
        'New York, September 6, 2016',
      ],
      title: 'Statement by Prime Minister Carney on the anniversary of the Charter',
      speaker: { name: 'Prime Minister Carney' },
      date: '2016-09-06',
      place: 'New York',
    },
    {
      lines: [
        "Déclaration du premier ministre à l'occasion de la Journée des Nations Unies",
        'Le 24 octobre 2025',
        'Ottawa (Ontario)',
      ],
      title: "Déclaration du premier ministre à l'occasion de la Journée des Nations Unies",
      speaker: { name: 'Premier ministre' },
      date: '2025-10-24',
      place: 'Ottawa (Ontario)',
    },
    {
      lines: [
        'General Assembly Interactive Dialogue: The Responsibility to Protect',
        'Statement by Ambassador Michael Grant, Deputy Permanent Representative of Canada to the United Nations',
        'New York, September 6, 2016',
      ],
      title: 'General Assembly Interactive Dialogue: The Responsibility to Protect',
      speaker: {
        name: 'Ambassador Michael Grant',
        role: 'Deputy Permanent Representative of Canada to the United Nations',
      },
      date: '2016-09-06',
      place: 'New York',
    },
    {
      lines: [
        'Remarks by the Minister of Foreign Affairs at the Security Council',
        'New York, le 6 septembre 2016',
      ],
      title: 'Remarks by the Minister of Foreign Affairs at the Security Council',
      speaker: { name: 'Minister of Foreign Affairs' },
      forum: 'Security Council',
      date: '2016-09-06',
      place: 'New York',
    },
    {
      lines: [
        'Canadian Statement at the United Nations General Assembly',
        'Interactive Dialogue on the Responsibility to Protect',
        '6 September 2016',
      ],
      title:
        'Canadian Statement at the United Nations General Assembly Interactive Dialogue on the Responsibility to Protect',
      speaker: undefined,
      forum: 'United Nations General Assembly Interactive Dialogue on the Responsibility to Protect',
      date: '2016-09-06',
      place: undefined,
    },
    {
      lines: [
        "Message du Secrétaire général à l'occasion de la Journée des Nations Unies",
        'New York, le 24 octobre 2013',
      ],
      title: "Message du Secrétaire général à l'occasion de la Journée des Nations Unies",
      speaker: { name: 'Secrétaire général' },
      date: '2013-10-24',
      place: 'New York',
    },
    {
      lines: [
        'Statement by H.E. Ambassador Bob Rae at the UN General Assembly Debate on the Protection of Civilians',
        'June 23, 2022 – UN General Assembly',
      ],
      title:
        'Statement by H.E. Ambassador Bob Rae at the UN General Assembly Debate on the Protection of Civilians',
      speaker: { name: 'H.E. Ambassador Bob Rae' },
      forum: 'UN General Assembly Debate on the Protection of Civilians',
      date: '2022-06-23',
      place: undefined,
    },
    {
      lines: [
        "Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
        'OTTAWA, le 4 juin 2017',
      ],
      title: "Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
      speaker: { name: 'Premier ministre du Canada' },
      date: '2017-06-04',
      place: 'Ottawa',
    },
  ])('reads $title', ({ lines, title, speaker, date, place, forum }) => {
    const read = readTitleBlock(lines);
    expect(read.title).toBe(title);
    expect(read.speaker).toEqual(speaker);
    expect(read.date).toBe(date);
    expect(read.place).toBe(place);
    if (forum) expect(read.forum).toBe(forum);
  });

  it('reads a title block with blank lines in it, and does not take its date line for a paragraph', () => {
    const read = parsePlainStatement(
      'Statement by the Prime Minister on United Nations Day\n\nOctober 24, 2025\n\nOttawa, Ontario\n\nToday we mark the Charter.\n\nCanada will keep working.\n',
    );
    expect(read).toMatchObject({
      date: '2025-10-24',
      place: 'Ottawa, Ontario',
      speaker: { name: 'Prime Minister' },
    });
    expect(read.paragraphs.map((p) => p.text)).toEqual([
      'Today we mark the Charter.',
      'Canada will keep working.',
    ]);
  });

  it('records "Check against delivery" as a note, not as a paragraph', () => {
    const read = parsePlainStatement(
      'A statement\nNew York, 6 September 2016\n\nCheck against delivery\n\nMr. President,\n\nWe act.\n',
    );
    expect(read.notes).toEqual(['Check against delivery']);
    expect(read.paragraphs.map((p) => p.text)).toEqual(['Mr. President,', 'We act.']);
  });

  it('leaves unknown what a title block does not say', () => {
    const read = readTitleBlock(['Protection of civilians', '6 September 2016']);
    expect(read.speaker).toBeUndefined();
    expect(read.place).toBeUndefined();
    expect(read.forum).toBeUndefined();
  });

  it('puts each version’s title in its own language, and cites each language with its own words', () => {
    const read = (language: string) =>
      parsePlainStatement(
        readFileSync(`test/fixtures/align/published/pm-london-2017-06-04.${language}.txt`, 'utf8'),
      );
    const { statement, citations, assumptions } = buildBilingualStatement(
      { en: read('en'), fr: read('fr') },
      undefined,
    );
    expect(statement.title).toEqual({
      en: 'Statement by the Prime Minister of Canada on the terrorist attack in London',
      fr: "Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres",
    });
    expect(statement.speaker?.name).toEqual({
      en: 'Prime Minister of Canada',
      fr: 'Premier ministre du Canada',
    });
    expect(citations).toEqual({
      en: 'Canada, Statement by the Prime Minister of Canada on the terrorist attack in London, Ottawa, 4 June 2017, ¶1',
      fr: "Canada, Déclaration du premier ministre du Canada au sujet de l'attentat terroriste survenu à Londres, Ottawa, 4 juin 2017, ¶1",
    });
    expect(assumptions).toContainEqual({ kind: 'forum_is_title' });
  });
});
