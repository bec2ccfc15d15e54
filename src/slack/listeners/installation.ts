import type { App, InstallationStore } from '@slack/bolt';
import type { Health } from '../http-server.ts';
import type { ListenerContext } from './context.ts';

/** Who an uninstall or a revocation is about, from the event's envelope. */
function installationOf(body: unknown) {
  const b = body as {
    team_id?: string;
    enterprise_id?: string;
    is_enterprise_install?: boolean;
    authorizations?: Array<{
      is_enterprise_install?: boolean;
      enterprise_id?: string | null;
      team_id?: string | null;
    }>;
  };
  const isEnterpriseInstall =
    b.is_enterprise_install === true || b.authorizations?.some((a) => a.is_enterprise_install) === true;
  const enterpriseId =
    b.enterprise_id ?? b.authorizations?.find((a) => a.enterprise_id)?.enterprise_id ?? undefined;
  return { teamId: b.team_id, enterpriseId, isEnterpriseInstall };
}

/**
 * app_uninstalled and tokens_revoked (of the bot token): with OAuth, the workspace's
 * installation is deleted, safely again and again, since Slack sends them in no set
 * order; its requests then get no answer. With one workspace, the app says so and reports
 * itself unhealthy, so that someone reinstalls it.
 */
export function registerInstallationEvents(
  app: App,
  context: ListenerContext,
  store: InstallationStore | undefined,
  health: Health,
) {
  const { log } = context;
  const forget = async (what: string, body: unknown) => {
    const query = installationOf(body);
    const who = query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `workspace ${query.teamId}`;
    if (!store?.deleteInstallation) {
      log.error(`${what} for ${who}: the bot token no longer works; reinstall the app`);
      health.failing(`${what}: the app needs reinstalling`);
      return;
    }
    await store.deleteInstallation(
      query as Parameters<NonNullable<InstallationStore['deleteInstallation']>>[0],
    );
    log.info(`${what} for ${who}: its installation was deleted`);
  };
  app.event('app_uninstalled', async ({ body }) => {
    await forget('app uninstalled', body);
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget('bot token revoked', body);
  });
}
