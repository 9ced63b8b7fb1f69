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
    let details: Promise<string> | undefined;
    const texts = (responses: { body: Record<string, unknown> }[]) => responses.map((response) => unescape(blockTexts(response.body)));
    // The first answer is the short reply; what it shows with its Details pressed is the whole answer.
    const withDetails = async (responses: { body: Record<string, unknown> }[]): Promise<string[]> => {
      const [first, ...rest] = texts(responses);
      const value = responses[0] ? detailsValue(responses[0].body) : undefined;
      if (first === undefined || value === undefined) return texts(responses);
      const id = `${responseId}-details`;
      details ??= harness.press(value, id).then(async () => texts(await harness.fake.waitForResponses(id))[0]!);
      return [`${first}\n${await details}`, ...rest];
    };
    return {
      async ask(text) {
        asks += 1;
        responseId = `contract-${asks}`;
        details = undefined;
        await harness.verify(text, responseId);
        await withDetails(await harness.fake.waitForResponses(responseId)); // presses Details while the adapter runs
      },
      answers: async () => withDetails(harness.fake.responsesTo(responseId)),
      waitForAnswers: async (count) => withDetails(await harness.fake.waitForResponses(responseId, count)),
      stop: () => harness.adapter.stop(),
      logs: () => harness.logger.dump(),
      close: () => harness.close(),
    };
  },
});
