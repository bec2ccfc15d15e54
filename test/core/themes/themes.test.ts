import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/answer.ts';
import { parseDataFile, parseStatementFile } from '../../../src/core/data-file.ts';
import { GlossaryFile } from '../../../src/core/glossary.ts';
import { buildKnowledge, type Knowledge } from '../../../src/core/knowledge-base.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { resolveTheme } from '../../../src/core/themes/resolve.ts';
import { citedParagraphs } from '../../../src/core/themes/summary.ts';
import { ThemesFile } from '../../../src/core/themes/taxonomy.ts';
import { seedKnowledge } from '../../support/knowledge.ts';

let seed: Knowledge;
let second: Knowledge;
beforeAll(async () => {
  seed = await seedKnowledge();
  const fixture = 'test/fixtures/statements/test-poc-open-debate-2019-05-23.yml';
  second = buildKnowledge(
    [parseStatementFile(readFileSync(fixture, 'utf8'), fixture)],
    parseDataFile(readFileSync('data/glossary.yml', 'utf8'), 'data/glossary.yml', GlossaryFile),
    parseDataFile(readFileSync('data/themes.yml', 'utf8'), 'data/themes.yml', ThemesFile),
  );
});

/** Hand-checked: the themes each paragraph of the seed speaks of. */
const expectedTags: Record<number, string[]> = {
  1: [],
  2: ['atrocity-crimes'],
  3: ['responsibility-to-protect'],
  4: ['atrocity-crimes'],
  5: ['atrocity-crimes'],
  6: ['protection-of-civilians'],
  7: ['protection-of-civilians'],
  8: ['protection-of-civilians'],
  9: ['responsibility-to-protect', 'peacekeepers'],
  10: ['peacekeepers'],
  11: ['protection-of-civilians', 'un-capacity'],
  12: ['un-capacity'],
  13: ['veto-restraint'],
  14: ['atrocity-crimes', 'veto-restraint'],
  15: ['un-capacity'],
  16: ['protection-of-civilians'],
  17: ['protection-of-civilians'],
  18: ['responsibility-to-protect'],
  19: ['responsibility-to-protect'],
  20: ['canada-commitments'],
  21: ['protection-of-civilians', 'peacekeepers', 'canada-commitments'],
  22: [],
};

