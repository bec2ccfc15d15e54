/**
 * Renders the Block Kit of real answers, and the speaking notes of the first, as Slack shows
 * them on a phone (mrkdwn bold and quotes, context lines, buttons, rich text) to HTML at a
 * phone's width (390 px), then to a PNG with headless Chromium or Chrome. Nothing here
 * reaches Slack; the blocks are the app's own output.
 *
 * The PNG is written to `--out` only when the browser rendered it: into a temporary file
 * beside it, checked to be a PNG, then renamed over it, so a failed or half-done render
 * never replaces the picture. Without a browser, or when it fails, it exits 1 and changes
 * nothing; a bad option exits 2.
 *
 * Usage: node scripts/render-preview.ts [--out docs/answer-preview.png]
 * The browser: PREVIEW_BROWSER (a path), else the first of chromium, chromium-browser,
 * google-chrome, google-chrome-stable on PATH.
 */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answer } from '../src/core/answer.ts';
import { notedQuotes, toSpeakingNotes } from '../src/core/replies/speaking-notes.ts';
import { loadKnowledge } from '../src/service/knowledge/load.ts';
import { type SlackMessage, toMessage, toNotesMessage } from '../src/slack/blocks.ts';

/** A phone's width in CSS pixels (an iPhone 14, a Pixel 7 are 390 to 412). */
const phoneWidth = 390;
const browserNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

