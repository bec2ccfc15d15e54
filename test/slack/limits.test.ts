import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuoteResult, Reply } from '../../src/core/reply.ts';
import { blockLimits, toMessage } from '../../src/slack/blocks.ts';

/** Every Block Kit rule Slack enforces that one of our messages could break. */
function checkBlockKit(message: ReturnType<typeof toMessage>) {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(blockLimits.fallbackText);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(blockLimits.blocks);
  type Checked = {
    type: string;
    text?: { type: string; text: string };
    elements?: Array<{ text?: string | { text: string }; value?: string }>;
  };
  for (const block of message.blocks as unknown as Checked[]) {
    const texts: string[] = [];
    if (block.text) texts.push(block.text.text);
    if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') {
      expect(block.elements!.length).toBeGreaterThan(0);
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const element of block.elements!) {
        expect((element.text as string).length).toBeLessThanOrEqual(3000);
        texts.push(element.text as string);
      }
    }
    if (block.type === 'actions') {
      expect(block.elements!.length).toBeGreaterThan(0);
      for (const button of block.elements!) expect(button.value!.length).toBeLessThanOrEqual(2000);
    }
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(0);
      // No lone surrogate: a cut never splits an emoji.
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  }
}

const longText = fc
  .string({ unit: 'grapheme', minLength: 0, maxLength: 40 })
  .map((piece) => `${piece}😀🇨🇦`.repeat(300));
const bilingual = (text: fc.Arbitrary<string>) => fc.record({ en: text, fr: text });
const language = fc.constantFrom<'en' | 'fr'>('en', 'fr');

const quote = (text: string, n: number): QuoteResult => ({
  statement: 'x',
  title: { en: text, fr: text },
  date: '2016-09-06',
  paragraph: n,
  delivered: 'en',
  quote: { language: 'en', text, origin: 'delivered', marks: [] },
  counterpart: { language: 'fr', text, origin: 'translation', marks: [] },
  partial: true,
  citation: text,
  score: 1,
});

