import { GrammyError, type Api } from 'grammy';

/** What became of an edit: done, refused because nothing changed, or refused because the message is gone. */
export type EditResult = 'edited' | 'unchanged' | 'gone';

const NOT_MODIFIED = /message is not modified/i;
const GONE = /message to edit not found|message can't be edited|message_id_invalid|message not found/i;

/**
 * Edits a message the bot sent (Telegram HTML, no link previews). Telegram's "message is not modified"
 * (a second tap, a same-text edit) and "message to edit not found" (someone deleted it) are answers, not
 * errors: they come back as `unchanged` and `gone`. Anything else still throws.
 */
export async function editMessageHtml(
  api: Api,
  chatId: number,
  messageId: number,
  html: string,
  other: Parameters<Api['editMessageText']>[3] = {},
): Promise<EditResult> {
  try {
    await api.editMessageText(chatId, messageId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...other });
    return 'edited';
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) {
      if (NOT_MODIFIED.test(error.description)) return 'unchanged';
      if (GONE.test(error.description)) return 'gone';
    }
    throw error;
  }
}
