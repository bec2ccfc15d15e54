/**
 * Renders the Block Kit of real answers as Slack shows them (mrkdwn bold and quotes,
 * context lines, buttons) to HTML, then to a PNG with headless Chromium when one is
 * installed. Nothing here reaches Slack; the blocks are the app's own output.
 * Usage: node scripts/render-preview.ts [--out docs/answer-preview.png]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answer } from '../src/core/answer.ts';
import { loadKnowledge } from '../src/service/knowledge/load.ts';
import { toMessage } from '../src/slack/blocks.ts';

const out = resolve(process.argv[process.argv.indexOf('--out') + 1] ?? 'docs/answer-preview.png');
const knowledge = await loadKnowledge('data');
const examples = [
  example('/quote', 'veto', 'en'),
  example('/citation', 'maintien de la paix formation', 'fr'),
];

/** What the slash command answers, built exactly as the app builds it. */
function example(command: string, text: string, iface: 'en' | 'fr') {
  const reply = answer(text, knowledge, { limit: 1, interface: iface });
  const state = { t: text, l: reply.language, i: iface, o: 0, n: 1, m: 'command' as const };
  return { command: `${command} ${text}`, message: toMessage(reply, { state }) };
}

const escapeHtml = (text: string) => text.replace(/&(?!(amp|lt|gt);)/g, '&amp;').replace(/"/g, '&quot;');

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
      return quoted ? `<div class="quote">${html}</div>` : `<div>${html}</div>`;
    })
    .join('');
}

/** The block shapes our renderer produces. */
type Rendered = {
  type: string;
  text?: { text: string };
  elements?: Array<{ type: string; text: string | { text: string } }>;
};

function renderBlock(block: Rendered): string {
  const text = (value: string | { text: string }) => (typeof value === 'string' ? value : value.text);
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
    default:
      return '';
  }
}

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: Lato, "Helvetica Neue", Arial, sans-serif; background: #f8f8f8; margin: 0; padding: 16px; width: 390px; }
.message { background: #fff; border-radius: 8px; padding: 12px 14px; margin-bottom: 18px; box-shadow: 0 1px 3px rgba(0,0,0,.12); font-size: 15px; line-height: 1.4; color: #1d1c1d; }
.typed { color: #616061; font-size: 13px; margin-bottom: 6px; }
.who { font-weight: 900; margin-bottom: 4px; } .who span { font-weight: 400; color: #616061; font-size: 12px; margin-left: 6px; }
.section { margin: 6px 0; } .quote { border-left: 4px solid #ddd; padding-left: 10px; margin: 2px 0; }
.context { color: #616061; font-size: 12.5px; margin: 6px 0; } .header { font-weight: 900; font-size: 18px; margin: 6px 0; }
.actions { margin-top: 10px; display: flex; flex-wrap: wrap; gap: 8px; }
.button { border: 1px solid #bbb; border-radius: 4px; padding: 4px 10px; font-weight: 700; font-size: 13px; }
code { background: #f3f3f3; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; font-size: 12px; }
</style></head><body>${examples
  .map(
    ({ command, message }) =>
      `<div class="typed">${escapeHtml(command)}</div><div class="message"><div class="who">Quotes <span>Only visible to you</span></div>${message.blocks
        .map((block) => renderBlock(block as Rendered))
        .join('')}</div>`,
  )
  .join('')}</body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'preview-'));
const page = join(dir, 'preview.html');
writeFileSync(page, html);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!chromium) {
  console.log(`No Chromium found; the HTML preview is at ${page}`);
} else {
  execFileSync(
    chromium,
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
      '--window-size=422,900',
      `--screenshot=${out}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  );
  console.log(`Wrote ${out}`);
}
