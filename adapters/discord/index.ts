import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, Routes, type APIMessage, type ButtonInteraction, type Interaction } from 'discord.js';
import {
  answerContext,
  answerOrNotify,
  createDetailsCache,
  DEFAULT_DETAILS_ENTRIES,
  DEFAULT_DETAILS_TTL_MS,
  textReplyLanguage,
  type Adapter,
  type AdapterDeps,
  type Language,
  type ReplyDocument,
} from '../../src/core/index.ts';
import { imageProblemText, readingCheck } from '../../src/image/image-check.ts';
import { imageAttachment, messageImages, type ImageAttachment } from './attachments.ts';
import { discordSurface, errorFields, type ReplyChannel } from './check-reply.ts';
import { applicationCommands, VERIFY_COMMAND, VERIFY_IMAGE_OPTION, VERIFY_TEXT_OPTION } from './commands.ts';
import { DEFAULT_DISCORD_DOWNLOAD_TIMEOUT_MS, DISCORD_CDN_ORIGINS, type DiscordConfig } from './config.ts';
import { localeLanguage, requestLanguages } from './language.ts';
import { messageText } from './message-text.ts';
import { createDiscordRenderer, DETAILS_BUTTON_PREFIX, NO_MENTIONS } from './render.ts';
import { readAttachments, type DiscordImages } from './screenshots.ts';

export { loadDiscordConfig, type DiscordConfig } from './config.ts';
export type { DiscordImages } from './screenshots.ts';

/** What the service may add to the adapter: the OCR pool for screenshots (without it, images are not read). */
export interface DiscordExtras {
  images?: DiscordImages;
  /** How long a Details button answers (default 30 minutes). */
  detailsTtlMs?: number;
}

/** A Discord adapter, with the discord.js client for tests. */
export interface DiscordAdapter extends Adapter {
  readonly client: Client;
  /** The application the commands were registered for (after start). */
  applicationId(): string | undefined;
  drain(): Promise<void>;
}

/**
 * The Discord adapter: a discord.js client on the gateway (no privileged intents) that registers `/verify text:`
 * and the message command "Check with Safeword" through REST at start (in DISCORD_GUILD_ID only, when set),
 * and answers both ephemerally with an embed: the short reply (what to do now, one line of why) with a Details
 * button at once, edited when the second opinion changes it. Images (message attachments, `/verify image:`) are
 * read as a screenshot conversation after a "Reading the screenshot…" note. The full reply behind Details is
 * kept in memory for `detailsTtlMs` only. Mentions never ping; message text and images are never stored or logged.
 */
