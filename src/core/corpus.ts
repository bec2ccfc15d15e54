import { z } from 'zod';
import { documentFormats } from './ingest/document.ts';

export const Language = z.enum(['fr', 'en'], {
  error: (issue) => (issue.input === undefined ? 'is missing: write fr or en' : 'expected "fr" or "en"'),
});
export type Language = z.infer<typeof Language>;

/** Both languages of the product, in a fixed order. */
export const languages: readonly Language[] = Language.options;

export const otherLanguage = (language: Language): Language => (language === 'fr' ? 'en' : 'fr');

const missingOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is missing' : expected;

const nonEmpty = z
  .string({ error: missingOr('expected text') })
  .trim()
  .min(1, 'must not be empty');

/** A human-readable field in both languages. */
export const Bilingual = z.strictObject({ en: nonEmpty, fr: nonEmpty });
export type Bilingual = z.infer<typeof Bilingual>;

/** Where a paragraph's text in one language comes from. */
export const Origin = z.enum(['delivered', 'official', 'translation', 'missing']);
export type Origin = z.infer<typeof Origin>;

/** The counterpart of a delivered paragraph: a text marked with its origin, or explicitly missing. */
export const Counterpart = z.discriminatedUnion(
  'origin',
  [
    z.strictObject({ origin: z.literal('official'), text: nonEmpty }),
    z.strictObject({ origin: z.literal('translation'), text: nonEmpty }),
    z.strictObject({ origin: z.literal('missing') }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'is missing: add one with origin translation, official or missing (never leave it out)'
        : 'origin must be "official", "translation" or "missing"',
  },
);
export type Counterpart = z.infer<typeof Counterpart>;

const IsoDate = z
  .string({ error: missingOr('expected a date as "YYYY-MM-DD", in quotes') })
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'expected a real calendar date as YYYY-MM-DD');

const ThemeId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a theme id like "veto-restraint"');

/**
 * Where one version of a statement was taken from, and when: a web page (its canonical
 * URL) or a file (its name only, never a path), with the notes dropped from its text.
 */
export const Source = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'expected a web address starting with https://' }).optional(),
    file: nonEmpty.optional(),
    format: z.enum(documentFormats).optional(),
    taken: IsoDate,
    notes: z.array(nonEmpty).optional(),
  })
  .refine((source) => source.url !== undefined || source.file !== undefined, 'give its url or its file name');
export type Source = z.infer<typeof Source>;

/** The source of each version: the English, the French, and the text as delivered. */
export const Sources = z.strictObject({
  en: Source.optional(),
  fr: Source.optional(),
  delivered: Source.optional(),
});
export type Sources = z.infer<typeof Sources>;

export const Paragraph = z.strictObject({
  n: z.number().int().positive(),
  delivered: Language,
  text: nonEmpty,
  counterpart: Counterpart,
  /** Hand-set themes; when present they replace the computed tags. */
  themes: z.array(ThemeId).optional(),
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A curated summary of one theme in one statement. */
export const ThemeSummary = z.strictObject({ en: nonEmpty, fr: nonEmpty });

/** What a statement id is: lowercase words joined by hyphens (so it is also a safe file name). */
export const statementIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Statement = z
  .strictObject({
    id: z.string().regex(statementIdPattern, 'expected lowercase words joined by hyphens'),
    country: Bilingual,
    date: IsoDate,
    title: Bilingual,
    forum: Bilingual,
    /** Absent when the title block does not say: never guessed. */
    place: Bilingual.optional(),
    /** Absent when the title block does not name the speaker: never guessed. */
    speaker: z.strictObject({ name: Bilingual, role: Bilingual.optional() }).optional(),
    delivery: Bilingual.optional(),
    summaries: z.record(ThemeId, ThemeSummary).optional(),
    sources: Sources.optional(),
    /** Set when the statement was added from Slack: by whom (a Slack user id) and when. */
    added: z
      .strictObject({
        from: z.literal('slack'),
        by: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id such as U012ABCDEF'),
        at: z.iso.datetime({ error: 'expected a time such as "2026-11-30T08:15:00.000Z"' }),
      })
      .optional(),
    paragraphs: z.array(Paragraph).min(1, 'a statement needs at least one paragraph'),
  })
  .superRefine((statement, ctx) => {
    const seen = new Map<number, number>();
    statement.paragraphs.forEach((paragraph, index) => {
      const first = seen.get(paragraph.n);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['paragraphs', index, 'n'],
          message: `duplicate paragraph number ${paragraph.n} (already used at paragraphs[${first}])`,
        });
      } else {
        seen.set(paragraph.n, index);
      }
    });
  });
export type Statement = z.infer<typeof Statement>;

/** One paragraph with both languages resolved: what search, themes and renderers work on. */
export interface ParagraphRecord {
  /** `statementId#n`: unique across the corpus. */
  id: string;
  statement: Statement;
  n: number;
  delivered: Language;
  text: Record<Language, { text: string; origin: Origin } | undefined>;
  /** Themes set by hand in the statement file, when any. */
  handThemes?: readonly string[];
}

export const paragraphId = (statementId: string, n: number) => `${statementId}#${n}`;

/** Resolves a paragraph's two languages, with the delivered one marked as such. */
export function buildParagraphRecord(statement: Statement, paragraph: Paragraph): ParagraphRecord {
  const other = otherLanguage(paragraph.delivered);
  const counterpart =
    paragraph.counterpart.origin === 'missing'
      ? undefined
      : { text: paragraph.counterpart.text, origin: paragraph.counterpart.origin };
  const record: ParagraphRecord = {
    id: paragraphId(statement.id, paragraph.n),
    statement,
    n: paragraph.n,
    delivered: paragraph.delivered,
    text: {
      [paragraph.delivered]: { text: paragraph.text, origin: 'delivered' },
      [other]: counterpart,
    } as ParagraphRecord['text'],
  };
  if (paragraph.themes) record.handThemes = paragraph.themes;
  return record;
}
