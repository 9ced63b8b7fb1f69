import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/categories.ts';
import { parseTranscript } from '../../src/core/transcript.ts';
import { parseClassification } from '../../src/llm/classification.ts';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.ts';
import { ConcurrencyLimit, QueueFullError } from '../../src/llm/concurrency-limit.ts';
import { parseDuration, parseLlmConfig } from '../../src/llm/config.ts';
import { opinionKey } from '../../src/llm/opinion-cache.ts';
import { loadPromptSet, PROMPTS_DIR, PromptFileError } from '../../src/llm/prompts.ts';
import { estimateTokens, GAP, selectExcerpt } from '../../src/llm/token-budget.ts';
import { chooseDelimiter } from '../../src/llm/untrusted.ts';

describe('parseLlmConfig', () => {
  it('is undefined when no LLM is configured', () => {
    expect(parseLlmConfig({})).toBeUndefined();
    expect(parseLlmConfig({ LLM_MODEL: '  ' })).toBeUndefined();
  });

  it('reads an Ollama setup with defaults and a placeholder key', () => {
    const config = parseLlmConfig({ LLM_BASE_URL: 'http://localhost:11434/v1/', LLM_MODEL: 'qwen2.5:7b' });
    expect(config).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b', apiKey: 'not-needed', timeoutMs: 10_000, responseFormat: 'auto' });
  });

  it.each([
    [{ LLM_BASE_URL: 'http://x/v1' }, /^LLM_MODEL: /],
    [{ LLM_MODEL: 'gpt-4o-mini' }, /^LLM_API_KEY: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'not a url' }, /^LLM_BASE_URL: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'http://x', LLM_TIMEOUT_MS: '5' }, /^LLM_TIMEOUT_MS: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'http://x', LLM_CACHE_TTL: 'forever' }, /^LLM_CACHE_TTL: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'http://x', LLM_RESPONSE_FORMAT: 'xml' }, /^LLM_RESPONSE_FORMAT: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'http://x', LLM_PROMPT_VERSION: '../etc' }, /^LLM_PROMPT_VERSION: /],
    [{ LLM_MODEL: 'm', LLM_BASE_URL: 'http://x', LLM_TRANSCRIBE_MAX_BYTES: '1' }, /^LLM_TRANSCRIBE_MAX_BYTES: /],
  ])('%j fails naming the variable', (env, message) => {
    expect(() => parseLlmConfig(env)).toThrow(message);
  });

  it('parses durations', () => {
    expect(parseDuration('3600')).toBe(3_600_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('soon')).toBeUndefined();
  });
});

describe('parseClassification', () => {
  const valid = { reasoning: 'r', label: 'scam', confidence: 0.8, tactics: ['payment', 'payment'], explanation: 'e' };
  it('accepts one valid JSON object (also fenced) and drops duplicate tactics', () => {
    expect(parseClassification(JSON.stringify(valid))?.tactics).toEqual(['payment']);
    expect(parseClassification('```json\n' + JSON.stringify(valid) + '\n```')?.label).toBe('scam');
  });
  it.each([null, '', 'scam', '{', `${JSON.stringify(valid)} trailing`, JSON.stringify({ ...valid, confidence: 2 }), JSON.stringify({ ...valid, tactics: ['x'] })])(
    'discards %j',
    (content) => expect(parseClassification(content)).toBeUndefined(),
  );
});

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after the cooldown, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 100, now: () => now });
    breaker.tryAcquire();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.tryAcquire();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 100;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 200;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most N at once, queues up to the limit and refuses beyond it', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    let release!: () => void;
    const first = limit.run(() => new Promise<string>((resolve) => (release = () => resolve('a'))));
    const second = limit.run(async () => 'b');
    await expect(limit.run(async () => 'c')).rejects.toBeInstanceOf(QueueFullError);
    expect(limit.active).toBe(1);
    expect(limit.waiting).toBe(1);
    release();
    await expect(Promise.all([first, second])).resolves.toEqual(['a', 'b']);
    expect(limit.active).toBe(0);
  });
});

describe('opinionKey', () => {
  const parts = { text: 'Transfer to a safe account', kind: 'message' as const, language: 'en', model: 'm', promptVersion: 'v1' };
  it('folds invisible and width tricks, and changes with the secret, model and prompt version', () => {
    const key = opinionKey('secret-a', parts);
    expect(opinionKey('secret-a', { ...parts, text: 'Ｔransfer to a safe\u200b account ' })).toBe(key);
    expect(opinionKey('secret-b', parts)).not.toBe(key);
    expect(opinionKey('secret-a', { ...parts, model: 'other' })).not.toBe(key);
    expect(opinionKey('secret-a', { ...parts, promptVersion: 'v2' })).not.toBe(key);
    expect(key).not.toContain('safe');
  });
});

