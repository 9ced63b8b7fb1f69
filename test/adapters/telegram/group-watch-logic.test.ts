import Keyv from 'keyv';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { decodeGroupCallback, encodeGroupCallback } from '../../../adapters/telegram/group/callback-data.ts';
import { textAfterBotMention } from '../../../adapters/telegram/group/mention.ts';
import { forwardOriginOf } from '../../../adapters/telegram/forward-origin.ts';
import { messageText } from '../../../adapters/telegram/group/message-request.ts';
import { WarningLedger } from '../../../adapters/telegram/group/warning-ledger.ts';
import { readGroupSettings, writeGroupSettings } from '../../../adapters/telegram/group/watch-settings.ts';
import { warningHtml } from '../../../adapters/telegram/group/watch-handlers.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { createStorage, type Storage } from '../../../src/service/storage.ts';
import { t } from '../../fakes/texts.ts';

const chat = { id: -100, type: 'group', title: 'Family' } as const;

function message(text: string, entities: Message['entities'] = []): Message {
  return { message_id: 1, date: 0, chat, text, entities } as Message;
}

const verdict: Verdict = {
  level: 'high',
  score: 9,
  signals: [{ ruleId: 'r', category: 'payment', weight: 3, start: 0, end: 8, quote: 'transfer', explanationId: 'e' }],
  categories: ['authority', 'payment'],
  combinations: [],
  language: 'en',
  rulesCoverLanguage: true,
  replyLanguage: 'en',
  summary: 's',
  actions: [],
  steps: [],
  medium: 'message',
  secondOpinion: { status: 'off' },
};

describe('mentions of the bot', () => {
  it('returns the text around the mention, whatever the case of the bot name', () => {
    expect(textAfterBotMention(message('@Safeword_Bot is this real? pay now', [{ type: 'mention', offset: 0, length: 13 }]), 'safeword_bot')).toBe('is this real? pay now');
    expect(textAfterBotMention(message('hey @safeword_bot', [{ type: 'mention', offset: 4, length: 13 }]), 'safeword_bot')).toBe('hey');
  });

  it('ignores other mentions and plain text that only looks like one', () => {
    expect(textAfterBotMention(message('@anna call me', [{ type: 'mention', offset: 0, length: 5 }]), 'safeword_bot')).toBeUndefined();
    expect(textAfterBotMention(message('@safeword_bot without an entity'), 'safeword_bot')).toBeUndefined();
  });

  it('reads captions with their caption entities', () => {
    const photo = { message_id: 1, date: 0, chat, caption: '@safeword_bot check', caption_entities: [{ type: 'mention', offset: 0, length: 13 }] } as Message;
    expect(textAfterBotMention(photo, 'safeword_bot')).toBe('check');
    expect(messageText(photo)).toBe('@safeword_bot check');
  });
});

describe('forward origins', () => {
  it('maps every origin kind', () => {
    expect(forwardOriginOf({ type: 'hidden_user', date: 0, sender_user_name: 'Officer Li' })).toEqual({ kind: 'hidden_user', name: 'Officer Li' });
    expect(forwardOriginOf({ type: 'user', date: 0, sender_user: { id: 1, is_bot: false, first_name: 'A', last_name: 'B' } })).toEqual({ kind: 'user', name: 'A B' });
    expect(forwardOriginOf({ type: 'channel', date: 0, message_id: 3, chat: { id: -5, type: 'channel', title: 'News' } })).toEqual({ kind: 'channel', name: 'News' });
    expect(forwardOriginOf(undefined)).toBeUndefined();
  });
});

describe('callback data', () => {
  it('round-trips and rejects anything else', () => {
    const details = { kind: 'details', chatId: -1001234567890, messageId: 77 } as const;
    expect(decodeGroupCallback(encodeGroupCallback(details))).toEqual(details);
    expect(decodeGroupCallback(encodeGroupCallback({ kind: 'confirm', checkinId: 'Ab_9-x' }))).toEqual({ kind: 'confirm', checkinId: 'Ab_9-x' });
    expect(encodeGroupCallback(details).length).toBeLessThanOrEqual(64);
    for (const bad of ['g:c:', 'g:c:a b', 'g:d:1', 'lang:en', 'g:x:1']) expect(decodeGroupCallback(bad)).toBeUndefined();
  });
});

describe('warning ledger and settings', () => {
  it('lets one claim win per message, also across a restart, and stores no quotes', async () => {
    const keyv = new Keyv();
    const ledger = new WarningLedger(keyv);
    const claims = await Promise.all([ledger.claim(-100, 1), ledger.claim(-100, 1)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await ledger.record(-100, 1, verdict);
    expect(await new WarningLedger(keyv).claim(-100, 1)).toBe(false);
    expect(await ledger.claim(-100, 2)).toBe(true);
    const stored = await ledger.verdict(-100, 1);
    expect(stored?.categories).toEqual(['authority', 'payment']);
    expect(JSON.stringify(await keyv.get('group:warned:-100:1'))).not.toContain('transfer');
  });

  it('a warning claimed by a start killed before it was sent is sent by the next delivery; one sent is never sent again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'safeword-ledger-')), 'store.sqlite');
    const opened: Storage[] = [];
    // One start of the service on the file: same pid, another start (as after kill -9 and a restart), or another host's live process.
    const ledgerOf = (nonce: string, host = hostname()) => {
      const storage = createStorage({ store: { kind: 'sqlite', path } }, { owner: { host, pid: process.pid, nonce } });
      opened.push(storage);
      return new WarningLedger(storage.area('telegram'), storage.claims('telegram'));
    };
    try {
      const first = ledgerOf('first');
      expect(await first.claim(-100, 1)).toBe(true);
      first.release(-100, 5); // nothing of message 1's lease is touched
      // A live sender elsewhere (another host) holds it: no second warning while it is on its way.
      expect(await ledgerOf('other', 'another-host').claim(-100, 1)).toBe(false);
      // kill -9 here: message 1's warning never left. Before, a plain claim kept it claimed for good.
      const second = ledgerOf('second');
      expect(await second.claim(-100, 1)).toBe(true);
      await second.record(-100, 1, verdict);
      expect(await ledgerOf('third').claim(-100, 1)).toBe(false);
      expect(await ledgerOf('fourth', 'another-host').claim(-100, 1)).toBe(false);
    } finally {
      for (const storage of opened) await storage.close();
    }
  });

  it('gives a released claim back', async () => {
    const ledger = new WarningLedger(new Keyv());
    expect(await ledger.claim(-1, 9)).toBe(true);
    ledger.release(-1, 9);
    expect(await ledger.claim(-1, 9)).toBe(true);
  });

  it('keeps the watch off until it is turned on', async () => {
    const keyv = new Keyv();
    expect((await readGroupSettings(keyv, -100)).watch).toBe(false);
    await writeGroupSettings(keyv, -100, { watch: true, changedBy: 1 });
    expect((await readGroupSettings(keyv, -100)).watch).toBe(true);
    expect((await readGroupSettings(keyv, -200)).watch).toBe(false);
  });
});

describe('warning text', () => {
  it('names the tactics in one language and never calls anything safe', () => {
    const english = warningHtml(t, verdict);
    expect(english).toContain('Impersonating an authority');
    expect(english.toLowerCase()).not.toContain('safe');
    const chinese = warningHtml(t, { ...verdict, language: 'zh', replyLanguage: 'zh' });
    expect(chinese).not.toMatch(/[A-Za-z]{4,}/);
  });
});
