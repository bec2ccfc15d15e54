import type { App } from '@slack/bolt';
import type { Language, Statement } from '../../core/corpus.ts';
import { findLinkedStatement, isLinkOn } from '../../core/links.ts';
import { toMessage } from '../blocks.ts';
import { unescapeSlack } from '../escape.ts';
import { notices } from '../notices.ts';
import type { ButtonState } from '../state.ts';
import { teamOf } from '../team.ts';
import { toUnfurl, type Unfurl, unfurlActions } from '../unfurl.ts';
import { answerAgain, type ListenerContext, workspaceOf } from './context.ts';
import { type Guarded, guard } from './guard.ts';
import { respondPrivately } from './respond.ts';

/** Passages a "Quote from it" answer shows at once; More results pages on through the statement. */
const quotesPerPage = 3;

/**
 * What "Quote from it" answers: the statement's passages in order, with `in:` and a range,
 * as `/quote in:ID ¶1-22` would (`in:ID` alone answers help), in the button's language.
 */
export function quoteState(statement: Statement, language: Language): ButtonState {
  const numbers = statement.paragraphs.map((paragraph) => paragraph.n);
  return {
    t: `in:${statement.id} ¶${Math.min(...numbers)}-${Math.max(...numbers)}`,
    l: language,
    i: language,
    o: 0,
    n: quotesPerPage,
    m: 'command',
  };
}

/**
 * Links to a statement of the archive (its English, French or delivered version's page, on
 * a domain of UNFURL_DOMAINS) unfurl with its details in both languages; other links are
 * left to Slack. Quote from it / En citer answers privately with its passages.
 */
export function registerUnfurls(app: App, context: ListenerContext) {
  app.event('link_shared', async ({ event, body, client, context: bolt }) => {
    const started = performance.now();
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const workspace = workspaceOf(body, bolt, client);
    // A preview refused or failed is only not shown: telling the poster would interrupt them.
    const request: Guarded = {
      surface: 'unfurl',
      id: eventId,
      what: 'link_shared',
      started,
      ...(event.user
        ? { limit: { team: workspace.team, user: event.user, refuse: async () => undefined } }
        : {}),
    };
    await guard(context, request, async () => {
      const statements = context.knowledge().statements;
      const unfurls: Record<string, Unfurl> = {};
      for (const link of event.links ?? []) {
        // Slack sends a link's "&" as "&amp;"; the unfurl is keyed by the link as Slack sent it.
        const url = unescapeSlack(link.url);
        if (!isLinkOn(url, context.unfurlDomains)) continue;
        const found = findLinkedStatement(statements, url);
        if (found) unfurls[link.url] = toUnfurl(found.statement, found.language);
      }
      const count = Object.keys(unfurls).length;
      request.answered = `link_shared (${count} of ${event.links?.length ?? 0} links unfurled)`;
      if (count === 0) return undefined;
      // A link still in the composer has no message yet: Slack names it by its unfurl id.
      const target =
        event.source === 'composer' && event.unfurl_id
          ? { source: 'composer' as const, unfurl_id: event.unfurl_id }
          : { channel: event.channel, ts: event.message_ts };
      await client.chat.unfurl({ ...target, unfurls });
      return undefined;
    });
  });

  app.action(
    new RegExp(`^(${Object.values(unfurlActions).join('|')})$`),
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const started = performance.now();
      const actionId = 'action_id' in action ? action.action_id : 'unknown';
      const language: Language = actionId === unfurlActions.fr ? 'fr' : 'en';
      const id = 'trigger_id' in body ? body.trigger_id : undefined;
      const user: string | undefined = body.user?.id;
      if (!user) {
        context.log.warn(`[${id ?? '-'}] action ${actionId} without a user ignored`);
        return;
      }
      // Privately to whoever pressed it, through the response_url, else as an ephemeral message.
      const origin = { respond, client, log: context.log, id, channel: body.channel?.id, user };
      const privately = respondPrivately(origin, 'response_url' in body ? body.response_url : undefined);
      const t = notices[language];
      const request: Guarded = {
        surface: 'action',
        id,
        what: `action ${actionId}`,
        started,
        limit: { team: teamOf(body), user, refuse: () => privately({ text: t.rateLimited }) },
        fail: () => privately({ text: t.failure }).catch(() => undefined),
      };
      await guard(context, request, async () => {
        const knowledge = context.knowledge();
        const value = 'value' in action ? action.value : undefined;
        const statement = knowledge.statements.find((candidate) => candidate.id === value);
        if (!statement) {
          await privately({ text: t.unfurl.gone });
          return undefined;
        }
        const state = quoteState(statement, language);
        const reply = answerAgain(state, knowledge);
        await privately(toMessage(reply, { state }));
        return reply;
      });
    },
  );
}