describe('chooseDelimiter', () => {
  it('never returns a delimiter found in the text', () => {
    const values = ['<<DATA-aaaaaaaa>>', '<<DATA-bbbbbbbb>>'];
    expect(chooseDelimiter('x <<DATA-aaaaaaaa>> y', () => values.shift() as string)).toBe('<<DATA-bbbbbbbb>>');
    expect(() => chooseDelimiter('<<DATA-aaaaaaaa>>', () => '<<DATA-aaaaaaaa>>')).toThrow();
  });
});

describe('loadPromptSet', () => {
  it('loads the current version with examples in every language', () => {
    const prompts = loadPromptSet();
    expect(prompts.version).toBe('v1');
    expect(prompts.examples.en.length).toBeGreaterThan(0);
    expect(prompts.examples.zh.length).toBeGreaterThan(0);
  });

  it('names exactly the shared categories as tactics in the system prompt', () => {
    const named = [...loadPromptSet().system.matchAll(/^- ([a-z_]+): /gm)].map((match) => match[1]);
    expect([...named].sort()).toEqual([...CATEGORIES].sort());
  });

  it('names the file when a prompt is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safeword-prompts-'));
    cpSync(PROMPTS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'v1', 'user.md'), 'Classify {{text}} now {{surprise}}');
    expect(() => loadPromptSet({ dir })).toThrow(PromptFileError);
    expect(() => loadPromptSet({ dir })).toThrow(/user\.md: unknown placeholder \{\{surprise\}\}/);
    writeFileSync(join(dir, 'v1', 'user.md'), 'Classify {{text}}');
    expect(() => loadPromptSet({ dir })).toThrow(/user\.md: must use \{\{delimiter\}\}/);
    expect(() => loadPromptSet({ dir, version: 'v9' })).toThrow(/does not exist/);
  });
});

describe('selectExcerpt', () => {
  it('sends a text that fits as is', () => {
    expect(selectExcerpt({ text: 'short', evidence: [], maxTokens: 100 })).toEqual({ text: 'short', excerpted: false, tokens: 2 });
  });

  it('keeps every piece of evidence wherever it is, puts caller turns first and stays near the budget', () => {
    for (const seed of [1, 7, 42, 99, 1234]) {
      let state = seed;
      const random = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const lines: string[] = [];
      for (let index = 0; index < 300; index += 1) {
        const speaker = random() < 0.2 ? 'Caller' : 'Me';
        lines.push(`${speaker}: turn ${index} ${'blah '.repeat(5 + Math.floor(random() * 20))}`);
      }
      const text = lines.join('\n');
      const turns = parseTranscript(text).turns;
      const evidence = Array.from({ length: 4 }, () => {
        const turn = turns[Math.floor(random() * turns.length)]!;
        return { start: turn.start, end: Math.min(turn.end, turn.start + 12) };
      });
      const excerpt = selectExcerpt({ text, evidence, turns, maxTokens: 600 });
      expect(excerpt.excerpted).toBe(true);
      for (const span of evidence) expect(excerpt.text).toContain(text.slice(span.start, span.end));
      expect(excerpt.tokens).toBeLessThan(estimateTokens(text) / 2);
      expect(excerpt.tokens).toBeLessThanOrEqual(600 * 1.2);
      expect(excerpt.text).toContain(GAP);
      const callerTurns = turns.filter((turn) => turn.role === 'caller');
      const calleeTurns = turns.filter((turn) => turn.role !== 'caller');
      const share = (list: typeof turns): number => list.filter((turn) => excerpt.text.includes(turn.text)).length / list.length;
      expect(share(callerTurns)).toBeGreaterThan(share(calleeTurns));
    }
  });

  it('keeps evidence even when the evidence alone is over the budget, windowing very long turns', () => {
    const long = `Caller: ${'noise '.repeat(2000)}transfer to a safe account${' noise'.repeat(2000)}`;
    const start = long.indexOf('transfer');
    const excerpt = selectExcerpt({ text: long, evidence: [{ start, end: start + 26 }], maxTokens: 200 });
    expect(excerpt.text).toContain('transfer to a safe account');
    expect(excerpt.text.length).toBeLessThan(long.length / 4);
  });
});
