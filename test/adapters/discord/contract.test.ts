import { describeAdapterContract } from '../contract.ts';
import { embedTexts, firstButton, startDiscordHarness, unescape } from './harness.ts';

describeAdapterContract('Discord', {
  notices: { nothingToCheck: 'discord.no_text', checkFailed: 'discord.check_failed' },
  async start(checker) {
    const harness = await startDiscordHarness(checker ? { checker } : {});
    let asked: { id: string; token: string } | undefined;
    let details: Promise<string> | undefined;
    const texts = (calls: { body: unknown }[]) => calls.map((call) => unescape(embedTexts(call.body)));
    const edits = () => harness.fake.calls.filter((call) => call.method === 'PATCH' && call.path.includes(`/${asked?.token}/messages/@original`));
    // The first answer is the short reply; what it shows with its Details pressed is the whole answer.
    const first = async (): Promise<string> => {
      const reply = await harness.replyTo(asked!.id);
      const [short] = texts([reply]);
      const button = firstButton(reply.body);
      if (!button) return short!;
      details ??= (async () => {
        const pressed = harness.press(button);
        return texts([await harness.replyTo(pressed.id)])[0]!;
      })();
      return `${short}\n${await details}`;
    };
    return {
      async ask(text) {
        asked = harness.verify(text);
        details = undefined;
        await first(); // presses Details while the adapter runs
      },
      async answers() {
        return [await first(), ...texts(edits())];
      },
      async waitForAnswers(count) {
        return [await first(), ...texts(count > 1 ? await harness.editsOf(asked!.token, count - 1) : [])];
      },
      stop: () => harness.adapter.stop(),
      logs: () => harness.logger.dump(),
      close: () => harness.close(),
    };
  },
});
