import { copyFile, mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/ingest.ts';
import type { Statement } from '../../src/core/corpus.ts';
import { parseStatementFile } from '../../src/core/data-file.ts';
import { canadaCaPage, layoutOf, pdfFile, wordFile } from '../support/documents.ts';
import { zipWithDeclaredSizes } from '../support/zip.ts';

/** Runs the ingest in this process, as `npm run ingest -- …` would. */
async function ingest(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { DATA_DIR: 'data' },
    today: '2026-11-30',
  });
  return { code, stdout, stderr };
}

const folder = (prefix: string) => mkdtemp(join(tmpdir(), `ingest-${prefix}-`));
const load = async (file: string) => parseStatementFile(await readFile(file, 'utf8'), file);
const seedText = (language: 'en' | 'fr') => readFile(`test/fixtures/align/seed.${language}.txt`, 'utf8');
const SEED = 'test/fixtures/seed/canada-r2p-dialogue-2016-09-06.txt';

/** Writes the seed's English and French versions in one format; returns their paths. */
async function seedVersions(dir: string, format: 'txt' | 'docx' | 'pdf' | 'html') {
  const paths = { en: join(dir, `r2p.en.${format}`), fr: join(dir, `r2p.fr.${format}`) };
  for (const language of ['en', 'fr'] as const) {
    const text = await seedText(language);
    const layout = layoutOf(text, language);
    const bytes =
      format === 'txt'
        ? text
        : format === 'html'
          ? canadaCaPage(
              layout,
              `https://www.international.gc.ca/r2p.aspx?lang=${language === 'en' ? 'eng' : 'fra'}`,
            )
          : format === 'docx'
            ? await wordFile(layout, 'Check against delivery')
            : await pdfFile(layout, 'Permanent Mission of Canada to the United Nations');
    await writeFile(paths[language], bytes);
  }
  return paths;
}

describe('npm run ingest with real documents', () => {
  it('ingests two Word files, two PDFs or two web pages into the same paragraphs, pairs and citations as their plain text', async () => {
    const runs: Record<string, { statement: Statement; stdout: string }> = {};
    for (const format of ['txt', 'docx', 'pdf', 'html'] as const) {
      const dir = await folder(format);
      const { en, fr } = await seedVersions(dir, format);
      const out = join(dir, 'out');
      const { code, stdout, stderr } = await ingest(
        '--en',
        en,
        '--fr',
        fr,
        '--delivered',
        SEED,
        '--out',
        out,
      );
      expect(stderr, format).toBe('');
      expect(code, format).toBe(0);
      const [name] = await readdir(out);
      runs[format] = { statement: await load(join(out, name!)), stdout };
    }
    const reference = runs.txt!;
    for (const format of ['docx', 'pdf', 'html']) {
      const run = runs[format]!;
      expect(run.statement.paragraphs, format).toEqual(reference.statement.paragraphs);
      expect(run.statement.title, format).toEqual(reference.statement.title);
      expect(run.stdout.split('Citations, as answers will give them:')[1], format).toBe(
        reference.stdout.split('Citations, as answers will give them:')[1],
      );
      expect(run.statement.sources?.en, format).toMatchObject({
        file: `r2p.en.${format}`,
        format,
        taken: '2026-11-30',
      });
    }
    expect(runs.html!.statement.sources?.fr?.url).toBe('https://www.international.gc.ca/r2p.aspx?lang=fra');
    expect(runs.docx!.statement.sources?.en?.notes).toEqual(['Check against delivery']);
    expect(reference.stdout).toContain(
      'EN: Canada, United Nations General Assembly Interactive Dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶1',
    );
    expect(reference.stdout).toContain(
      "FR: Canada, Dialogue interactif de l'Assemblée générale des Nations Unies sur la responsabilité de protéger, New York, 6 septembre 2016, ¶1",
    );
  }, 90_000);
});

