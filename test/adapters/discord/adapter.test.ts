import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../fakes/texts.ts';
import { createFakeChecker, makeVerdict } from '../../service/fake-checker.ts';
import { embedTexts, firstButton, startDiscordHarness, unescape, type DiscordHarness } from './harness.ts';

/** Presses the Details button of a reply body and returns the body of the full reply it brings. */
async function pressDetails(h: DiscordHarness, body: unknown): Promise<unknown> {
  const button = firstButton(body);
  if (!button) throw new Error('the reply has no Details button');
  return (await h.replyTo(h.press(button).id)).body;
}

const SCAM = 'This is the police. Transfer your savings to a safe account and tell no one. @everyone **now** [pay here](https://evil.example/pay) `x`';
const SCAM_ZH = '我是公安局的，你涉嫌洗钱，必须把钱转到安全账户，不要告诉任何人。';

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Discord adapter (real discord.js client, fake Discord)', () => {
  it('connects, identifies and registers /verify and the message command', async () => {
    harness = await startDiscordHarness();
    const { fake } = harness;
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]!.token).toBe(fake.botToken);
    expect(harness.adapter.applicationId()).toBe(fake.applicationId);
    const [put] = await fake.waitForCalls((call) => call.method === 'PUT');
    expect(put!.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(put!.authorization).toBe(`Bot ${fake.botToken}`);
    const commands = put!.body as { name: string; type: number; name_localizations?: Record<string, string>; options?: { name: string; required: boolean }[] }[];
    expect(commands.map((command) => [command.type, command.name])).toEqual([[1, 'verify'], [3, t('en', 'discord.context_menu_name')]]);
    expect(commands[0]!.options).toMatchObject([{ name: 'text', type: 3, required: false }, { name: 'image', type: 11, required: false }]);
    expect(commands[1]!.name_localizations).toEqual({
      'zh-CN': t('zh', 'discord.context_menu_name'),
      'zh-TW': t('zh-Hant', 'discord.context_menu_name'),
      'es-ES': t('es', 'discord.context_menu_name'),
      'es-419': t('es', 'discord.context_menu_name'),
      fr: t('fr', 'discord.context_menu_name'),
    });
    expect(fake.unexpected).toEqual([]);
  });

  it('answers a scam /verify ephemerally with level, escaped evidence and steps, pinging nobody', async () => {
    harness = await startDiscordHarness();
    const { id } = harness.verify(SCAM);
    const call = await harness.replyTo(id);
    const body = call.body as { type: number; data: { flags: number; allowed_mentions: unknown; embeds: unknown[] } };
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    // The short reply: title, level, what to do now, and a Details button; no evidence yet.
    const short = embedTexts(body);
    expect(unescape(short)).toContain(t('en', 'core.title.high'));
    expect(unescape(short)).toContain(t('en', 'discord.level_line', { level: t('en', 'core.level.high') }));
    expect(short).toContain(t('en', 'core.heading.steps'));
    expect(short).toMatch(/(^|\n)1\. \S/);
    expect(short).not.toContain(t('en', 'core.heading.evidence'));
    expect(short).not.toMatch(/\bsafe\b(?! account)/i);
    expect(JSON.stringify(body)).toContain(t('en', 'discord.details_button'));
    // Details: the full reply, ephemeral, pinging nobody.
    const full = (await pressDetails(harness, body)) as { type: number; data: { flags: number; allowed_mentions: unknown } };
    expect(full.type).toBe(4);
    expect(full.data.flags & 64).toBe(64);
    expect(full.data.allowed_mentions).toEqual({ parse: [] });
    const text = embedTexts(full);
    expect(text).toContain(t('en', 'core.heading.evidence'));
    expect(text).toContain('`This is the police`');
    expect(text).toContain(t('en', 'core.heading.steps'));
    expect(firstButton(full)).toBeUndefined();
  });
});

