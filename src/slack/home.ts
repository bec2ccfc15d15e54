import type { types } from '@slack/bolt';
import type { Language } from '../core/corpus.ts';
import type { Reply } from '../core/reply.ts';
import { overviewBlocks } from './blocks.ts';
import { escapeMrkdwn } from './escape.ts';
import { notices } from './notices.ts';

/** The App Home button that opens the Add a statement modal. */
export const openAddAction = 'archive_open_add';

/** Whether the person looking may add statements from Slack. */
export type HomeArchive =
  | { kind: 'off' }
  | { kind: 'editor' }
  /** `editors`: who may, as Slack mentions. */
  | { kind: 'viewer'; editors: string };

/** The App Home's part on adding statements: the button for editors, who to ask for anyone else. */
function archiveBlocks(adding: HomeArchive, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  switch (adding.kind) {
    case 'off':
      return [{ type: 'context', elements: [{ type: 'plain_text', text: t.homeOff, emoji: false }] }];
    case 'viewer':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: t.homeViewer(adding.editors) }] }];
    case 'editor':
      return [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: escapeMrkdwn(t.homeEditor) },
          accessory: {
            type: 'button',
            action_id: openAddAction,
            style: 'primary',
            text: { type: 'plain_text', text: t.addButton, emoji: false },
          },
        },
      ];
  }
}

/** The App Home: the overview (what the bot does, examples, statements, themes), then adding statements. */
export function toHomeView(
  overview: Extract<Reply, { kind: 'overview' }>,
  adding: HomeArchive = { kind: 'off' },
  workspace?: string,
): types.HomeView {
  const [title, ...rest] = overviewBlocks(overview);
  const installed: types.KnownBlock[] = workspace
    ? [
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: notices[overview.language].installedIn(escapeMrkdwn(workspace)) },
          ],
        },
      ]
    : [];
  return {
    type: 'home',
    blocks: [title!, ...installed, ...rest, { type: 'divider' }, ...archiveBlocks(adding, overview.language)],
  };
}