/** Replies of every kind, as large as an archive can make them. */
const hugeReplies: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({
    kind: fc.constant('themes' as const),
    language,
    statement: fc.record({
      id: fc.constant('huge'),
      title: bilingual(longText),
      date: fc.constant('2016-09-06'),
    }),
    paragraphNumbers: fc.constantFrom(10_000, 100_000).map((n) => Array.from({ length: n }, (_, k) => k + 1)),
    themes: fc.integer({ min: 1, max: 50 }).chain((count) =>
      fc.constant(
        Array.from({ length: count }, (_, k) => ({
          id: `theme-${k}`,
          label: { en: `Theme ${k} ${'long label '.repeat(20)}`, fr: `Thème ${k}` },
          description: { en: 'd', fr: 'd' },
          paragraphs: Array.from({ length: 5000 }, (_, j) => j * (k + 1) + 1),
        })),
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('paragraph' as const),
    language,
    statement: fc.constant('huge'),
    title: bilingual(longText),
    paragraph: fc.constant(100_000),
    delivered: fc.constant('fr' as const),
    fr: longText.map((text) => ({ language: 'fr' as const, text, origin: 'delivered' as const, marks: [] })),
    en: longText.map((text) => ({ language: 'en' as const, text, origin: 'official' as const, marks: [] })),
    citation: longText,
    sources: fc.constant(
      Array.from({ length: 12 }, () => ({
        kind: 'official' as const,
        language: 'en' as const,
        url: `https://international.gc.ca/${'a'.repeat(2000)}`,
        taken: '2026-11-30',
      })),
    ),
    last: fc.constant(100_000),
    date: fc.constant('2016-09-06'),
    archive: fc.constant(true),
    chosen: fc.constant('newest' as const),
    others: bilingual(longText).map((title) =>
      Array.from({ length: 5 }, (_, k) => ({
        id: `other-${k}-${'x'.repeat(60)}`,
        title,
        date: '2016-09-06',
      })),
    ),
  }),
  fc.record({
    kind: fc.constant('history' as const),
    language,
    query: longText,
    results: longText.map((text) => Array.from({ length: 40 }, (_, k) => quote(text, k + 1))),
    total: fc.constant(100_000),
    offset: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant('archive-themes' as const),
    language,
    statements: fc.constant(10_000),
    themes: bilingual(longText).map((title) =>
      Array.from({ length: 50 }, (_, k) => ({
        id: `theme-${k}`,
        label: title,
        description: title,
        statements: Array.from({ length: 2000 }, (_, j) => ({
          id: `s-${j}`,
          title,
          date: '2016-09-06',
          paragraphs: Array.from({ length: 200 }, (_, n) => n + 1),
        })),
      })),
    ),
  }),
  fc.record({
    kind: fc.constant('archive-theme' as const),
    language,
    theme: fc.record({ id: fc.constant('t'), label: bilingual(longText), description: bilingual(longText) }),
    statements: longText.map((text) =>
      Array.from({ length: 60 }, (_, k) => ({
        statement: { id: `s-${k}`, title: { en: text, fr: text }, date: '2016-09-06' },
        summary: { en: text, fr: text, origin: 'extract' as const, cites: [1, 2] },
        paragraphs: [1, 2, 3],
        quote: quote(text, k + 1),
      })),
    ),
    total: fc.constant(10_000),
    offset: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant('quotes' as const),
    language,
    query: longText,
    mode: fc.constant('all' as const),
    results: longText.map((text) => Array.from({ length: 40 }, (_, k) => quote(text, k + 1))),
    total: fc.constant(100_000),
    offset: fc.constant(0),
    archive: fc.constant(true),
    searched: longText,
    focus: fc.record({
      period: fc.constant('2019'),
      names: fc.constant(Array.from({ length: 40 }, (_, k) => `name ${k}`)),
      statements: fc.constant([] as Array<{ id: string; title: { en: string; fr: string }; date: string }>),
    }),
  }),
  fc.record({
    kind: fc.constant('theme' as const),
    language,
    statement: fc.record({
      id: fc.constant('huge'),
      title: bilingual(longText),
      date: fc.constant('2016-09-06'),
    }),
    theme: fc.record({ id: fc.constant('t'), label: bilingual(longText), description: bilingual(longText) }),
    summary: fc.record({
      en: longText,
      fr: longText,
      origin: fc.constant('extract' as const),
      cites: fc.constant(Array.from({ length: 5000 }, (_, k) => k)),
    }),
    paragraphs: fc.constant(Array.from({ length: 50_000 }, (_, k) => k + 1)),
    quotes: longText.map((text) => Array.from({ length: 30 }, (_, k) => quote(text, k + 1))),
  }),
  fc.record({
    kind: fc.constant('statements' as const),
    language,
    loadedAt: fc.constant('2026-11-30T06:00:00.000Z'),
    filter: longText,
    total: fc.constant(100_000),
    offset: fc.constant(0),
    statements: longText.map((text) =>
      Array.from({ length: 10_000 }, (_, k) => ({
        id: `s-${k}`,
        date: '2016-09-06',
        title: { en: text, fr: text },
        forum: { en: text, fr: text },
        paragraphs: 100_000,
      })),
    ),
  }),
  fc.record({
    kind: fc.constant('error' as const),
    language,
    message: longText,
    suggestions: fc.constant(Array.from({ length: 1000 }, (_, k) => `suggestion-${k}-😀`)),
  }),
);

describe('Block Kit limits for replies as large as an archive makes them', () => {
  it('keeps every kind of reply within every limit, with buttons or without', () => {
    fc.assert(
      fc.property(hugeReplies, fc.string({ maxLength: 600 }), (reply, typed) => {
        checkBlockKit(toMessage(reply));
        const state = {
          t: typed.slice(0, 500),
          l: reply.language,
          i: reply.language,
          o: 0,
          n: 1,
          m: 'command' as const,
        };
        checkBlockKit(toMessage(reply, { state }));
      }),
      { numRuns: 24 },
    );
  });

  it('never leaves an empty actions block when a button state cannot fit', () => {
    const reply: Reply = { kind: 'error', language: 'en', message: 'x' };
    const message = toMessage(reply, {
      state: { t: '\u0000'.repeat(500), l: 'en', i: 'en', o: 0, n: 1, m: 'command' },
    });
    checkBlockKit(message);
  });

  it('keeps the App Home within the section limit, cutting between characters, however long the titles', async () => {
    const { toHomeView } = await import('../../src/slack/home.ts');
    const { overviewReply } = await import('../../src/core/replies/overview.ts');
    const long = '😀🇨🇦 Déclaration & <titre> '.repeat(200);
    const knowledge = {
      statements: Array.from({ length: 30 }, (_, k) => ({
        id: `s-${k}`,
        date: '2016-09-06',
        title: { en: long, fr: long },
        paragraphs: [],
      })),
      themes: Array.from({ length: 50 }, (_, k) => ({
        id: `t-${k}`,
        label: { en: `Theme ${k} 😀`, fr: `Thème ${k} 😀` },
        description: { en: long, fr: long },
      })),
    } as unknown as import('../../src/core/knowledge-base.ts').Knowledge;
    for (const language of ['en', 'fr'] as const) {
      const view = toHomeView(overviewReply(knowledge.statements, knowledge.themes, language));
      for (const block of view.blocks as Array<{ type: string; text?: { text: string } }>) {
        if (block.type !== 'section') continue;
        expect(block.text!.text.length).toBeLessThanOrEqual(3000);
        expect(block.text!.text).not.toMatch(
          /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
        );
        expect(block.text!.text).not.toMatch(/&[a-z]{0,3}…$/);
      }
    }
  });
});