describe('npm run ingest never loses work', () => {
  it('refuses to replace an existing statement file, naming it and saying how to update or replace it', async () => {
    const out = await folder('exists');
    expect((await ingest(SEED, '--out', out)).code).toBe(0);
    const [name] = await readdir(out);
    const before = await readFile(join(out, name!), 'utf8');
    const again = await ingest(SEED, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${join(out, name!)} already exists: nothing was written.`);
    expect(again.stderr).toContain('add --update');
    expect(again.stderr).toContain('add --force');
    expect(await readFile(join(out, name!), 'utf8')).toBe(before);
    expect(await readdir(out)).toEqual([name]);
  });

  it('--update re-reads the documents and keeps counterparts, themes, summaries and metadata edited by hand, saying what it kept', async () => {
    const out = await folder('update');
    await ingest(SEED, '--out', out);
    const [name] = await readdir(out);
    const file = join(out, name!);
    const edited = parse(await readFile(file, 'utf8')) as Statement;
    edited.paragraphs[2]!.counterpart = {
      origin: 'translation',
      text: 'The idea of the Responsibility to Protect has come a long way.',
    };
    edited.paragraphs[3]!.themes = ['atrocity-crimes'];
    edited.summaries = {
      'veto-restraint': {
        en: 'Canada supports veto restraint.',
        fr: 'Le Canada appuie la retenue dans l’usage du veto.',
      },
    };
    edited.title = { ...edited.title, fr: 'Déclaration du Canada (titre corrigé)' };
    await writeFile(file, stringify(edited));

    const { code, stdout } = await ingest(SEED, '--out', out, '--update');
    expect(code).toBe(0);
    expect(stdout).toContain(`Updated ${file}`);
    expect(stdout).toContain('¶3: your translation counterpart');
    expect(stdout).toContain('¶4: themes atrocity-crimes');
    expect(stdout).toContain('summaries: kept (veto-restraint)');
    expect(stdout).toMatch(
      /title: ".*" \/ « Déclaration du Canada \(titre corrigé\) », kept as in the file \(the documents say ".*"(?: \/ « .* »)?\)/,
    );
    // Only what differs is reported kept, in words, never as raw data.
    expect(stdout).not.toMatch(/(?:date|forum|place|speaker|country): .*kept as in the file/);
    expect(stdout).not.toContain('{"');
    const updated = await load(file);
    expect(updated.paragraphs[2]!.counterpart).toEqual(edited.paragraphs[2]!.counterpart);
    expect(updated.paragraphs[3]!.themes).toEqual(['atrocity-crimes']);
    expect(updated.summaries).toEqual(edited.summaries);
    expect(updated.title.fr).toBe('Déclaration du Canada (titre corrigé)');
    expect(await readdir(out)).toEqual([name]);
  });

  it('--update updates the statement whose English title was corrected by hand, never writing a second file', async () => {
    const out = await folder('update-title-en');
    await ingest(SEED, '--out', out);
    const [name] = await readdir(out);
    const file = join(out, name!);
    const edited = parse(await readFile(file, 'utf8')) as Statement;
    edited.title = { ...edited.title, en: 'Statement by Canada (title corrected)' };
    await writeFile(file, stringify(edited));
    const { code, stdout } = await ingest(SEED, '--out', out, '--update');
    expect(code).toBe(0);
    expect(stdout).toContain(`Updated ${file}`);
    expect(stdout).toMatch(/title: "Statement by Canada \(title corrected\)".*kept as in the file/);
    expect(await readdir(out)).toEqual([name]);
    expect((await load(file)).title.en).toBe('Statement by Canada (title corrected)');
  });

  it('--update lists as kept only what was edited by hand: nothing for a file as written, the title alone when a forum aliased to it changed with it', async () => {
    const out = await folder('update-untouched');
    const london = ['en', 'fr'].flatMap((language) => [
      `--${language}`,
      `test/fixtures/align/published/pm-london-2017-06-04.${language}.txt`,
    ]);
    expect((await ingest(...london, '--out', out)).code).toBe(0);
    const [name] = await readdir(out);
    const file = join(out, name!);
    const written = await readFile(file, 'utf8');
    expect(written).not.toMatch(/[&*]a\d/);

    const untouched = await ingest(...london, '--out', out, '--update');
    expect(untouched.code).toBe(0);
    expect(untouched.stdout).toContain(`Updated ${file}`);
    expect(untouched.stdout).not.toContain('Kept from the file');
    expect(await readFile(file, 'utf8')).toBe(written);

    // A file from the earlier writer: its forum an alias of its title, so a corrected title changed both.
    const earlier = parse(written) as Statement;
    expect(earlier.forum).toEqual(earlier.title);
    earlier.title = { ...earlier.title, fr: 'Déclaration du premier ministre sur l’attentat de Londres' };
    earlier.forum = earlier.title;
    const aliased = stringify(earlier);
    expect(aliased).toMatch(/^forum: \*a1$/m);
    await writeFile(file, aliased);
    const { code, stdout } = await ingest(...london, '--out', out, '--update');
    expect(code).toBe(0);
    const lines = (stdout.split('Kept from the file (edited by hand):\n')[1] ?? '').split('\n');
    const keptLines = lines.slice(
      0,
      lines.findIndex((line) => !line.startsWith('  - ')),
    );
    expect(keptLines).toEqual([
      expect.stringMatching(
        /^ {2}- title: ".*" \/ « Déclaration du premier ministre sur l’attentat de Londres », kept as in the file \(the documents say .*\)$/,
      ),
    ]);
    const updated = await load(file);
    expect(updated.title.fr).toBe('Déclaration du premier ministre sur l’attentat de Londres');
    expect(updated.forum).toEqual(updated.title);
    expect(await readFile(file, 'utf8')).not.toMatch(/[&*]a\d/);
  });

  it('--update refuses, writing nothing, when hand-made work belongs to a paragraph the new documents no longer hold', async () => {
    const dir = await folder('orphan');
    const out = join(dir, 'out');
    const source = join(dir, 'statement.txt');
    await copyFile(SEED, source);
    await ingest(source, '--out', out);
    const [name] = await readdir(out);
    const file = join(out, name!);
    const edited = parse(await readFile(file, 'utf8')) as Statement;
    edited.paragraphs[21]!.counterpart = { origin: 'translation', text: 'Merci, Monsieur le Président.' };
    await writeFile(file, stringify(edited));
    const before = await readFile(file, 'utf8');
    const text = await readFile(SEED, 'utf8');
    await writeFile(source, text.replace(/\n+Thank you, Mr\. President\.\s*$/, '\n'));
    const { code, stderr } = await ingest(source, '--out', out, '--update');
    expect(code).toBe(1);
    expect(stderr).toContain('--update would lose work, so nothing was written');
    expect(stderr).toContain('¶22 ("Thank you, Mr. President.")');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('--force replaces the file, in one step', async () => {
    const out = await folder('force');
    await ingest(SEED, '--out', out);
    const { code, stdout } = await ingest(SEED, '--out', out, '--force', '--place', 'Geneva');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Replaced /);
    const [name] = await readdir(out);
    expect((await load(join(out, name!))).place?.en).toBe('Geneva');
    expect((await readdir(out)).length).toBe(1);
  });

  it('gives a second statement with the same title and date a distinct id from its speaker, in a batch that counts what happened', async () => {
    const dir = await folder('batch');
    const out = join(dir, 'out');
    const statement = (speaker: string) =>
      `United Nations Day\nStatement by ${speaker}\nOttawa, October 24, 2025\n\nToday we mark the anniversary of the Charter.\n\nCanada will keep working with the United Nations.\n`;
    await writeFile(join(dir, 'pm.txt'), statement('the Prime Minister'));
    await writeFile(join(dir, 'minister.txt'), statement('the Minister of Foreign Affairs'));
    await writeFile(join(dir, 'notes.md'), '# notes');
    await writeFile(join(dir, 'lonely.en.txt'), statement('the Prime Minister'));
    await writeFile(join(dir, 'broken.pdf'), '%PDF-1.7\nthis is not really a PDF');
    let stderr = '';
    const code = await main(['--batch', dir, '--out', out], {
      stdout: (text) => {
        stderr += text;
      },
      stderr: () => undefined,
      env: { DATA_DIR: 'data' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Statements added: 2 of 4');
    expect(stderr).toContain('Not added (2):');
    expect(stderr).toContain('lonely: has an English version only; add lonely.fr.*');
    expect(stderr).toContain('broken.pdf: is damaged or is not a PDF');
    expect(stderr).toContain('Skipped (1):\n  notes.md: skipped, not a statement format');
    const ids = (await readdir(out)).sort();
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids.some((id) => /minister-foreign-affairs/.test(id) || /prime-minister/.test(id))).toBe(true);
    const statements = await Promise.all(ids.map((id) => load(join(out, id))));
    expect(statements.map((s) => s.speaker?.name.en).sort()).toEqual([
      'Minister of Foreign Affairs',
      'Prime Minister',
    ]);
  });
});

describe('npm run ingest refuses what it cannot read, writing nothing', () => {
  const refused = async (name: string, bytes: Uint8Array | string, message: string) => {
    const dir = await folder('refuse');
    const out = join(dir, 'out');
    await writeFile(join(dir, name), bytes);
    const { code, stderr } = await ingest(join(dir, name), '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(dir, name)}: ${message}`);
    await expect(stat(out)).rejects.toThrow();
  };

  it('a corrupt PDF', () =>
    refused(
      'statement.pdf',
      '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage',
      'is damaged or is not a PDF',
    ));

  it('a Word file that is not a zip at all', () =>
    refused(
      'statement.docx',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      'is damaged: it is not a readable Word (.docx) file',
    ));

  it('a zip bomb, from the sizes it declares, before it is opened', () =>
    refused(
      'statement.docx',
      zipWithDeclaredSizes([
        { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
        { name: 'word/document.xml', data: new Uint8Array(1000), declaredSize: 4_000_000_000 },
      ]),
      'would unpack to',
    ));

  it('an old or password-protected Word file', () =>
    refused(
      'statement.docx',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
      'is an old Word (.doc) file or a password-protected document',
    ));

  it('a file over the size limit, before reading it', async () => {
    const dir = await folder('large');
    const file = join(dir, 'huge.txt');
    await writeFile(file, '');
    await truncate(file, 21 * 1024 * 1024);
    const { code, stderr } = await ingest(file, '--out', join(dir, 'out'));
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: is 21 MB, over the 20 MB limit`);
  });

  it('two versions that are swapped', async () => {
    const dir = await folder('swapped');
    const { en, fr } = await seedVersions(dir, 'txt');
    const { code, stderr } = await ingest('--en', fr, '--fr', en, '--out', join(dir, 'out'));
    expect(code).toBe(1);
    expect(stderr).toContain('the file given as the French version reads as English: check --en and --fr');
  });
});
