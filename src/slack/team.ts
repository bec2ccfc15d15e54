import type { webApi } from '@slack/bolt';

/**
 * The workspace a payload came from, for keys and the audit log: an event envelope's
 * `team_id`, an interaction's `team.id`, or its user's `team_id`; for an org-wide
 * payload that names no team, its enterprise; '-' when none says.
 */
export function teamOf(body: unknown): string {
  const b = body as {
    team?: { id?: unknown } | null;
    team_id?: unknown;
    user?: { team_id?: unknown };
    enterprise?: { id?: unknown } | null;
    enterprise_id?: unknown;
  };
  const found = b.team?.id ?? b.team_id ?? b.user?.team_id ?? b.enterprise?.id ?? b.enterprise_id;
  return typeof found === 'string' && found ? found : '-';
}

/**
 * The workspace a request came from: its id (team, or enterprise for an org-wide payload),
 * the bot token Bolt authorized it with (the workspace's own, never another's), and the
 * client Bolt made with that token.
 */
export interface Workspace {
  team: string;
  token: string | undefined;
  client: webApi.WebClient;
}

/** The workspace of a request, from its body and Bolt's context and client. */
export const workspaceOf = (
  body: unknown,
  bolt: { botToken?: string },
  client: webApi.WebClient,
): Workspace => ({
  team: teamOf(body),
  token: bolt.botToken,
  client,
});
