import { describeAdapterContract } from '../contract.ts';
import { embedTexts, firstButton, startDiscordHarness, unescape } from './harness.ts';

describeAdapterContract('Discord', {
  notices: { nothingToCheck: 'discord.no_text', checkFailed: 'discord.check_failed' },
  async start(checker) {
    const harness = await startDiscordHarness(checker ? { checker } : {});
    let asked: { id: string; token: string } | undefined;
    const texts = (calls: { body: unknown }[]) => calls.map((call) => unescape(embedTexts(call.body)));
    const edits = () => harness.fake.calls.filter((call) => call.method === 'PATCH' && call.path.includes(`/${asked?.token}/messages/@original`));
    return {
      async ask(text) {
        asked = harness.verify(text);
        await harness.replyTo(asked.id);
      },
      async answers() {
        return texts([await harness.replyTo(asked!.id), ...edits()]);
      },
      async waitForAnswers(count) {
        return texts([await harness.replyTo(asked!.id), ...(count > 1 ? await harness.editsOf(asked!.token, count - 1) : [])]);
      },
      // The first answer is the short reply; its Details button posts the whole reply as an ephemeral follow-up.
      async expand() {
        const button = firstButton((await harness.replyTo(asked!.id)).body);
        if (!button) throw new Error('the first answer has no Details button');
        return texts([await harness.replyTo(harness.press(button).id)])[0]!;
      },
      stop: () => harness.adapter.stop(),
      logs: () => harness.logger.dump(),
      close: () => harness.close(),
    };
  },
});
