/**
 * The behaviours every adapter shares, written once (house style 5): each adapter's contract.test.ts runs
 * them against the real SDK and its fake server through a small driver. Adapter tests keep only what is
 * platform-specific (wire format, escaping, registration, lifecycle quirks).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/core/checker.ts';
import type { Language } from '../../src/core/request.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import { t } from '../fakes/texts.ts';
import { createFakeChecker, makeVerdict } from '../service/fake-checker.ts';

/** One running adapter against its fake platform, as the contract sees it. */
export interface ContractSubject {
  /**
   * Asks for a check of `text` the platform's usual way (a slash command, a private message) and waits for
   * the first answer. `speaker` is the asker's language, for platforms that answer in the user's language.
   */
  ask(text: string, speaker?: Language): Promise<void>;
  /** The visible text (markup removed, unescaped) of every message the last ask produced: the first answer, then its edits. */
  answers(): Promise<string[]>;
  /** Waits until the last ask produced `count` answers (first plus edits) and returns their texts. */
  waitForAnswers(count: number): Promise<string[]>;
  /**
   * For a platform whose first answer is the short form with a Details control (a Telegram button): opens the
   * details the user's way and returns the visible text of the whole answer. Absent: the first answer is whole.
   */
  expand?(): Promise<string>;
  /** The adapter's stop() (which drains its background work). */
  stop(): Promise<void>;
  /** Everything logged so far. */
  logs(): string;
  /** Frees what the test started (fake server, sockets); safe after stop(). */
  close(): Promise<void>;
}

/** What an adapter's contract test supplies. */
export interface ContractDriver {
  /** The text ids of the adapter's own notices. */
  notices: { nothingToCheck: string; checkFailed: string };
  start(checker: Checker | undefined): Promise<ContractSubject>;
}

const SCAM = 'This is the police. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const SCAM_ZH = '我是公安局的，你涉嫌洗钱，必须把钱转到安全账户，不要告诉任何人。';

/** A checker whose refined verdict waits for `release()` and then is `refine(instant)`. */
function gatedChecker(level: Verdict['level'], refine: (instant: Verdict) => Verdict) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const checker = createFakeChecker({ secondOpinion: 'on', level: () => level, refine: async (instant) => (await gate, refine(instant)) });
  return { checker, release };
}

const refinedHigh = (instant: Verdict): Verdict =>
  makeVerdict({ kind: 'message', text: 'x', language: instant.replyLanguage }, 'high', { secondOpinion: { status: 'ok', label: 'scam', confidence: 0.9 } });

/** Runs the shared adapter behaviours against `driver`. */
export function describeAdapterContract(name: string, driver: ContractDriver): void {
  describe(`${name} adapter: the shared contract`, () => {
    let subject: ContractSubject | undefined;
    const start = async (checker?: Checker): Promise<ContractSubject> => (subject = await driver.start(checker));
    afterEach(async () => {
      await subject?.close();
      subject = undefined;
    });

    it('answers a scam with the level, the quoted evidence and the steps, in the text\'s language', async () => {
      const adapter = await start();
      await adapter.ask(SCAM);
      const [first] = await adapter.answers();
      expect(first).toContain(t('en', 'core.title.high'));
      const answer = adapter.expand ? await adapter.expand() : first;
      expect(answer).toContain(t('en', 'core.heading.evidence'));
      expect(answer).toContain('safe account');
      expect(answer).toContain(t('en', 'core.heading.steps'));
      expect(answer).toContain(t('en', 'core.footer.never_safe'));
    });

    it('answers a Chinese speaker\'s Chinese text entirely in Chinese', async () => {
      const adapter = await start();
      await adapter.ask(SCAM_ZH, 'zh');
      const [first] = await adapter.answers();
      const answer = adapter.expand ? await adapter.expand() : first;
      expect(answer).toContain(t('zh', 'core.title.high'));
      expect(answer).toContain(t('zh', 'core.heading.steps'));
      expect(answer).toContain(t('zh', 'core.footer.never_safe'));
      // No English words besides the Safeword name.
      expect(answer?.replace(/Safeword/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    });

    it('says there is nothing to check, and checks nothing, for a text of only control characters', async () => {
      const checker = createFakeChecker();
      const adapter = await start(checker);
      await adapter.ask('\u0001\u0002');
      expect(await adapter.answers()).toEqual([t('en', driver.notices.nothingToCheck)]);
      expect(checker.requests).toHaveLength(0);
    });

    it('edits the answer once when the refined verdict differs', async () => {
      const { checker, release } = gatedChecker('low', refinedHigh);
      const adapter = await start(checker);
      await adapter.ask('Hi, it is me, I lost my phone, can you help?');
      const [first] = await adapter.answers();
      expect(first).toContain(t('en', 'core.title.low'));
      expect(first).toContain(t('en', 'core.footer.second_opinion_pending'));
      release();
      const [, edited] = await adapter.waitForAnswers(2);
      expect(edited).toContain(t('en', 'core.title.high'));
      expect(edited).toContain(t('en', 'core.footer.second_opinion_ok'));
      await adapter.stop();
      expect(await adapter.answers()).toHaveLength(2);
      expect(adapter.logs()).toContain('reply updated with the second opinion');
    });

    it('replaces only the "pending" footer when the second opinion agrees', async () => {
      const { checker, release } = gatedChecker('medium', (instant) => ({ ...instant, secondOpinion: { status: 'ok', label: 'suspicious', confidence: 0.7 } }));
      const adapter = await start(checker);
      await adapter.ask('Please call me back about your account');
      release();
      const [first, edited] = await adapter.waitForAnswers(2);
      expect(first).toContain(t('en', 'core.footer.second_opinion_pending'));
      expect(edited).toContain(t('en', 'core.title.medium'));
      expect(edited).toContain(t('en', 'core.footer.second_opinion_ok'));
      expect(adapter.logs()).not.toContain('reply updated with the second opinion');
    });

    it('leaves the answer alone when there is no second opinion', async () => {
      const adapter = await start(createFakeChecker({ level: () => 'medium' }));
      await adapter.ask('Please call me back about your account');
      await adapter.stop();
      const answers = await adapter.answers();
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain(t('en', 'core.footer.rules_only'));
    });

    it('answers with its failure notice when the check fails, and logs no text', async () => {
      const adapter = await start(createFakeChecker({ throws: true }));
      await adapter.ask('Grandma it is Tom, wire 3000 to account 4417');
      expect(await adapter.answers()).toEqual([t('en', driver.notices.checkFailed)]);
      expect(adapter.logs()).not.toContain('4417');
    });

    it('stops only after the edit a second opinion was waiting for, and never logs the text', async () => {
      const { checker, release } = gatedChecker('low', refinedHigh);
      const adapter = await start(checker);
      await adapter.ask('Grandma it is Tom, I crashed the car, wire 3000 to account 4417');
      await adapter.answers();
      const stopped = adapter.stop();
      release();
      await stopped;
      expect(await adapter.answers(), adapter.logs()).toHaveLength(2);
      for (const word of ['Grandma', 'crashed', '4417']) expect(adapter.logs()).not.toContain(word);
    });
  });
}