export function createDiscordAdapter(config: DiscordConfig, deps: AdapterDeps, extras: DiscordExtras = {}): DiscordAdapter {
  const { logger } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const renderer = createDiscordRenderer(deps.checker.ruleset.t);
  const answers = answerContext(deps, 'discord', errorFields);
  const detailsTtlMs = extras.detailsTtlMs ?? DEFAULT_DETAILS_TTL_MS;
  const details = createDetailsCache<ReplyDocument>({ ttlMs: detailsTtlMs, maxEntries: DEFAULT_DETAILS_ENTRIES });
  const downloads = { origins: config.cdnOrigins ?? DISCORD_CDN_ORIGINS, timeoutMs: DEFAULT_DISCORD_DOWNLOAD_TIMEOUT_MS };
  const t = deps.checker.ruleset.t;
  let applicationId: string | undefined;
  let accepting = false;

  const ephemeral = (language: Language, key: string, vars?: Record<string, string | number>) => ({ ...renderer.notice(language, key, vars), flags: MessageFlags.Ephemeral as const });

  async function check(channel: ReplyChannel, text: string, locale: string, inGuild: boolean): Promise<void> {
    const request = { kind: 'message', text, ...requestLanguages(locale), source: { platform: 'discord', chatType: inGuild ? 'group' : 'private' } };
    await answerOrNotify(answers, discordSurface(channel, renderer, details), request, {
      invalid: () => channel.reply(ephemeral(localeLanguage(locale), 'discord.no_text')),
      failed: () => channel.reply(ephemeral(textReplyLanguage(text, localeLanguage(locale)), 'discord.check_failed')),
    });
  }

  /** Reads the images after a progress note, then edits the note into the answer (or into why they could not be read). */
  async function checkImages(channel: ReplyChannel, attachments: ImageAttachment[], locale: string, inGuild: boolean): Promise<void> {
    const interfaceLanguage = localeLanguage(locale);
    const images = extras.images;
    if (!images) {
      await channel.reply(ephemeral(interfaceLanguage, 'discord.no_text'));
      return;
    }
    const count = attachments.length;
    await channel.reply(ephemeral(interfaceLanguage, count > 1 ? 'image.reading_many' : 'image.reading', { count }));
    const reading = await readAttachments(attachments, images, downloads, logger, { platform: 'discord', chatType: inGuild ? 'group' : 'private' });
    if (!reading.ok) {
      await channel.editReply(renderer.plain(imageProblemText(t, interfaceLanguage, reading.problem, images.limits)));
      return;
    }
    const { request, language, notes } = readingCheck(t, reading, interfaceLanguage);
    await answerOrNotify(
      answers,
      discordSurface(channel, renderer, details, { replacesProgress: true, leadNotes: 1 }),
      request,
      {
        invalid: () => channel.editReply(renderer.notice(interfaceLanguage, 'image.no_text')),
        failed: () => channel.editReply(renderer.notice(language, 'discord.check_failed')),
      },
      { notes },
    );
  }

  /** The message a check reply answers (its `message_reference`: a "Check with Safeword" reply has one), fetched again; undefined when Discord does not give it. */
  async function answeredMessage(interaction: ButtonInteraction): Promise<APIMessage | undefined> {
    const reference = interaction.message.reference;
    if (!reference?.messageId) return undefined;
    try {
      return (await client.rest.get(Routes.channelMessage(reference.channelId, reference.messageId))) as APIMessage;
    } catch (error) {
      logger.info('discord: the answered message could not be fetched for its details', errorFields(error));
      return undefined;
    }
  }

  /**
   * Details for a reply this process does not hold (another host answered it, or this one restarted): the
   * reply of "Check with Safeword" references the checked message, so it is fetched and checked again with
   * the same checker and the user's locale, and the full reply is posted; nothing is stored. Discord gives a
   * bot a message's content only with the Message Content intent enabled for the app (or in a DM, or when it
   * mentions the bot); without it, and for `/verify text:` (whose text is nowhere but in the first
   * interaction), the answer says why and what to do. A screenshot is not read again (about a second of OCR
   * CPU per tap, taken from people waiting for a check): the answer says its details stay where it was read.
   */
  async function recheckDetails(interaction: ButtonInteraction): Promise<void> {
    const language = localeLanguage(interaction.locale);
    const minutes = Math.round(detailsTtlMs / 60_000);
    if (!interaction.message.reference?.messageId) return void (await interaction.reply(ephemeral(language, 'discord.details_gone', { minutes })));
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const message = await answeredMessage(interaction);
    const explain = (key: string) => interaction.editReply(renderer.notice(language, key, { minutes }));
    if (message && messageImages(message).length > 0) return void (await explain('discord.details_screenshot_elsewhere'));
    const text = message ? messageText(message) : '';
    if (text === '') return void (await explain('discord.details_unreadable'));
    const request = { kind: 'message', text, ...requestLanguages(interaction.locale), source: { platform: 'discord', chatType: interaction.inGuild() ? 'group' : 'private' } };
    const show = async (reply: ReplyDocument): Promise<void> => void (await interaction.editReply(renderer.render(reply)));
    await answerOrNotify(answers, { send: show, edit: show }, request, {
      invalid: () => explain('discord.details_unreadable'),
      failed: () => interaction.editReply(renderer.notice(textReplyLanguage(text, language), 'discord.check_failed')),
    });
  }

  /** The Details button: the full reply this process holds, else made again from the answered message. */
  async function showDetails(interaction: ButtonInteraction): Promise<void> {
    const full = details.get(interaction.customId.slice(DETAILS_BUTTON_PREFIX.length));
    if (full) await interaction.reply({ ...renderer.render(full), flags: MessageFlags.Ephemeral });
    else await recheckDetails(interaction);
  }

  async function handle(interaction: Interaction): Promise<void> {
    if (!accepting) return;
    if (interaction.isButton() && interaction.customId.startsWith(DETAILS_BUTTON_PREFIX)) return showDetails(interaction);
    if (!interaction.isCommand()) return;
    const channel: ReplyChannel = {
      reply: (message) => interaction.reply(message),
      editReply: (message) => interaction.editReply(message),
    };
    const locale = interaction.locale;
    if (interaction.isChatInputCommand() && interaction.commandName === VERIFY_COMMAND) {
      const attachment = interaction.options.getAttachment(VERIFY_IMAGE_OPTION);
      const text = interaction.options.getString(VERIFY_TEXT_OPTION)?.trim() ?? '';
      if (attachment) {
        const image = imageAttachment(attachment);
        if (image) await checkImages(channel, [image], locale, interaction.inGuild());
        else await channel.reply(ephemeral(localeLanguage(locale), 'image.refused_unsupported_format'));
      } else if (text === '') await channel.reply(ephemeral(localeLanguage(locale), 'discord.usage'));
      else await check(channel, text, locale, interaction.inGuild());
    } else if (interaction.isMessageContextMenuCommand()) {
      const images = extras.images ? messageImages(interaction.targetMessage) : [];
      const text = messageText(interaction.targetMessage);
      // A message with screenshots is checked as the conversation they show; its own words (a caption) are not mixed in.
      if (images.length > 0) await checkImages(channel, images, locale, interaction.inGuild());
      else if (text === '') await channel.reply(ephemeral(localeLanguage(locale), 'discord.no_text'));
      else await check(channel, text, locale, interaction.inGuild());
    }
  }

  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => logger.error('discord: interaction failed', errorFields(error)));
  });
  client.on(Events.Error, (error) => logger.error('discord: client error', errorFields(error)));

  async function waitUntilReady(): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), config.readyTimeoutMs);
    const ready = once(client, Events.ClientReady, { signal: abort.signal });
    ready.catch(() => undefined);
    try {
      await client.login(config.token);
      await ready;
    } catch (error) {
      await client.destroy();
      if (abort.signal.aborted) throw new Error(`discord: the gateway was not ready within ${config.readyTimeoutMs} ms`, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  async function registerCommands(application: string): Promise<void> {
    const route = config.guildId ? Routes.applicationGuildCommands(application, config.guildId) : Routes.applicationCommands(application);
    await client.rest.put(route, { body: applicationCommands(deps.checker.ruleset.t) });
  }

  return {
    name: 'discord',
    client,
    applicationId: () => applicationId,
    drain: () => answers.tasks.drain(),
    async start() {
      await waitUntilReady();
      applicationId = config.applicationId ?? client.application?.id;
      accepting = true;
      if (applicationId === undefined) {
        logger.warn('discord: no application id (set DISCORD_APPLICATION_ID); commands not registered');
      } else {
        await registerCommands(applicationId).then(
          () => logger.info('discord: commands registered', { scope: config.guildId ? 'guild' : 'global' }),
          (error: unknown) => logger.warn('discord: could not register the commands', errorFields(error)),
        );
      }
      logger.info('discord: gateway connected', { applicationId });
    },
    async stop() {
      accepting = false;
      await this.drain();
      await client.destroy();
    },
  };
}