let out: string;
try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { out: { type: 'string', default: 'docs/answer-preview.png' } },
    strict: true,
  });
  out = resolve(values.out);
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\nUsage: node scripts/render-preview.ts [--out docs/answer-preview.png]\n`,
  );
  process.exit(2);
}

/** True for a file this process may run (a folder of that name does not count). */
const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The browser to render with: PREVIEW_BROWSER when set (it must be there), else the first found on PATH. */
function findBrowser(): string | undefined {
  const chosen = process.env.PREVIEW_BROWSER;
  if (chosen) return isExecutable(chosen) ? chosen : undefined;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of browserNames)
    for (const dir of dirs) if (isExecutable(join(dir, name))) return join(dir, name);
  return undefined;
}

const knowledge = await loadKnowledge('data');

/** What the slash command answers, built exactly as the app builds it. */
function example(command: string, text: string, iface: 'en' | 'fr') {
  const reply = answer(text, knowledge, { limit: 1, interface: iface });
  const state = { t: text, l: reply.language, i: iface, o: 0, n: 1, m: 'command' as const };
  return { reply, typed: `${command} ${text}`, message: toMessage(reply, { state }) };
}

const veto = example('/quote', 'veto', 'en');
const training = example('/citation', 'maintien de la paix formation', 'fr');
const [noted] = notedQuotes(veto.reply);
if (!noted) throw new Error('The /quote veto example shows no quote: the data has changed.');
const examples: Array<{ typed: string; message: SlackMessage }> = [
  veto,
  training,
  // What "Speaking notes + French" under the first answer gives.
  {
    typed: 'Speaking notes + French (under /quote veto)',
    message: toNotesMessage(toSpeakingNotes(noted, veto.reply.language, true)),
  },
];

/** Text Slack escaped (mrkdwn, plain_text of ours) as HTML: its &amp;, &lt; and &gt; left as they are. */
const escapeHtml = (text: string) => text.replace(/&(?!(amp|lt|gt);)/g, '&amp;').replace(/"/g, '&quot;');
/** Text Slack does not escape (a rich_text element) as HTML. */
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A faithful subset of Slack's mrkdwn: escapes as Slack decodes them, *bold*, _italic_, `code`, ``` blocks, > quotes. */
function mrkdwn(text: string): string {
  const lines = escapeHtml(text).split('\n');
  return lines
    .map((line) => {
      const quoted = line.startsWith('>');
      let html = quoted ? line.slice(1) : line;
      html = html
        .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
        .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
        .replace(/`([^`\n]+)`/g, '<code>$1</code>');
      if (!html) return '<div class="blank"></div>';
      return quoted ? `<div class="quote">${html}</div>` : `<div>${html}</div>`;
    })
    .join('');
}

/** The block shapes our renderer produces. */
type Rendered = {
  type: string;
  text?: { text: string };
  elements?: Array<{ type: string; text?: string | { text: string }; elements?: Array<{ text?: string }> }>;
};

function renderBlock(block: Rendered): string {
  const text = (value: string | { text: string } | undefined) =>
    typeof value === 'string' ? value : (value?.text ?? '');
  switch (block.type) {
    case 'section':
      return `<div class="section">${mrkdwn(block.text?.text ?? '')}</div>`;
    case 'context':
      return `<div class="context">${(block.elements ?? [])
        .map((e) => (e.type === 'mrkdwn' ? mrkdwn(text(e.text)) : `<div>${escapeHtml(text(e.text))}</div>`))
        .join('')}</div>`;
    case 'header':
      return `<div class="header">${escapeHtml(block.text?.text ?? '')}</div>`;
    case 'actions':
      return `<div class="actions">${(block.elements ?? []).map((b) => `<span class="button">${escapeHtml(text(b.text))}</span>`).join('')}</div>`;
    case 'rich_text':
      // Plain text elements as Slack sets them: at normal size, line breaks kept, nothing read as markup.
      return `<div class="rich">${(block.elements ?? [])
        .map((part) => (part.elements ?? []).map((element) => escapeText(element.text ?? '')).join(''))
        .join('')}</div>`;
    default:
      return '';
  }
}

/** The words a block shows (its text, its elements' texts, its buttons' labels). */
const shownText = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(shownText)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, item]) =>
            key === 'text' || key === 'elements' ? shownText(item) : [],
          )
        : [];

/**
 * Roughly how tall the cards are on a phone (about 40 characters a line, 21 px a line, room
 * for each block and card), so that the window holds them all: a headless screenshot is the
 * window, and what is left below the last card is the page's background.
 */
const estimatedHeight = examples.reduce((height, { message }) => {
  const lines = message.blocks
    .flatMap((block) => shownText(block).join('\n').split('\n'))
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 40)), 0);
  return height + 90 + message.blocks.length * 16 + lines * 21;
}, 40);

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
html, body { margin: 0; }
body { font-family: Lato, "Helvetica Neue", Arial, sans-serif; background: #f8f8f8; box-sizing: border-box; padding: 12px; width: ${phoneWidth}px; }
.message { background: #fff; border-radius: 8px; padding: 12px 14px; margin-bottom: 18px; box-shadow: 0 1px 3px rgba(0,0,0,.12); font-size: 15px; line-height: 1.4; color: #1d1c1d; }
.typed { color: #616061; font-size: 13px; margin-bottom: 6px; }
.who { font-weight: 900; margin-bottom: 4px; } .who span { font-weight: 400; color: #616061; font-size: 12px; margin-left: 6px; }
.section { margin: 6px 0; } .quote { border-left: 4px solid #ddd; padding-left: 10px; margin: 2px 0; } .blank { height: 0.7em; }
.context { color: #616061; font-size: 12.5px; margin: 6px 0; } .header { font-weight: 900; font-size: 18px; margin: 6px 0; }
.rich { white-space: pre-wrap; margin: 6px 0; }
.actions { margin-top: 10px; display: flex; flex-wrap: wrap; gap: 8px; }
.button { border: 1px solid #bbb; border-radius: 4px; padding: 4px 10px; font-weight: 700; font-size: 13px; }
code { background: #f3f3f3; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; font-size: 12px; }
</style></head><body>${examples
  .map(
    ({ typed, message }) =>
      `<div class="typed">${escapeHtml(typed)}</div><div class="message"><div class="who">Quotes <span>Only visible to you</span></div>${message.blocks
        .map((block) => renderBlock(block as Rendered))
        .join('')}</div>`,
  )
  .join('')}</body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'preview-'));
const page = join(dir, 'preview.html');
writeFileSync(page, html);

const browser = findBrowser();
if (!browser) {
  const looked = process.env.PREVIEW_BROWSER
    ? `PREVIEW_BROWSER (${process.env.PREVIEW_BROWSER}) is not an executable file`
    : `none of ${browserNames.join(', ')} is on PATH (set PREVIEW_BROWSER to a Chromium or Chrome)`;
  process.stderr.write(
    `No browser to render the preview with: ${looked}.\n${out} was not changed. The HTML preview is at ${page}\n`,
  );
  process.exit(1);
}

/** True when the file starts with PNG's signature (and holds more than it). */
const isPng = (path: string) => {
  try {
    const bytes = readFileSync(path);
    return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  } catch {
    return false;
  }
};

// Beside the picture, so that the rename replaces it in one step (same file system).
const partial = join(dirname(out), `.${basename(out, extname(out))}.${process.pid}.tmp.png`);
try {
  execFileSync(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--window-size=${phoneWidth},${estimatedHeight}`,
      `--screenshot=${partial}`,
      `file://${page}`,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  if (!isPng(partial)) throw new Error('the browser wrote no PNG');
  renameSync(partial, out);
} catch (error) {
  rmSync(partial, { force: true });
  process.stderr.write(
    `The preview could not be rendered with ${browser}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.\n${out} was not changed. The HTML preview is at ${page}\n`,
  );
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`Wrote ${out} (${phoneWidth} px wide)\n`);
