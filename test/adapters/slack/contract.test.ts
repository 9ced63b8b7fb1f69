import { describeAdapterContract } from '../contract.ts';
import { blockTexts, detailsValue, startSlackHarness } from './harness.ts';

/** Slack's mrkdwn escapes; the contract compares plain text. */
const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let asks = 0;

describeAdapterContract('Slack', {
  notices: { nothingToCheck: 'slack.no_text', checkFailed: 'slack.check_failed' },
  async start(checker) {
    const harness = await startSlackHarness(checker ? { checker } : {});
    let responseId = '';
    const texts = (responses: { body: Record<string, unknown> }[]) => responses.map((response) => unescape(blockTexts(response.body)));
    return {
      async ask(text) {
        asks += 1;
        responseId = `contract-${asks}`;
        await harness.verify(text, responseId);
        await harness.fake.waitForResponses(responseId);
      },
      answers: async () => texts(harness.fake.responsesTo(responseId)),
      waitForAnswers: async (count) => texts(await harness.fake.waitForResponses(responseId, count)),
      // The first answer is the short reply; its Details button posts the whole reply as a new ephemeral message.
      async expand() {
        const [first] = await harness.fake.waitForResponses(responseId);
        const value = detailsValue(first!.body);
        if (!value) throw new Error('the first answer has no Details button');
        const id = `${responseId}-details`;
        await harness.press(value, id);
        return texts(await harness.fake.waitForResponses(id))[0]!;
      },
      stop: () => harness.adapter.stop(),
      logs: () => harness.logger.dump(),
      close: () => harness.close(),
    };
  },
});
