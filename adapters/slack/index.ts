import { App, HTTPReceiver } from '@slack/bolt';
import {
  answerCheck,
  answerContext,
  answerOrNotify,
  createDetailsCache,
  DEFAULT_DETAILS_ENTRIES,
  DEFAULT_DETAILS_TTL_MS,
  findDetails,
  serveDetails,
  textReplyLanguage,
  type Adapter,
  type AdapterDeps,
  type Language,
  type ReplyDocument,
} from '../../src/core/index.ts';
import { imageProblemText, readingCheck } from '../../src/image/image-check.ts';
import { encodeAnswered, fetchAnsweredMessage, parseDetailsValue, type AnsweredMessage } from './answered-message.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { errorFields, slackSurface, type Respond } from './check-reply.ts';
import { DEFAULT_SLACK_DOWNLOAD_TIMEOUT_MS, SLACK_EVENTS_PATH, SLACK_FILES_ORIGINS, type SlackConfig } from './config.ts';
import { messageImageFiles, readImageFiles, type SlackImageFile, type SlackImages } from './files.ts';
import { slackTextToPlain } from './incoming-text.ts';
import { startSlackReceiver, type SlackReceiverServer } from './receiver.ts';
import { createSlackRenderer, DETAILS_ACTION_ID, type SlackMessage } from './render.ts';
import { createUserLanguages } from './user-language.ts';

export { loadSlackConfig, type SlackConfig } from './config.ts';
export type { SlackImages } from './files.ts';

/** What the service may add to the adapter: the OCR pool for screenshots (without it, files are not read). */
export interface SlackExtras {
  images?: SlackImages;
  /** How long a Details button answers (default 30 minutes). */
  detailsTtlMs?: number;
}

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
 * with an ephemeral Block Kit reply: the short reply (what to do now, one line of why) with a Details button,
 * replaced when the second opinion changes it; Details posts the full reply (kept in memory for `detailsTtlMs`
 * only). Image files on the shortcut's message are read as a screenshot conversation (scope files:read).
 * HTTP mode runs Bolt's HTTPReceiver on its own host and port (requests verified with the signing secret);
 * with an app-level token it uses Socket Mode instead. Message text is never stored or logged.
 */
