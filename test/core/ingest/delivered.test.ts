import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBilingualStatement } from '../../../src/core/ingest/build-statement.ts';
import { parsePlainStatement } from '../../../src/core/ingest/plain-text.ts';

const text = (file: string) => readFileSync(file, 'utf8');
const versions = {
  en: parsePlainStatement(text('test/fixtures/align/seed.en.txt')),
  fr: parsePlainStatement(text('test/fixtures/align/seed.fr.txt')),
};
const seedDelivered = text('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt');
const kigali = 'Les Principes de Kigali constituent un cadre important';

describe('the text as delivered', () => {
  it('gives each pair the language it was spoken in', () => {
    const { statement } = buildBilingualStatement(
      { ...versions, delivered: parsePlainStatement(seedDelivered) },
      undefined,
    );
    const kigaliParagraph = statement.paragraphs.find((p) => p.text.startsWith(kigali));
    expect(kigaliParagraph?.delivered).toBe('fr');
    expect(statement.paragraphs.filter((p) => p.delivered === 'fr').length).toBeGreaterThan(5);
    expect(statement.paragraphs.filter((p) => p.delivered === 'en').length).toBeGreaterThan(5);
    // ¶19 was said in one sentence where the official version has two: the words said are the quote.
    expect(statement.paragraphs[18]!.text).toContain(
      'peace operations, including through supporting training',
    );
  });

  it('keeps a French paragraph with an ad-lib in French, in the words delivered, and says so', () => {
    const adLib = seedDelivered.replace(kigali, `Chers collègues, écoutez. ${kigali}`);
    const { statement, assumptions } = buildBilingualStatement(
      { ...versions, delivered: parsePlainStatement(adLib) },
      undefined,
    );
    const said = statement.paragraphs.find((p) => p.text.includes(kigali))!;
    expect(said.delivered).toBe('fr');
    expect(said.text.startsWith(`Chers collègues, écoutez. ${kigali}`)).toBe(true);
    expect(said.counterpart).toMatchObject({ origin: 'official' });
    expect(said.counterpart.origin !== 'missing' && said.counterpart.text).toMatch(/Kigali Principles/);
    expect(assumptions).toContainEqual({ kind: 'delivered_wording', paragraphs: [said.n, 19] });
  });
});
