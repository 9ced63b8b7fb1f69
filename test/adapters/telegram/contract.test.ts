import type { RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { describeAdapterContract } from '../contract.ts';
import { createHarness } from './harness.ts';

/** The visible text of a Telegram HTML message. */
const visible = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describeAdapterContract('Telegram', {
  notices: { nothingToCheck: 'telegram.nothing_to_check', checkFailed: 'telegram.check_failed' },
  async start(checker) {
    const harness = await createHarness(checker ? { checker } : {});
    const answerCalls = (): RecordedCall[] => harness.fake.calls.filter((call) => call.method === 'sendMessage' || call.method === 'editMessageText');
    const texts = (calls: RecordedCall[]) => calls.map((call) => visible(String(call.params.text)));
    return {
      async ask(text, speaker = 'en') {
        harness.fake.clearCalls();
        await harness.handle(privateText(text, { from: testUser(1001, { language_code: speaker }) }));
      },
      answers: async () => texts(answerCalls()),
      async waitForAnswers(count) {
        const deadline = Date.now() + 2000;
        while (answerCalls().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        return texts(answerCalls());
      },
      expand: async () => (await harness.expandReplies()).map(visible).join('\n'),
      stop: () => harness.drain(),
      logs: () => harness.logger.dump(),
      close: () => harness.close(),
    };
  },
});
