/** Callback data of the group features (all start with `g:`, at most 64 bytes as Telegram requires). */
export type GroupCallback =
  | { kind: 'details'; chatId: number; messageId: number }
  | { kind: 'confirm'; checkinId: string };

/** Prefix of every callback the group features own. */
export const GROUP_CALLBACK_PREFIX = 'g:';

/** Encodes a group callback as button data. */
export function encodeGroupCallback(callback: GroupCallback): string {
  return callback.kind === 'details' ? `g:d:${callback.chatId}:${callback.messageId}` : `g:c:${callback.checkinId}`;
}

/** Decodes button data; undefined for anything malformed or not ours. */
export function decodeGroupCallback(data: string): GroupCallback | undefined {
  const details = /^g:d:(-?\d{1,20}):(\d{1,12})$/.exec(data);
  if (details) return { kind: 'details', chatId: Number(details[1]), messageId: Number(details[2]) };
  const confirm = /^g:c:([A-Za-z0-9_-]{1,32})$/.exec(data);
  if (confirm) return { kind: 'confirm', checkinId: confirm[1] as string };
  return undefined;
}