export function createSlackAdapter(config: SlackConfig, deps: AdapterDeps, extras: SlackExtras = {}): SlackAdapter {
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
  const t = deps.checker.ruleset.t;
  const detailsTtlMs = extras.detailsTtlMs ?? DEFAULT_DETAILS_TTL_MS;
  const details = createDetailsCache<ReplyDocument>({ ttlMs: detailsTtlMs, maxEntries: DEFAULT_DETAILS_ENTRIES, ...(deps.peers ? { owner: deps.peers.self } : {}) });
  // With several workers, a tap that reaches another worker asks this one for the reply (nothing is stored).
  const stopServing = serveDetails(details, deps.peers, 'slack:details');
  const filePolicy = { origins: config.filesOrigins ?? SLACK_FILES_ORIGINS, timeoutMs: DEFAULT_SLACK_DOWNLOAD_TIMEOUT_MS, botToken: config.botToken };
  const userLanguages = createUserLanguages({ token: config.botToken, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), logger, boltLogger });
  const notice = (respond: Respond, language: Language, key: string, vars?: Record<string, string | number>) =>
    respond({ response_type: 'ephemeral', ...renderer.notice(language, key, vars) });
  let eventsUrl: string | undefined;
  let front: SlackReceiverServer | undefined;

  /** The language of what is said before there is a text to take it from: the user's in Slack, else English. */
  const userLanguage = async (userId: string | undefined): Promise<Language> => (await userLanguages.of(userId)) ?? DEFAULT_LANGUAGE;

  async function check(respond: Respond, text: string, answered?: AnsweredMessage): Promise<void> {
    const surface = slackSurface(respond, renderer, details, answered ? { answered: encodeAnswered(answered) } : {});
    await answerOrNotify(answers, surface, { kind: 'message', text, source: { platform: 'slack' } }, {
      invalid: () => notice(respond, DEFAULT_LANGUAGE, 'slack.no_text'),
      failed: () => notice(respond, textReplyLanguage(text), 'slack.check_failed'),
    });
  }

  /**
   * Reads the files after a progress note, then replaces the note by the answer (or by why they could not be
   * read). The note and the problems are in the user's Slack language; the answer follows the text read.
   */
  async function checkFiles(respond: Respond, files: SlackImageFile[], images: SlackImages, userId: string | undefined, answered: AnsweredMessage): Promise<void> {
    const count = files.length;
    const interfaceLanguage = await userLanguage(userId);
    await notice(respond, interfaceLanguage, count > 1 ? 'image.reading_many' : 'image.reading', { count });
    const replace = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: true, ...message });
    const reading = await readImageFiles(files, images, filePolicy, logger);
    if (!reading.ok) {
      await replace(renderer.plain(imageProblemText(t, interfaceLanguage, reading.problem, images.limits)));
      return;
    }
    const { request, language, notes } = readingCheck(t, reading, interfaceLanguage);
    await answerOrNotify(
      answers,
      slackSurface(respond, renderer, details, { replacesProgress: true, leadNotes: 1, answered: encodeAnswered(answered) }),
      request,
      { invalid: () => replace(renderer.notice(interfaceLanguage, 'image.no_text')), failed: () => replace(renderer.notice(language, 'slack.check_failed')) },
      { notes },
    );
  }

  app.command(SLACK_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const text = slackTextToPlain(command.text).trim();
    if (text === '') await notice(respond, await userLanguage(command.user_id), 'slack.usage');
    else await check(respond, text);
  });

  app.shortcut({ type: 'message_action', callback_id: SLACK_SHORTCUT_CALLBACK_ID }, async ({ ack, shortcut, respond }) => {
    await ack();
    const text = slackTextToPlain(shortcut.message.text ?? '').trim();
    const files = extras.images ? messageImageFiles(shortcut.message as { files?: unknown }) : [];
    const threadTs = (shortcut.message as { thread_ts?: unknown }).thread_ts;
    const answered: AnsweredMessage = { channel: shortcut.channel.id, ts: shortcut.message.ts, ...(typeof threadTs === 'string' ? { threadTs } : {}) };
    // A message with screenshots is checked as the conversation they show; its own words (a caption) are not mixed in.
    if (extras.images && files.length > 0) await checkFiles(respond, files, extras.images, shortcut.user?.id, answered);
    else if (text === '') await notice(respond, await userLanguage(shortcut.user?.id), 'slack.no_text');
    else await check(respond, text, answered);
  });

  /**
   * Details for a shortcut's reply no worker here holds (another host answered it, or this one restarted):
   * the button carries where the checked message is, so it is read again and checked with the same checker,
   * and the full reply (after the second opinion, if any) is posted once; nothing is stored. Slack allows the
   * read only with the history scopes and the app in the conversation; otherwise, and for a screenshot (not
   * read again: about a second of OCR CPU per click, taken from people waiting for a check), it says why.
   */
  async function recheckDetails(respond: Respond, answered: AnsweredMessage, language: Language): Promise<void> {
    const message = await fetchAnsweredMessage(app.client, answered, logger);
    const explain = async (key: string): Promise<void> => void (await notice(respond, language, key));
    if (message && messageImageFiles(message).length > 0) return explain('slack.details_screenshot_elsewhere');
    const text = slackTextToPlain(message?.text ?? '').trim();
    if (text === '') return explain('slack.details_unreadable');
    let latest: ReplyDocument | undefined;
    const keep = async (reply: ReplyDocument): Promise<void> => void (latest = reply);
    const result = await answerCheck(answers, { send: keep, edit: keep }, { kind: 'message', text, source: { platform: 'slack' } });
    if (result.status !== 'answered' || !latest) return void (await notice(respond, textReplyLanguage(text, language), 'slack.check_failed'));
    await result.settled;
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderer.render(latest) });
  }

  app.action({ type: 'block_actions', action_id: DETAILS_ACTION_ID }, async ({ ack, action, body, respond }) => {
    await ack();
    const value = parseDetailsValue('value' in action && typeof action.value === 'string' ? action.value : '');
    const full = await findDetails(details, value.key, deps.peers, 'slack:details');
    const language = value.language ?? (await userLanguage(body.user.id));
    // A follow-up only the user sees; the short reply stays as it is.
    if (full) await respond({ response_type: 'ephemeral', replace_original: false, ...renderer.render(full) });
    else if (value.answered) await recheckDetails(respond, value.answered, language);
    else await notice(respond, language, 'slack.details_gone', { minutes: Math.round(detailsTtlMs / 60_000) });
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
      stopServing();
      if (connection.mode === 'socket') await app.stop();
      await front?.close();
      front = undefined;
      eventsUrl = undefined;
      await this.drain();
    },
  };
}
