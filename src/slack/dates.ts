import { formatDateTime } from '../core/citation.ts';
import type { Language } from '../core/corpus.ts';
import { escapeSlack } from './escape.ts';

/**
 * A moment as Slack's date token, which each reader's app shows in their own time zone and
 * words; our UTC wording is its fallback. Mrkdwn only: a plain_text element would show the
 * token as typed. A time that does not parse is shown as it is, escaped.
 * @example slackDateTime('2026-12-07T16:09:00.000Z', 'en') // => '<!date^1796659740^{date_long_pretty} {time}|7 December 2026, 16:09 UTC>'
 */
export function slackDateTime(iso: string, language: Language): string {
  const fallback = escapeSlack(formatDateTime(iso, language)).replace(/\|/g, '¦');
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return fallback;
  return `<!date^${Math.floor(ms / 1000)}^{date_long_pretty} {time}|${fallback}>`;
}
