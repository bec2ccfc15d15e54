/**
 * Escapes the three characters Slack reads as markup, so "<!channel>" or "<@U123>" in a
 * query shows as text instead of pinging anyone. Nothing else: "&#39;" would show as is.
 * @example escapeSlack('<!channel> & co') // => '&lt;!channel&gt; &amp; co'
 */
export const escapeSlack = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Reads back what Slack escaped in what it sends: a link in a `link_shared` event may come
 * with `&amp;` for `&`.
 * @example unescapeSlack('https://x.org/?a=1&amp;b=2') // => 'https://x.org/?a=1&b=2'
 */
export const unescapeSlack = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Keeps plain text from ever holding Slack's markup openers ("<!", "<@", "<#", "<http"):
 * Slack does not parse plain_text, but text copied from it into a message would be. A
 * word joiner (invisible) goes between "<" and what follows.
 * @example neutralizePlain('--<!') // => '--<\u2060!'
 */
export const neutralizePlain = (text: string) => text.replace(/<(?=[!@#]|https?:|mailto:)/gi, '<\u2060');

/**
 * Escapes a text for mrkdwn and neutralises the formatting markers it holds (* _ ~ `),
 * so only the bold we add ourselves is bold.
 */
export const escapeMrkdwn = (text: string) =>
  escapeSlack(text).replace(/\*/g, '∗').replace(/_/g, 'ˍ').replace(/~/g, '∼').replace(/`/g, 'ˋ');

/**
 * Removes Slack markup from a mention's text before it is read as a command: user and
 * channel mentions, special mentions, and links (keeping their label).
 * @example stripSlackMarkup('<@U0BOT> veto <https://x.org|see>') // => 'veto see'
 */
export function stripSlackMarkup(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/gi, ' ')
    .replace(/<!(?:subteam\^)?[^>]*>/gi, ' ')
    .replace(
      /<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/gi,
      (_match, url: string, label?: string) => ` ${label ?? url} `,
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
