import type { webApi } from '@slack/bolt';
import { errorCode } from '../logger.ts';

/** Who may add statements from Slack. */
export interface Editors {
  /** False when ARCHIVE_EDITORS is empty: adding from Slack is off. */
  configured: boolean;
  /** The editors as Slack mentions (users and user groups), for refusals and the App Home. */
  mentions: string;
  /** True for a listed user or a member of a listed user group (asked with the workspace's own client). */
  mayAdd(user: string, client: webApi.WebClient): Promise<boolean>;
}

/**
 * The editors from the configuration. User-group members are asked of Slack
 * (usergroups.users.list) and kept for a minute; when Slack cannot say, the answer is
 * no, never a guess.
 */
export function createEditors(
  listed: { users: readonly string[]; groups: readonly string[] },
  warn: (message: string) => void,
  cacheMs = 60_000,
): Editors {
  const users = new Set(listed.users);
  const members = new Map<string, { at: number; users: Set<string> }>();
  const membersOf = async (group: string, client: webApi.WebClient): Promise<Set<string>> => {
    const cached = members.get(group);
    if (cached && Date.now() - cached.at < cacheMs) return cached.users;
    try {
      const answer = await client.usergroups.users.list({ usergroup: group });
      const found = new Set(answer.users ?? []);
      members.set(group, { at: Date.now(), users: found });
      return found;
    } catch (error) {
      // Fail closed: a member removed since the last answer must not keep editor rights
      // because Slack cannot list the group just now.
      warn(
        `the members of user group ${group} could not be read (${errorCode(error)}): none counts as an editor meanwhile`,
      );
      return new Set();
    }
  };
  return {
    configured: users.size > 0 || listed.groups.length > 0,
    mentions: [
      ...listed.users.map((id) => `<@${id}>`),
      ...listed.groups.map((id) => `<!subteam^${id}>`),
    ].join(', '),
    async mayAdd(user, client) {
      if (users.has(user)) return true;
      for (const group of listed.groups) if ((await membersOf(group, client)).has(user)) return true;
      return false;
    },
  };
}