describe('Discord adapter: languages, message command, second opinion', () => {
  it('quotes evidence as inline code: backticks cannot close it, links and mentions stay inert', async () => {
    harness = await startDiscordHarness();
    const text = 'Customs: your parcel is held. Pay the fee at https://evil.example/pay?a=`1`&b=*2* today or it is returned. @everyone';
    const { id } = harness.verify(text);
    const body = (await pressDetails(harness, (await harness.replyTo(id)).body)) as { data: { allowed_mentions: unknown } };
    const shown = embedTexts(body);
    expect(shown).toContain(t('en', 'core.heading.evidence'));
    expect(shown).toContain('`https://evil.example/pay?a=ˋ1ˋ&b=*2*');
    expect(shown).not.toContain('`1`');
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers Chinese text entirely in Chinese, whatever the client locale', async () => {
    harness = await startDiscordHarness();
    const { id } = harness.verify(SCAM_ZH, { locale: 'en-US' });
    const text = unescape(embedTexts((await harness.replyTo(id)).body));
    expect(text).toContain(t('zh', 'core.title.high'));
    expect(text).toContain(t('zh', 'discord.level_line', { level: t('zh', 'core.level.high') }));
    expect(text).toContain(t('zh', 'core.heading.steps'));
    expect(text).toContain(t('zh', 'core.footer.never_safe'));
    expect(text.replace(/Safeword/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('takes the language from a zh-CN or zh-TW (Traditional) locale when the text has no words to tell', async () => {
    const checker = createFakeChecker();
    harness = await startDiscordHarness({ checker });
    const taiwan = harness.verify('+886 912 345 678', { locale: 'zh-TW' });
    const english = harness.verify('+886 912 345 678', { locale: 'en-GB' });
    const taiwanText = unescape(embedTexts((await harness.replyTo(taiwan.id)).body));
    const englishText = unescape(embedTexts((await harness.replyTo(english.id)).body));
    expect(checker.requests.map((request) => request.interfaceLanguage).sort()).toEqual(['en', 'zh-Hant']);
    expect(taiwanText).toContain(t('zh-Hant', 'core.title.none'));
    expect(englishText).toContain(t('en', 'core.title.none'));
    const usage = harness.verify('   ', { locale: 'zh-CN' });
    expect(unescape(embedTexts((await harness.replyTo(usage.id)).body))).toBe(t('zh', 'discord.usage'));
    expect(checker.requests).toHaveLength(2);
  });

  it('takes Spanish from an es-ES or es-419 locale', async () => {
    const checker = createFakeChecker();
    harness = await startDiscordHarness({ checker });
    const spain = harness.verify('+34 612 345 678', { locale: 'es-ES' });
    const latinAmerica = harness.verify('+52 55 1234 5678', { locale: 'es-419' });
    expect(unescape(embedTexts((await harness.replyTo(spain.id)).body))).toContain(t('es', 'core.title.none'));
    expect(unescape(embedTexts((await harness.replyTo(latinAmerica.id)).body))).toContain(t('es', 'core.footer.never_safe'));
    expect(checker.requests.map((request) => request.interfaceLanguage)).toEqual(['es', 'es']);
    const usage = harness.verify('   ', { locale: 'es-419' });
    expect(unescape(embedTexts((await harness.replyTo(usage.id)).body))).toBe(t('es', 'discord.usage'));
  });

  it('checks a message picked with "Check with Safeword", including a forwarded copy', async () => {
    const checker = createFakeChecker({ level: () => 'high' });
    harness = await startDiscordHarness({ checker });
    const { id } = harness.contextMenu('look at this', { snapshots: ['Mum, it is me, new number, send money now'] });
    const body = (await harness.replyTo(id)).body as { type: number; data: { flags: number } };
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    expect(unescape(embedTexts(body))).toContain(t('en', 'core.title.high'));
    expect(checker.requests).toEqual([
      {
        kind: 'message',
        text: 'look at this\n\nMum, it is me, new number, send money now',
        interfaceLanguage: 'en',
        source: { platform: 'discord', chatType: 'group' },
      },
    ]);
  });

  it('answers a message without text with a notice in the locale language and checks nothing', async () => {
    const checker = createFakeChecker();
    harness = await startDiscordHarness({ checker });
    const { id } = harness.contextMenu('', { locale: 'zh-CN' });
    expect(unescape(embedTexts((await harness.replyTo(id)).body))).toBe(t('zh', 'discord.no_text'));
    expect(checker.requests).toHaveLength(0);
  });

  it('edits the reply when the refined verdict differs, and logs no message text', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const checker = createFakeChecker({
      secondOpinion: 'on',
      level: () => 'low',
      refine: async (instant) => {
        await gate;
        return { ...makeVerdict({ kind: 'message', text: 'x' }, 'high'), secondOpinion: { status: 'ok', label: 'scam', confidence: 0.9 } } satisfies typeof instant;
      },
    });
    harness = await startDiscordHarness({ checker });
    const secret = 'Grandma it is Tom, I crashed the car, wire 3000 to account 4417 and do not tell dad';
    const { id, token } = harness.verify(secret);
    const first = unescape(embedTexts((await harness.replyTo(id)).body));
    expect(first).toContain(t('en', 'core.title.low'));
    expect(first).toContain(t('en', 'core.footer.second_opinion_pending'));
    release();
    const [edit] = await harness.editsOf(token);
    const edited = unescape(embedTexts(edit!.body));
    expect(edited).toContain(t('en', 'core.title.high'));
    expect(edited).toContain(t('en', 'core.footer.second_opinion_ok'));
    expect((edit!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    await harness.adapter.drain();
    const logs = harness.logger.dump();
    expect(logs).toContain('discord: reply updated with the second opinion');
    for (const word of ['Grandma', 'crashed', '4417', harness.fake.botToken, token]) expect(logs).not.toContain(word);
  });

  it('answers with the failure notice when the checker throws', async () => {
    harness = await startDiscordHarness({ checker: createFakeChecker({ throws: true }) });
    const { id } = harness.verify('这是公安局');
    expect(unescape(embedTexts((await harness.replyTo(id)).body))).toBe(t('zh', 'discord.check_failed'));
    expect(harness.logger.dump()).not.toContain('公安');
  });
});

describe('Discord adapter: registration and lifecycle', () => {
  it('registers in DISCORD_GUILD_ID only, for the configured application id', async () => {
    harness = await startDiscordHarness({ config: { applicationId: '100000000000000777', guildId: '600000000000000042' } });
    const [put] = await harness.fake.waitForCalls((call) => call.method === 'PUT');
    expect(put!.path).toBe('/applications/100000000000000777/guilds/600000000000000042/commands');
  });

  it('still starts when registration fails, and says so', async () => {
    harness = await startDiscordHarness({ fake: { commandsStatus: 403 } });
    expect(harness.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'discord: could not register the commands' }));
    const { id } = harness.verify(SCAM);
    expect((await harness.replyTo(id)).body).toMatchObject({ type: 4 });
  });

  it('rejects start with a wrong token and leaves nothing open', async () => {
    const baseline = resourceCounts();
    await expect(startDiscordHarness({ config: { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GwRoNg.wrong-token-0000000000000000000' } })).rejects.toThrow(/token/i);
    await waitFor(() => noMoreThan(resourceCounts(), baseline));
    expect(noMoreThan(resourceCounts(), baseline), JSON.stringify({ after: resourceCounts(), baseline })).toBe(true);
  });

  it('heartbeats while running, then stops cleanly: gateway closed, no sockets or timers left', async () => {
    const baseline = resourceCounts();
    const started = await startDiscordHarness({ fake: { heartbeatIntervalMs: 40 } });
    expect(started.fake.openConnections()).toBe(1);
    const { id } = started.verify(SCAM);
    await started.replyTo(id);
    await waitFor(() => started.fake.heartbeats >= 2);
    expect(started.fake.heartbeats).toBeGreaterThanOrEqual(2);
    await started.adapter.stop();
    await waitFor(() => started.fake.openConnections() === 0);
    expect(started.fake.openConnections()).toBe(0);
    const heartbeats = started.fake.heartbeats;
    await started.fake.close();
    await waitFor(() => noMoreThan(resourceCounts(), baseline));
    expect(noMoreThan(resourceCounts(), baseline), JSON.stringify({ after: resourceCounts(), baseline })).toBe(true);
    expect(started.fake.heartbeats).toBe(heartbeats);
    expect(started.fake.identifies).toHaveLength(1);
  });
});

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Timeout' || type === 'TCPSocketWrap' || type === 'TCPServerWrap') counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** True when `after` holds no more resources of any type than `before` (others' leftovers may close meanwhile). */
function noMoreThan(after: Record<string, number>, before: Record<string, number>): boolean {
  return Object.entries(after).every(([type, count]) => count <= (before[type] ?? 0));
}

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
