import type { Chat } from 'grammy/types';
import type Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { commandText, groupText, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { createHarness, type Harness } from './harness.ts';

const SCAM =
  'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const CHAT = { id: -100300, type: 'supergroup', title: 'Family' } as Chat;
const ADMIN = testUser(3001, { first_name: 'Mum' });

/** The rules checker with an LLM-style second opinion whose explanation echoes the message, as a model's may. */
function echoingChecker(instantLevel?: 'medium'): Checker {
  const rules = createRulesChecker(loadRuleset());
  return {
    secondOpinion: 'on',
    ruleset: rules.ruleset,
    check(request) {
      const outcome = rules.check(request);
      const instant = instantLevel ? { ...outcome.instant, level: instantLevel } : outcome.instant;
      const refined = outcome.refined.then((verdict) => ({
        ...verdict,
        secondOpinion: { status: 'ok' as const, label: 'scam' as const, confidence: 0.9, explanation: `The sender wrote "${request.text.slice(0, 60)}".` },
      }));
      return { instant, refined, changed: (after) => after.level !== instant.level };
    },
  };
}

/** Everything in the in-memory keyv store, as one string. */
function storeDump(store: Keyv): string {
  return JSON.stringify([...(store.store as Map<string, unknown>).entries()]);
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Telegram store keeps no message text', () => {
  it.each([
    ['on the instant verdict', undefined],
    ['on the refined verdict with an LLM explanation', 'medium' as const],
  ])('after a scam check in a private chat and a passive-watch warning %s', async (_name, instantLevel) => {
    harness = await createHarness({ checker: echoingChecker(instantLevel) });
    await harness.handle(privateText(SCAM));
    harness.fake.setChatMember(CHAT.id, ADMIN.id, { status: 'administrator' });
    await harness.handle(commandText('/watch on', { group: true, chat: CHAT, from: ADMIN }));
    await harness.handle(groupText(SCAM, { chat: CHAT, from: testUser(3002) }));
    await harness.idle();
    expect(harness.sentTexts().some((text) => text.includes('Careful'))).toBe(true);
    const dump = storeDump(harness.store);
    expect(dump).toContain('group:warned:');
    for (const fragment of ['money laundering', 'safe account today', 'linked to']) expect(dump).not.toContain(fragment);
    expect(harness.logger.dump()).not.toContain('money laundering');
  });
});
