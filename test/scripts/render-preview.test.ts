import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/cli.ts';

const script = 'scripts/render-preview.ts';
const tracked = 'docs/answer-preview.png';
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), Buffer.from('a picture')]);
const hashOf = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
/** Removes the HTML a failed run leaves for inspection (its message says where). */
const removeLeftHtml = (stderr: string) => {
  const page = /The HTML preview is at (.+)$/m.exec(stderr)?.[1];
  return page ? rm(dirname(page), { recursive: true, force: true }) : undefined;
};

/**
 * A stand-in for Chromium: a Node script that does what the preview asks of the browser
 * (write a screenshot to --screenshot=PATH), or fails as a browser may.
 */
async function fakeBrowser(dir: string, behaviour: 'png' | 'fails' | 'garbage') {
  const path = join(dir, `browser-${behaviour}`);
  await writeFile(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const target = process.argv.find((arg) => arg.startsWith('--screenshot='))?.slice('--screenshot='.length);
const size = process.argv.find((arg) => arg.startsWith('--window-size='));
fs.writeFileSync(${JSON.stringify(join(dir, `${behaviour}.args`))}, JSON.stringify({ target, size }));
if (${JSON.stringify(behaviour)} === 'fails') process.exit(1);
fs.writeFileSync(target, ${JSON.stringify(behaviour)} === 'png' ? Buffer.from(${JSON.stringify([...png])}) : 'not a picture');
`,
  );
  await chmod(path, 0o755);
  return path;
}

describe('npm run preview', () => {
  it('exits 1 without a browser, saying so, and leaves the README’s picture as it was', async () => {
    const before = await hashOf(tracked);
    const { code, stderr, stdout } = await runScript(script, ['--out', tracked], {
      env: { PREVIEW_BROWSER: join(tmpdir(), 'no-such-browser', 'chromium') },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^No browser to render the preview with: PREVIEW_BROWSER \(.*\) is not an executable file\./,
    );
    expect(stderr).toContain('answer-preview.png was not changed');
    expect(stdout).toBe('');
    expect(await hashOf(tracked)).toBe(before);
    await removeLeftHtml(stderr);
  });

  it('writes the picture the browser rendered at a phone’s width, and nothing beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preview-test-'));
    const out = join(dir, 'pictures', 'preview.png');
    await mkdir(join(dir, 'pictures'));
    const { code, stdout } = await runScript(script, ['--out', out], {
      env: { PREVIEW_BROWSER: await fakeBrowser(dir, 'png') },
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out} (390 px wide)\n`);
    expect(await readFile(out)).toEqual(png);
    expect(await readdir(join(dir, 'pictures'))).toEqual(['preview.png']);
    const asked = JSON.parse(await readFile(join(dir, 'png.args'), 'utf8')) as {
      target: string;
      size: string;
    };
    // The browser wrote beside the picture, under another name: the picture was replaced in one rename.
    expect(asked.target.startsWith(join(dir, 'pictures'))).toBe(true);
    expect(asked.target).not.toBe(out);
    expect(asked.size).toMatch(/^--window-size=390,\d+$/);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the old picture when the browser fails or writes no PNG', async () => {
    for (const behaviour of ['fails', 'garbage'] as const) {
      const dir = await mkdtemp(join(tmpdir(), 'preview-test-'));
      const out = join(dir, 'preview.png');
      await writeFile(out, 'the old picture');
      const { code, stderr } = await runScript(script, ['--out', out], {
        env: { PREVIEW_BROWSER: await fakeBrowser(dir, behaviour) },
      });
      expect(code, behaviour).toBe(1);
      expect(stderr, behaviour).toContain(
        `The preview could not be rendered with ${join(dir, `browser-${behaviour}`)}`,
      );
      expect(stderr, behaviour).toContain(`${out} was not changed`);
      expect(await readFile(out, 'utf8')).toBe('the old picture');
      await removeLeftHtml(stderr);
      expect((await readdir(dir)).sort(), behaviour).toEqual(
        [`${behaviour}.args`, `browser-${behaviour}`, 'preview.png'].sort(),
      );
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option with exit code 2', async () => {
    const { code, stderr } = await runScript(script, ['--width', '400']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: node scripts/render-preview.ts');
  });
});