const as = <K extends Reply['kind']>(reply: Reply, kind: K) => {
  if (reply.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(reply)}`);
  return reply as Extract<Reply, { kind: K }>;
};

describe('themes', () => {
  it('tags the seed as the hand-checked table says', () => {
    const tags = Object.fromEntries(
      [...seed.paragraphs.values()].map((paragraph) => [
        paragraph.n,
        [...(seed.tags.get(paragraph.id) ?? [])],
      ]),
    );
    expect(tags).toEqual(expectedTags);
  });

  it('gives the salutation and the thank-you no theme, in a statement nobody tagged', () => {
    const tags = [...second.paragraphs.values()].map((p) => second.tags.get(p.id));
    expect(tags[0]).toEqual([]);
    expect(tags.at(-1)).toEqual([]);
    expect(tags[2]).toContain('protection-of-civilians');
    expect(tags[3]).toContain('peacekeepers');
    expect(tags[4]).toContain('veto-restraint');
  });

  it('lists the themes with their paragraphs, and the map columns', () => {
    const reply = as(answer('themes', seed), 'themes');
    expect(reply.paragraphNumbers).toHaveLength(22);
    expect(reply.themes.find((theme) => theme.id === 'veto-restraint')?.paragraphs).toEqual([13, 14]);
    expect(as(answer('thèmes', seed), 'themes').themes).toHaveLength(reply.themes.length);
  });

  it('gives every theme of the seed a bilingual summary that cites only its own paragraphs', () => {
    for (const theme of seed.themes) {
      const reply = as(answer(`theme ${theme.id}`, seed), 'theme');
      expect(reply.theme.id).toBe(theme.id);
      expect(reply.summary?.origin).toBe('curated');
      const cited = citedParagraphs(`${reply.summary!.en} ${reply.summary!.fr}`);
      expect(cited.length, theme.id).toBeGreaterThan(0);
      for (const n of cited) expect(reply.paragraphs, `${theme.id} cites ¶${n}`).toContain(n);
      expect(citedParagraphs(reply.summary!.en)).toEqual(citedParagraphs(reply.summary!.fr));
      for (const quote of reply.quotes) expect(reply.paragraphs).toContain(quote.paragraph);
    }
  });

  it.each([
    ['theme veto', 'veto-restraint'],
    ['theme vetoe', 'veto-restraint'],
    ['thème maintien de la paix', 'peacekeepers'],
    ['theme canada commitments', 'canada-commitments'],
    ['thème engagements du Canada', 'canada-commitments'],
    ['theme R2P', 'responsibility-to-protect'],
    ['thème protection des civils', 'protection-of-civilians'],
    ['theme atrocites', 'atrocity-crimes'],
    ['theme UN capacity', 'un-capacity'],
    ['theme peacekeeprs', 'peacekeepers'],
  ])('resolves "%s" to %s', (text, id) => {
    expect(as(answer(text, seed), 'theme').theme.id).toBe(id);
  });

  it('answers in the language of the theme name, the other language second', () => {
    expect(as(answer('thème engagements du Canada', seed), 'theme').language).toBe('fr');
    expect(as(answer('theme canada commitments', seed), 'theme').language).toBe('en');
  });

  it('answers an unknown theme with the closest themes', () => {
    const reply = as(answer('theme veto restraints xyz', seed), 'theme');
    expect(reply.theme.id).toBe('veto-restraint');
    const unknown = as(answer('theme blockchain', seed), 'error');
    expect(unknown.message).toContain('blockchain');
    expect(unknown.themes?.length).toBeGreaterThan(0);
    expect(resolveTheme(seed.themeResolver, 'veto').theme).toBe('veto-restraint');
  });

  it('generates sane summaries for a statement without curated ones', () => {
    const sources = [...second.paragraphs.values()].flatMap((p) => [
      p.text.en?.text ?? '',
      p.text.fr?.text ?? '',
    ]);
    for (const theme of ['protection-of-civilians', 'peacekeepers', 'veto-restraint']) {
      const reply = as(answer(`theme ${theme}`, second), 'theme');
      const summary = reply.summary!;
      expect(summary.origin).toBe('extract');
      for (const language of ['en', 'fr'] as const) {
        const sentences = summary[language].split(/ \(¶\d+\)\.\s*/).filter(Boolean);
        expect(sentences.length).toBeGreaterThanOrEqual(1);
        expect(sentences.length).toBeLessThanOrEqual(3);
        // Every sentence is the statement's own words (cut with … at most).
        for (const sentence of sentences) {
          const kept = sentence.replace(/ …$/, '');
          expect(
            sources.some((source) => source.includes(kept)),
            `${theme}/${language}: ${sentence}`,
          ).toBe(true);
        }
        for (const n of citedParagraphs(summary[language])) expect(reply.paragraphs).toContain(n);
      }
      expect(citedParagraphs(summary.en)).toEqual(citedParagraphs(summary.fr));
    }
  });

  it('says so when a theme does not occur in the statement', () => {
    const reply = as(answer('theme canada commitments', second), 'theme');
    expect(reply.paragraphs).toEqual([]);
    expect(reply.summary).toBeUndefined();
  });

  it('offers related themes when a search finds nothing', () => {
    const reply = as(answer('genocide', seed), 'quotes');
    expect(reply.results).toEqual([]);
    expect(reply.themes?.map((theme) => theme.id)).toContain('atrocity-crimes');
  });
});

describe('a theme of a statement without counterparts', () => {
  it('shows its summary once, not once per language', async () => {
    const { mkdtempSync, cpSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { main } = await import('../../../src/cli/ingest.ts');
    const { loadKnowledge } = await import('../../../src/service/knowledge/load.ts');
    const { toText } = await import('../../../src/cli/render-text.ts');
    const dir = mkdtempSync(join(tmpdir(), 'quotes-missing-'));
    cpSync('data', dir, { recursive: true });
    rmSync(join(dir, 'statements'), { recursive: true });
    await main(['test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', '--out', join(dir, 'statements')], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { DATA_DIR: dir },
    });
    const knowledge = await loadKnowledge(dir);
    const reply = answer('theme veto', knowledge);
    if (reply.kind !== 'theme' || !reply.summary) throw new Error(reply.kind);
    const text = toText(reply).split('Key passages')[0]!;
    const sentence = reply.summary.en.slice(0, 40);
    expect(text.split(sentence).length - 1).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});
