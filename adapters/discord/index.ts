import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, Routes, type Interaction } from 'discord.js';
import { answerContext, answerOrNotify, textReplyLanguage, type Adapter, type AdapterDeps, type Language } from '../../src/core/index.ts';
import { discordSurface, errorFields, type ReplyChannel } from './check-reply.ts';
import { applicationCommands, VERIFY_COMMAND, VERIFY_TEXT_OPTION } from './commands.ts';
import type { DiscordConfig } from './config.ts';
import { localeLanguage, requestLanguages } from './language.ts';
import { messageText } from './message-text.ts';
import { createDiscordRenderer, NO_MENTIONS } from './render.ts';

export { loadDiscordConfig, type DiscordConfig } from './config.ts';

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
 * and answers both ephemerally with an embed: the instant rules verdict at once, edited when the second
 * opinion changes it. Mentions never ping; message text is never stored or logged.
 */
export function createDiscordAdapter(config: DiscordConfig, deps: AdapterDeps): DiscordAdapter {
  const { logger } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const renderer = createDiscordRenderer(deps.checker.ruleset.t);
  const answers = answerContext(deps, 'discord', errorFields);
  let applicationId: string | undefined;
  let accepting = false;

  const ephemeral = (language: Language, key: string) => ({ ...renderer.notice(language, key), flags: MessageFlags.Ephemeral as const });

  async function check(channel: ReplyChannel, text: string, locale: string, inGuild: boolean): Promise<void> {
    const request = { kind: 'message', text, ...requestLanguages(locale), source: { platform: 'discord', chatType: inGuild ? 'group' : 'private' } };
    await answerOrNotify(answers, discordSurface(channel, renderer), request, {
      invalid: () => channel.reply(ephemeral(localeLanguage(locale), 'discord.no_text')),
      failed: () => channel.reply(ephemeral(textReplyLanguage(text, localeLanguage(locale)), 'discord.check_failed')),
    });
  }

  async function handle(interaction: Interaction): Promise<void> {
    if (!accepting || !interaction.isCommand()) return;
    const channel: ReplyChannel = {
      reply: (message) => interaction.reply(message),
      editReply: (message) => interaction.editReply(message),
    };
    const locale = interaction.locale;
    if (interaction.isChatInputCommand() && interaction.commandName === VERIFY_COMMAND) {
      const text = interaction.options.getString(VERIFY_TEXT_OPTION)?.trim() ?? '';
      if (text === '') await channel.reply(ephemeral(localeLanguage(locale), 'discord.usage'));
      else await check(channel, text, locale, interaction.inGuild());
    } else if (interaction.isMessageContextMenuCommand()) {
      const text = messageText(interaction.targetMessage);
      if (text === '') await channel.reply(ephemeral(localeLanguage(locale), 'discord.no_text'));
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
