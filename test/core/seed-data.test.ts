import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/core/data-file.ts';

const file = 'data/statements/canada-r2p-dialogue-2016-09-06.yml';
const statement = parseStatementFile(readFileSync(file, 'utf8'), file);
const seedLines = readFileSync('test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt', 'utf8')
  .split('\n')
  .slice(6)
  .filter((line) => line.trim() !== '');

const counterpart = (n: number) => {
  const c = statement.paragraphs.find((p) => p.n === n)!.counterpart;
  return c.origin === 'missing' ? '' : c.text;
};

describe('the seed statement data', () => {
  it('holds the 22 delivered paragraphs exactly as in the seed, numbered as delivered', () => {
    expect(seedLines).toHaveLength(22);
    expect(statement.paragraphs.map((p) => p.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(statement.paragraphs.map((p) => p.text)).toEqual(seedLines);
  });

  it('marks ¶1–10 as delivered in French and ¶11–22 in English', () => {
    expect(statement.paragraphs.filter((p) => p.delivered === 'fr').map((p) => p.n)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(statement.paragraphs.filter((p) => p.delivered === 'en').map((p) => p.n)).toEqual([
      11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
    ]);
  });

  it('marks as official only the counterparts taken word for word from the published English version, with its source', () => {
    const published = readFileSync('test/fixtures/published/r2p-2016-09-06.en.txt', 'utf8');
    const official = statement.paragraphs.filter((p) => p.counterpart.origin === 'official').map((p) => p.n);
    expect(official).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const n of official) expect(published, `¶${n}`).toContain(counterpart(n));
    expect(statement.sources?.en?.url).toMatch(
      /^https:\/\/international\.gc\.ca\/.*2016-09-06-protect-proteger\.aspx\?lang=eng$/,
    );
    expect(statement.sources?.fr).toBeUndefined();
  });

  it('keeps every other counterpart marked as a translation, never as delivered or official text', () => {
    for (const paragraph of statement.paragraphs.filter((p) => p.delivered === 'en')) {
      expect(paragraph.counterpart.origin, `¶${paragraph.n}`).toBe('translation');
      expect(counterpart(paragraph.n).length, `¶${paragraph.n}`).toBeGreaterThan(5);
    }
  });

  it('uses official terminology in the translations', () => {
    expect(counterpart(5)).toContain('atrocity crimes');
    expect(counterpart(6)).toContain('Secretary-General');
    expect(counterpart(8)).toContain('Kigali Principles');
    expect(counterpart(11)).toContain('Secrétaire général');
    expect(counterpart(11)).toContain('Conseil de sécurité');
    expect(counterpart(12)).toContain('droit international humanitaire');
    expect(counterpart(14)).toContain('Code de conduite du Groupe ACT');
    expect(counterpart(14)).toContain('atrocités criminelles');
    expect(counterpart(21)).toContain('Programme pour la stabilisation et les opérations de paix');
  });

  it('translates "upholds high standards of conduct" as upholding them, not enforcing them', () => {
    expect(counterpart(21)).toContain('qui maintient des normes de conduite élevées');
    expect(counterpart(21)).not.toMatch(/fait respecter/);
  });

  it('keeps numbers and proper nouns of the delivered text', () => {
    expect(counterpart(20)).toContain('600');
    expect(counterpart(5)).toContain('Syria');
    expect(statement.speaker?.name.en).toBe('Ambassador Michael Grant');
    expect(counterpart(14)).toContain('veto');
  });

  it('records the metadata in both languages', () => {
    expect(statement.date).toBe('2016-09-06');
    expect(statement.forum.fr).toMatch(/responsabilité de protéger/);
    expect(statement.delivery?.en).toMatch(/partly in French/);
  });
});
