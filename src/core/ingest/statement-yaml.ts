import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { foldText } from '../analysis/normalize.ts';
import type { Statement } from '../corpus.ts';
import { readSpeakerLine } from './title-block.ts';

const GENERIC = new Set(
  'a an and at by de des du en et for in la le les of on or statement declaration the to united nations general assembly canadian canada'.split(
    ' ',
  ),
);

/** Words a speaker's name holds that tell no one apart: honorifics and the title of an ambassador. */
const HONORIFICS = new Set(
  'h e s mr mrs ms m mme dr hon honourable right his her excellency ambassador ambassadeur ambassadrice'.split(
    ' ',
  ),
);

/** The folded, distinctive words of a text, each once, in order. */
const idWords = (text: string, skip: ReadonlySet<string> = GENERIC) => [
  ...new Set(
    foldText(text)
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !skip.has(word)),
  ),
];

/**
 * What a title is about, for its id: for "Statement by Ambassador X, Permanent
 * Representative …, at the Security Council Open Debate on Women, Peace and Security",
 * the subject ("Women, Peace and Security"), never the speaker's name and role.
 */
function subjectOf(title: string): string {
  const spoken = readSpeakerLine(title);
  if (!spoken?.role || !spoken.at) return title;
  const on = /\s(?:on|sur|concerning|regarding|concernant)\s+(.+)$/iu.exec(spoken.at);
  return on?.[1] ?? spoken.at;
}

/**
 * A stable, readable statement id: country, a few distinctive words of the title (what it
 * is about when the title names a speaker and a role), date; no word twice.
 * @example deriveStatementId('Canada', 'Statement on the Protection of Civilians', '2019-05-23') // => 'canada-protection-civilians-2019-05-23'
 * @example deriveStatementId('Canada', 'Statement by Ambassador David Lametti, Permanent Representative of Canada to the United Nations, at the Security Council Open Debate on Women, Peace and Security', '2025-10-23') // => 'canada-women-peace-security-2025-10-23'
 */
export function deriveStatementId(country: string, title: string, date: string): string {
  const countryWords = new Set(slug(country).split('-'));
  const words = idWords(subjectOf(title))
    .filter((word) => !countryWords.has(word))
    .slice(0, 3);
  return [slug(country), ...words, date].filter(Boolean).join('-');
}

const slug = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Where each key goes in a statement file, level by level: keys it does not name follow, in their own order. */
interface Layout {
  keys?: readonly string[];
  /** The layout of the value under a key. */
  fields?: Readonly<Record<string, Layout>>;
  /** The layout of every item of a list, or of every value of a map whose keys are data (summaries, sources). */
  each?: Layout;
}

/** English first, as in every bilingual map of the seed file. */
const bilingual: Layout = { keys: ['en', 'fr'] };

/** The order of data/statements/*.yml, as the seed file is written by hand. */
const statementLayout: Layout = {
  keys: [
    'id',
    'country',
    'date',
    'title',
    'forum',
    'place',
    'speaker',
    'delivery',
    'sources',
    'added',
    'summaries',
    'paragraphs',
  ],
  fields: {
    country: bilingual,
    title: bilingual,
    forum: bilingual,
    place: bilingual,
    delivery: bilingual,
    speaker: { keys: ['name', 'role'], fields: { name: bilingual, role: bilingual } },
    sources: { keys: ['en', 'fr', 'delivered'], each: { keys: ['url', 'file', 'format', 'taken', 'notes'] } },
    added: { keys: ['from', 'by', 'at'] },
    summaries: { each: bilingual },
    paragraphs: {
      each: {
        keys: ['n', 'delivered', 'text', 'counterpart', 'themes'],
        fields: { counterpart: { keys: ['origin', 'text'] } },
      },
    },
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of a value with its keys in the layout's order and nothing undefined: every
 * object and list is new, so no two places of the file share one (which YAML would write
 * as an anchor and an alias, and editing one would silently change the other).
 */
function laidOut(value: unknown, layout: Layout = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => laidOut(item, layout.each));
  if (!isRecord(value)) return value;
  const named = layout.keys ?? [];
  const keys = [
    ...named.filter((key) => key in value),
    ...Object.keys(value).filter((key) => !named.includes(key)),
  ];
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (value[key] === undefined) continue;
    copy[key] = laidOut(value[key], layout.fields?.[key] ?? layout.each);
  }
  return copy;
}

/** Writes a scalar in double quotes, as the seed writes its dates ("2016-09-06"). */
function quote(node: unknown): void {
  if (isScalar(node) && typeof node.value === 'string') node.type = 'QUOTE_DOUBLE';
}

/** The maps a list or a map holds. */
const mapsIn = (node: unknown) =>
  (isSeq(node) || isMap(node) ? node.items : [])
    .map((item) => (isPair(item) ? item.value : item))
    .filter(isMap);

/**
 * Writes a statement as the hand-editable YAML of data/statements/, with a short guide on
 * top, the way the seed file is written: its key order (English before French in every
 * bilingual map), dates in quotes, each text on one line, a paragraph's themes as
 * `[a, b]`, and never an anchor or an alias. Parsing the result with `parseStatementFile`
 * and writing it again gives the same bytes.
 */
export function toStatementYaml(
  statement: Statement,
  note = 'Generated by npm run ingest: check the metadata, then fill in each\n# counterpart marked `origin: missing` (as `origin: translation` or `origin: official`, with its text).',
): string {
  // One line each: a line break in a title would end the comment.
  const title = statement.title.en.replace(/\s*[\r\n]+\s*/g, ' ');
  const header = [`# ${title}`, `# ${statement.date}. ${note}`].join('\n');
  const document = new Document(laidOut(statement, statementLayout), { aliasDuplicateObjects: false });
  quote(document.get('date', true));
  quote(document.getIn(['added', 'at'], true));
  for (const source of mapsIn(document.get('sources', true))) quote(source.get('taken', true));
  for (const paragraph of mapsIn(document.get('paragraphs', true))) {
    const themes = paragraph.get('themes', true);
    if (isSeq(themes)) themes.flow = true;
  }
  const body = document.toString({
    lineWidth: 0,
    flowCollectionPadding: false,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
  });
  return `${header}\n${body}`;
}

/**
 * An id no other statement holds: the derived id, else with the speaker's words before
 * the date ("canada-united-nations-day-prime-minister-2025-10-24"), leaving out the words
 * the id already holds, else numbered ("canada-ambassador-david-lametti-2-2025-10-23"):
 * short, and never a word twice.
 * @example distinctId('canada-day-2025-10-24', 'Prime Minister', '2025-10-24', (id) => id === 'canada-day-2025-10-24') // => 'canada-day-prime-minister-2025-10-24'
 */
export function distinctId(
  id: string,
  speaker: string | undefined,
  date: string,
  taken: (id: string) => boolean,
): string {
  if (!taken(id)) return id;
  const stem = id.endsWith(`-${date}`) ? id.slice(0, -(date.length + 1)) : id;
  const suffix = id.endsWith(`-${date}`) ? `-${date}` : '';
  const held = new Set(stem.split('-'));
  const who = speaker
    ? idWords(speaker, new Set([...GENERIC, ...HONORIFICS, ...held]))
        .slice(0, 3)
        .join('-')
    : '';
  const withSpeaker = who ? `${stem}-${who}${suffix}` : id;
  if (!taken(withSpeaker)) return withSpeaker;
  for (let k = 2; ; k++) {
    const numbered = `${stem}${who ? `-${who}` : ''}-${k}${suffix}`;
    if (!taken(numbered)) return numbered;
  }
}
