import Keyv from 'keyv';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { createDiscordAdapter, type DiscordAdapter, type DiscordExtras } from '../../../adapters/discord/index.ts';
import type { DiscordConfig } from '../../../adapters/discord/config.ts';
import { FAKE_BOT_USER, startFakeDiscordServer, type DiscordCall, type FakeDiscordOptions, type FakeDiscordServer } from '../../fakes/fake-discord-server.ts';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/recording-logger.ts';

/** Ids used in the scripted interactions. */
export const GUILD_ID = '600000000000000001';
export const CHANNEL_ID = '500000000000000001';
const USER = { id: '700000000000000001', username: 'ann', discriminator: '0', global_name: 'Ann', avatar: null };

/** An attachment in a scripted message or `/verify image:`. */
export interface DiscordTestAttachment {
  url: string;
  size: number;
  contentType?: string;
  filename: string;
}

const attachmentJson = (attachment: DiscordTestAttachment, index: number) => ({
  id: `11000000000000000${index}`, filename: attachment.filename, size: attachment.size, url: attachment.url, proxy_url: attachment.url,
  ...(attachment.contentType ? { content_type: attachment.contentType } : {}), width: 1080, height: 2340,
});

/** The custom id of the first button of a reply body (interaction callback or webhook edit), if it has one. */
export function firstButton(body: unknown): string | undefined {
  const data = (body as { data?: { components?: unknown[] }; components?: unknown[] }).data ?? (body as { components?: unknown[] });
  const rows = (data.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows[0]?.components?.[0]?.custom_id;
}

/** The real discord.js client (through the adapter) against a fake Discord. */
export interface DiscordHarness {
  adapter: DiscordAdapter;
  fake: FakeDiscordServer;
  logger: RecordingLogger;
  /** Dispatches INTERACTION_CREATE for `/verify text:<text>`; returns the interaction id and token. */
  verify(text: string, options?: { locale?: string; id?: string }): { id: string; token: string };
  /** Dispatches INTERACTION_CREATE for the message command on a message with `content` (and forwarded snapshots). */
  contextMenu(content: string, options?: { locale?: string; snapshots?: string[]; id?: string; attachments?: DiscordTestAttachment[] }): { id: string; token: string };
  /** Dispatches `/verify image:` with one attachment (`url`, `size`, `contentType`, `filename`). */
  verifyImage(attachment: { url: string; size: number; contentType?: string; filename: string }, options?: { locale?: string }): { id: string; token: string };
  /**
   * Dispatches a click on the button `customId` of an ephemeral reply; `answers` is the id of the message
   * the reply answers (a "Check with Safeword" reply references it).
   */
  press(customId: string, options?: { locale?: string; answers?: string }): { id: string; token: string };
  /** Waits for the interaction callback (the first reply) of interaction `id`. */
  replyTo(id: string): Promise<DiscordCall>;
  /** Waits for `count` edits of the original reply of the interaction with `token`. */
  editsOf(token: string, count?: number, timeoutMs?: number): Promise<DiscordCall[]>;
  close(): Promise<void>;
}

let counter = 0;
function nextId(): string {
  counter += 1;
  return `8000000000000${String(counter).padStart(5, '0')}`;
}

/** Starts the fake Discord and the adapter (rules checker unless another one is given). */
export async function startDiscordHarness(
  options: { checker?: Checker; config?: Partial<DiscordConfig>; fake?: FakeDiscordOptions; extras?: DiscordExtras } = {},
): Promise<DiscordHarness> {
  const fake = await startFakeDiscordServer(options.fake);
  const logger = createRecordingLogger();
  const adapter = createDiscordAdapter(
    { token: fake.botToken, apiUrl: fake.apiUrl, readyTimeoutMs: 5_000, ...options.config },
    { checker: options.checker ?? createRulesChecker(loadRuleset()), store: new Keyv(), logger },
    options.extras,
  );
  try {
    await adapter.start();
  } catch (error) {
    await fake.close();
    throw error;
  }

  const base = (id: string, token: string, locale: string) => ({
    id, token, application_id: fake.applicationId, type: 2, version: 1, locale, guild_locale: 'en-US', guild_id: GUILD_ID, channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'family' },
    member: { user: USER, roles: [], joined_at: '2024-01-01T00:00:00.000Z', permissions: '0', deaf: false, mute: false, flags: 0 },
    app_permissions: '0', entitlements: [], authorizing_integration_owners: { '0': GUILD_ID }, context: 0,
  });

  return {
    adapter,
    fake,
    logger,
    verify(text, verifyOptions = {}) {
      const id = verifyOptions.id ?? nextId();
      const token = `token-${id}`;
      fake.dispatch('INTERACTION_CREATE', {
        ...base(id, token, verifyOptions.locale ?? 'en-US'),
        data: { id: '300000000000000000', name: 'verify', type: 1, options: [{ name: 'text', type: 3, value: text }] },
      });
      return { id, token };
    },
    contextMenu(content, menuOptions = {}) {
      const id = menuOptions.id ?? nextId();
      const token = `token-${id}`;
      const messageId = '900000000000000001';
      const message = {
        id: messageId, type: 0, channel_id: CHANNEL_ID, content, author: { id: '700000000000000002', username: 'stranger', discriminator: '0', global_name: null, avatar: null },
        attachments: (menuOptions.attachments ?? []).map(attachmentJson), embeds: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false,
        timestamp: '2024-05-01T10:00:00.000Z', edited_timestamp: null, flags: 0, components: [],
        ...(menuOptions.snapshots
          ? {
              message_reference: { type: 1, channel_id: '500000000000000009', message_id: '900000000000000009' },
              message_snapshots: menuOptions.snapshots.map((text) => ({
                message: { type: 0, content: text, embeds: [], attachments: [], timestamp: '2024-05-01T09:00:00.000Z', edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] },
              })),
            }
          : {}),
      };
      fake.dispatch('INTERACTION_CREATE', {
        ...base(id, token, menuOptions.locale ?? 'en-US'),
        data: { id: '300000000000000001', name: 'Check with Safeword', type: 3, target_id: messageId, resolved: { messages: { [messageId]: message } } },
      });
      return { id, token };
    },
    verifyImage(attachment, verifyOptions = {}) {
      const id = nextId();
      const token = `token-${id}`;
      const attachmentId = '110000000000000000';
      fake.dispatch('INTERACTION_CREATE', {
        ...base(id, token, verifyOptions.locale ?? 'en-US'),
        data: {
          id: '300000000000000000', name: 'verify', type: 1, options: [{ name: 'image', type: 11, value: attachmentId }],
          resolved: { attachments: { [attachmentId]: { ...attachmentJson(attachment, 0), id: attachmentId } } },
        },
      });
      return { id, token };
    },
    press(customId, pressOptions = {}) {
      const id = nextId();
      const token = `token-${id}`;
      const message = {
        id: '400000000000000001', type: 20, channel_id: CHANNEL_ID, content: '', author: FAKE_BOT_USER, attachments: [], embeds: [], mentions: [],
        mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: '2024-05-01T10:00:00.000Z', edited_timestamp: null, flags: 64, components: [],
        ...(pressOptions.answers ? { message_reference: { type: 0, channel_id: CHANNEL_ID, guild_id: GUILD_ID, message_id: pressOptions.answers } } : {}),
      };
      fake.dispatch('INTERACTION_CREATE', {
        ...base(id, token, pressOptions.locale ?? 'en-US'),
        type: 3,
        message,
        data: { custom_id: customId, component_type: 2 },
      });
      return { id, token };
    },
    async replyTo(id) {
      const [call] = await fake.waitForCalls((candidate) => candidate.method === 'POST' && candidate.path.startsWith(`/interactions/${id}/`));
      return call as DiscordCall;
    },
    editsOf(token, count = 1, timeoutMs) {
      return fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, count, timeoutMs);
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Every text shown in a reply body's embeds (title, description, field names and values, footer), joined with newlines. */
export function embedTexts(body: unknown): string {
  const embeds = ((body as { data?: { embeds?: unknown[] }; embeds?: unknown[] }).data?.embeds ?? (body as { embeds?: unknown[] }).embeds ?? []) as {
    title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string };
  }[];
  return embeds
    .flatMap((embed) => [embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]), embed.footer?.text])
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
}

/** Removes Discord markdown escapes, to compare with plain texts. */
export function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
