import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/core/data-file.ts';
import { DataError } from '../../src/core/errors.ts';

const refuse = (name: string) => {
  const file = `test/fixtures/broken/${name}`;
  try {
    parseStatementFile(readFileSync(file, 'utf8'), file);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  throw new Error(`${name} was accepted`);
};

describe('statement files', () => {
  it('refuses a counterpart without its text, naming the file, paragraph and field', () => {
    const message = refuse('missing-counterpart-text.yml');
    expect(message).toContain('test/fixtures/broken/missing-counterpart-text.yml');
    expect(message).toContain('paragraphs[1] (¶2).counterpart');
  });

  it('refuses a paragraph whose counterpart is silently absent', () => {
    expect(refuse('absent-counterpart.yml')).toMatch(/paragraphs\[1\] \(¶2\)\.counterpart/);
  });

  it('never repeats a line of text that YAML read as a field, and names a misspelt field', () => {
    const seed = readFileSync('data/statements/canada-r2p-dialogue-2016-09-06.yml', 'utf8');
    const message = (source: string) => {
      try {
        parseStatementFile(source, 'x.yml');
      } catch (error) {
        return (error as DataError).message;
      }
      return 'accepted';
    };
    const line = message(
      seed.replace(/^(\s+)text: (.*)$/m, '$1text: $2\n$1The Council must act firmly: now'),
    );
    expect(line).toMatch(
      /paragraphs\[0\] \(¶1\): a line read as a field: put text containing ": " in quotes/,
    );
    expect(line).not.toContain('Council');
    expect(message(seed.replace(/^(\s+)text: (.*)$/m, '$1text: $2\n$1speeker: x'))).toMatch(
      /paragraphs\[0\] \(¶1\): unknown field "speeker"/,
    );
  });

  it('refuses a duplicate paragraph number', () => {
    expect(refuse('duplicate-number.yml')).toMatch(/paragraphs\[1\] \(¶1\)\.n: duplicate paragraph number 1/);
  });

  it('refuses an unknown language', () => {
    expect(refuse('unknown-language.yml')).toMatch(
      /paragraphs\[1\] \(¶2\)\.delivered: expected "fr" or "en"/,
    );
  });

  it('refuses a date that does not exist', () => {
    expect(refuse('bad-date.yml')).toMatch(/bad-date\.yml: date: expected a real calendar date/);
  });

  it('refuses an empty file', () => {
    expect(refuse('empty.yml')).toMatch(/empty\.yml: the file is empty/);
  });

  it('refuses an unknown field, naming it', () => {
    expect(refuse('unknown-field.yml')).toMatch(/paragraphs\[1\] \(¶2\).*colour/);
  });

  it('refuses broken YAML with its line and column', () => {
    expect(refuse('bad-yaml.yml')).toMatch(/bad-yaml\.yml: line \d+, column \d+/);
  });

  it('accepts a counterpart explicitly marked missing', () => {
    const source = readFileSync('test/fixtures/broken/missing-counterpart-text.yml', 'utf8').replace(
      /counterpart: \{ ?origin: translation ?\}/,
      'counterpart: {origin: missing}',
    );
    const statement = parseStatementFile(source, 'fixture.yml');
    expect(statement.paragraphs[1]?.counterpart).toEqual({ origin: 'missing' });
  });
});
