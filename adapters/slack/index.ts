import { App, HTTPReceiver } from '@slack/bolt';
import { answerContext, answerOrNotify, listenUrl, textReplyLanguage, type Adapter, type AdapterDeps, type Language } from '../../src/core/index.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { errorFields, slackSurface, type Respond } from './check-reply.ts';
import { SLACK_EVENTS_PATH, type SlackConfig } from './config.ts';
import { slackTextToPlain } from './incoming-text.ts';
import { startSlackReceiver, type SlackReceiverServer } from './receiver.ts';
import { createSlackRenderer } from './render.ts';

export { loadSlackConfig, type SlackConfig } from './config.ts';

/** The slash command Safeword answers (create it in the Slack app with the same name). */
export const SLACK_COMMAND = '/verify';
/** Callback ID of the message shortcut "Check with Safeword". */
export const SLACK_SHORTCUT_CALLBACK_ID = 'safeword_check';
/** Language of replies that have no text to take it from (usage help, a message without text). */
const DEFAULT_LANGUAGE: Language = 'en';

/** A Slack adapter, with the Bolt app for tests and the local receiver's address once started (HTTP mode). */
export interface SlackAdapter extends Adapter {
  readonly app: App;
  /** Where the HTTP receiver takes Slack's requests, e.g. http://127.0.0.1:3000/slack/events (HTTP mode, after start). */
  eventsUrl(): string | undefined;
  drain(): Promise<void>;
}

/**
 * The Slack adapter: a Bolt app answering `/verify <text>` and the message shortcut "Check with Safeword"
 * with an ephemeral Block Kit reply (instant rules verdict, replaced when the second opinion changes it).
 * HTTP mode runs Bolt's HTTPReceiver on its own host and port (requests verified with the signing secret);
 * with an app-level token it uses Socket Mode instead. Message text is never stored or logged.
 */
export function createSlackAdapter(config: SlackConfig, deps: AdapterDeps): SlackAdapter {
  const { logger } = deps;
  const boltLogger = createBoltLogger(logger);
  const clientOptions = config.apiUrl ? { slackApiUrl: config.apiUrl } : {};
  const connection = config.connection;
  const receiver =
    connection.mode === 'http' ? new HTTPReceiver({ signingSecret: connection.signingSecret, endpoints: SLACK_EVENTS_PATH, logger: boltLogger }) : undefined;
  const app =
    connection.mode === 'http'
      ? new App({
          token: config.botToken,
          receiver: receiver as HTTPReceiver,
          logger: boltLogger,
          clientOptions,
          deferInitialization: true,
        })
      : new App({ token: config.botToken, appToken: connection.appToken, socketMode: true, logger: boltLogger, clientOptions, deferInitialization: true });

  const renderer = createSlackRenderer(deps.checker.ruleset.t);
  const answers = answerContext(deps, 'slack', errorFields);
  const notice = (respond: Respond, language: Language, key: string) => respond({ response_type: 'ephemeral', ...renderer.notice(language, key) });
  let eventsUrl: string | undefined;
  let front: SlackReceiverServer | undefined;

  async function check(respond: Respond, text: string): Promise<void> {
    await answerOrNotify(answers, slackSurface(respond, renderer), { kind: 'message', text, source: { platform: 'slack' } }, {
      invalid: () => notice(respond, DEFAULT_LANGUAGE, 'slack.no_text'),
      failed: () => notice(respond, textReplyLanguage(text), 'slack.check_failed'),
    });
  }

  app.command(SLACK_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const text = slackTextToPlain(command.text).trim();
    if (text === '') await notice(respond, DEFAULT_LANGUAGE, 'slack.usage');
    else await check(respond, text);
  });

  app.shortcut({ type: 'message_action', callback_id: SLACK_SHORTCUT_CALLBACK_ID }, async ({ ack, shortcut, respond }) => {
    await ack();
    const text = slackTextToPlain(shortcut.message.text ?? '').trim();
    if (text === '') await notice(respond, DEFAULT_LANGUAGE, 'slack.no_text');
    else await check(respond, text);
  });

  app.error(async (error) => {
    logger.error('slack: handler failed', errorFields(error.original ?? error));
  });

  return {
    name: 'slack',
    app,
    eventsUrl: () => eventsUrl,
    drain: () => answers.tasks.drain(),
    async start() {
      await app.init();
      if (connection.mode === 'socket') {
        await app.start();
        logger.info('slack: socket mode');
        return;
      }
      // Our own front (body limit, ±5 min, signature, replay) hands verified requests to Bolt's receiver.
      front = await startSlackReceiver(receiver as HTTPReceiver, {
        host: connection.host,
        port: connection.port,
        path: SLACK_EVENTS_PATH,
        signingSecret: connection.signingSecret,
        logger,
        ...(deps.claims ? { claims: deps.claims } : {}),
      });
      eventsUrl = front.url;
      logger.info('slack: http mode', { listen: eventsUrl });
    },
    async stop() {
      if (connection.mode === 'socket') await app.stop();
      await front?.close();
      front = undefined;
      eventsUrl = undefined;
      await this.drain();
    },
  };
}
