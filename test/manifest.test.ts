import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { defaultUnfurlDomains } from '../src/config/slack-env.ts';
import { botScopes } from '../src/slack/scopes.ts';

/**
 * The rules of Slack's published app manifest schema (slackapi/manifest-schema,
 * v1) for the parts this app uses, encoded with zod: lengths, patterns, enums,
 * required fields and no unknown properties.
 */
const text = (min: number, max: number) => z.string().min(min).max(max);
const url = z.string().regex(/^https?:\/\//);
const ManifestSchema = z.strictObject({
  _metadata: z
    .strictObject({ major_version: z.number().int(), minor_version: z.number().int() })
    .partial()
    .optional(),
  display_information: z.strictObject({
    name: text(1, 35),
    description: text(1, 140).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
      .optional(),
    long_description: text(175, 4000).optional(),
  }),
  features: z
    .strictObject({
      app_home: z
        .strictObject({
          home_tab_enabled: z.boolean(),
          messages_tab_enabled: z.boolean(),
          messages_tab_read_only_enabled: z.boolean(),
        })
        .partial()
        .optional(),
      bot_user: z
        .strictObject({ display_name: text(1, 80), always_online: z.boolean().optional() })
        .optional(),
      assistant_view: z
        .strictObject({
          assistant_description: text(1, 1000),
          suggested_prompts: z
            .array(z.strictObject({ title: text(1, 100), message: text(1, 4000) }))
            .max(4)
            .optional(),
        })
        .optional(),
      shortcuts: z
        .array(
          z.strictObject({
            name: text(1, 24),
            type: z.enum(['message', 'global']),
            callback_id: text(1, 255),
            description: text(1, 150),
          }),
        )
        .min(1)
        .max(10)
        .optional(),
      slash_commands: z
        .array(
          z.strictObject({
            command: z.string().min(2).max(32).regex(/^\//),
            url: url.max(3000).optional(),
            description: text(1, 2000),
            usage_hint: text(1, 1000).optional(),
            should_escape: z.boolean().optional(),
          }),
        )
        .min(1)
        .max(50)
        .optional(),
      unfurl_domains: z
        .array(
          z
            .string()
            .max(255)
            .regex(/^(?![.-])[-a-z0-9.]+[a-z0-9]$/),
        )
        .min(1)
        .max(5)
        .refine((domains) => new Set(domains).size === domains.length, 'unique items')
        .optional(),
    })
    .optional(),
  oauth_config: z
    .strictObject({
      redirect_urls: z.array(z.string().max(2500)).optional(),
      scopes: z
        .strictObject({ bot: z.array(text(1, 50)).max(255), user: z.array(text(1, 50)).max(255) })
        .partial()
        .optional(),
      token_management_enabled: z.boolean().optional(),
    })
    .optional(),
  settings: z
    .strictObject({
      event_subscriptions: z
        .strictObject({
          request_url: url.max(3500).optional(),
          bot_events: z.array(text(1, 50)).max(100).optional(),
          user_events: z.array(text(1, 50)).max(100).optional(),
        })
        .optional(),
      interactivity: z
        .strictObject({
          is_enabled: z.boolean(),
          request_url: url.max(3500).optional(),
          message_menu_options_url: url.optional(),
        })
        .optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    })
    .optional(),
});

const manifest = parse(readFileSync('manifest.yml', 'utf8'));
const source = readdirSync('src/slack', { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join('src/slack', name), 'utf8'))
  .join('\n');

/** The bot scope each Web API method or event the app uses needs (none for views.publish or response_url). */
const scopeOf: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'users.info': 'users:read',
  'chat.update': 'chat:write',
  'views.publish': null,
  'views.open': null,
  'auth.test': null,
  'files.info': 'files:read',
  'usergroups.users.list': 'usergroups:read',
  app_mention: 'app_mentions:read',
  // Direct messages to the app (files to add, questions): the message.im event.
  message: 'im:history',
  app_home_opened: null,
  app_uninstalled: null,
  tokens_revoked: null,
  command: 'commands',
  // Link unfurls: the links posted on the app's domains, and the previews it attaches to them.
  link_shared: 'links:read',
  'chat.unfurl': 'links:write',
  // The side panel's threads: read back for their context (message metadata).
  'conversations.replies': 'im:history',
  // The Agents & AI Apps side panel (Bolt's Assistant): its two events, titles, status and prompts.
  assistant: 'assistant:write',
};

describe('manifest.yml', () => {
  it('follows the rules of Slack’s manifest schema', () => {
    const result = ManifestSchema.safeParse(manifest);
    expect(result.success, result.success ? '' : z.prettifyError(result.error)).toBe(true);
  });

  it('refuses what the schema refuses (the check can fail)', () => {
    const broken = structuredClone(manifest);
    broken.features.shortcuts[0].name = 'A shortcut name that is far too long';
    broken.display_information.unknown = true;
    expect(ManifestSchema.safeParse(broken).success).toBe(false);
  });

  it('declares /quote (English) and /citation (French), the mention event, interactivity, a message shortcut, App Home and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/quote',
      '/citation',
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_mention');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toContain(
      'find_related_quotes',
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // Files are sent to the app in its Messages tab.
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('is ready for distribution: the OAuth redirect URL the app serves, and org-wide installs', () => {
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });

  it('asks for exactly the scopes the code uses', () => {
    const methods = [...source.matchAll(/client\.((?:\w+\.)+\w+)\(/g)].map((m) => m[1]!);
    const events = [...source.matchAll(/app\.event\('(\w+)'/g)].map((m) => m[1]!);
    // The app listens to messages in direct messages only, which Slack names message.im.
    const assistant = source.includes('app.assistant(');
    const subscribed = [
      ...events.map((event) => (event === 'message' ? 'message.im' : event)),
      ...(assistant ? ['assistant_thread_started', 'assistant_thread_context_changed'] : []),
    ];
    const used = [
      ...methods,
      ...events,
      ...(source.includes('app.command(') ? ['command'] : []),
      ...(assistant ? ['assistant'] : []),
    ];
    for (const name of used) expect(scopeOf, `unknown scope for ${name}`).toHaveProperty([name]);
    const needed = new Set(
      used.map((name) => scopeOf[name]).filter((scope): scope is string => Boolean(scope)),
    );
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
    // What an OAuth install asks for is the same list.
    expect(new Set(botScopes)).toEqual(needed);
    // And SECURITY.md names each of them, and no other.
    const security = readFileSync('SECURITY.md', 'utf8');
    const scopesLine = security.slice(
      security.indexOf('- The bot asks for'),
      security.indexOf('## Dependencies'),
    );
    const named = new Set([...scopesLine.matchAll(/`([a-z_]+(?::[a-z_]+)?)`/g)].map((m) => m[1]!));
    expect(named).toEqual(needed);
    expect(new Set(manifest.settings.event_subscriptions.bot_events)).toEqual(new Set(subscribed));
  });

  it('SECURITY.md lists every runtime dependency, and no build tool is one', () => {
    const security = readFileSync('SECURITY.md', 'utf8');
    const section = security.slice(security.indexOf('## Dependencies'));
    const packageFile = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const runtime = Object.keys(packageFile.dependencies);
    const named = [...section.matchAll(/`(@?[a-z0-9-]+(?:\/[a-z0-9-]+)?)`/g)]
      .map((m) => m[1]!)
      .filter((name) => !name.startsWith('npm') && name !== 'package' && !name.includes(' '));
    expect(new Set(named.filter((name) => name in packageFile.dependencies))).toEqual(new Set(runtime));
    for (const tool of ['tsx', 'esbuild', 'typescript', 'ts-node']) expect(runtime).not.toContain(tool);
  });

  it('unfurls the links of the domains UNFURL_DOMAINS defaults to, five at most, as the schema refuses more', () => {
    expect(manifest.features.unfurl_domains).toEqual(defaultUnfurlDomains);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('link_shared');
    const six = structuredClone(manifest);
    six.features.unfurl_domains = [...defaultUnfurlDomains, 'example.org'];
    expect(ManifestSchema.safeParse(six).success).toBe(false);
    six.features.unfurl_domains = ['https://un.org/'];
    expect(ManifestSchema.safeParse(six).success).toBe(false);
  });

  it('lists every shortcut callback the code handles', () => {
    for (const shortcut of manifest.features.shortcuts) expect(source).toContain(shortcut.callback_id);
  });
});
