import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Translate } from '../../src/core/index.ts';

/** Name of the slash command: /verify text:<the message>. */
export const VERIFY_COMMAND = 'verify';
/** Name of its text option, the text to check. */
export const VERIFY_TEXT_OPTION = 'text';
/** Name of its image option, a screenshot to check. */
export const VERIFY_IMAGE_OPTION = 'image';
/** Longest text a string option may carry (Discord's limit). */
const VERIFY_TEXT_MAX_LENGTH = 6000;
/** Discord locales that show translated names and descriptions: Chinese in both scripts, Spanish (Spain, Latin America), French. */
const TRANSLATED_LOCALES = ['zh-CN', 'zh-TW', 'es-ES', 'es-419', 'fr'] as const;

function localized(t: Translate, key: string): Record<(typeof TRANSLATED_LOCALES)[number], string> {
  return { 'zh-CN': t('zh', key), 'zh-TW': t('zh-Hant', key), 'es-ES': t('es', key), 'es-419': t('es', key), fr: t('fr', key) };
}

/**
 * The application commands Safeword registers (PUT, so the list replaces what was there): the slash command
 * `/verify text: image:` (either; an image is read as a screenshot) and the message context-menu command "Check with Safeword", in servers and the bot's DMs,
 * with Chinese names and descriptions for zh-CN (Simplified) and zh-TW (Traditional) clients and Spanish ones for
 * es-ES and es-419 clients.
 */
export function applicationCommands(t: Translate): RESTPutAPIApplicationCommandsJSONBody {
  const contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: VERIFY_COMMAND,
      description: t('en', 'discord.command_description'),
      description_localizations: localized(t, 'discord.command_description'),
      contexts,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: VERIFY_TEXT_OPTION,
          description: t('en', 'discord.option_text_description'),
          description_localizations: localized(t, 'discord.option_text_description'),
          required: false,
          max_length: VERIFY_TEXT_MAX_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: VERIFY_IMAGE_OPTION,
          description: t('en', 'discord.option_image_description'),
          description_localizations: localized(t, 'discord.option_image_description'),
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandType.Message,
      name: t('en', 'discord.context_menu_name'),
      name_localizations: localized(t, 'discord.context_menu_name'),
      contexts,
    },
  ];
}
