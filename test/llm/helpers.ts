import Keyv from 'keyv';
import OpenAI from 'openai';
import type { Logger } from '../../src/core/logger.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { parseLlmConfig } from '../../src/llm/config.ts';
import { createLlmServices, type LlmServices } from '../../src/llm/setup.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer, type ScriptedStep } from '../fakes/fake-openai-server.ts';

/** A valid model answer (the classifier schema), with overrides. */
export function answer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reasoning: 'The sender claims authority and asks for money.',
    label: 'scam',
    confidence: 0.9,
    tactics: ['authority', 'payment'],
    explanation: 'It claims to be an official and asks you to pay.',
    ...overrides,
  };
}

/** A logger that keeps its lines, to check nothing sensitive is logged. */
export function memoryLogger(): Logger & { lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A fake server, the real SDK pointed at it, and the LLM services built from LLM_* settings. */
export interface LlmHarness extends LlmServices {
  fake: FakeOpenAiServer;
  store: Keyv;
  backing: Map<string, unknown>;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** Starts a harness with `steps` scripted; `env` adds LLM_* settings (the time limit defaults to 3 s; timeout tests set less). */
export async function startHarness(steps: ScriptedStep[] = [], env: Record<string, string> = {}): Promise<LlmHarness> {
  const fake = await startFakeOpenAiServer(steps);
  const config = parseLlmConfig({ LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: '3000', LLM_API_KEY: 'sk-test-key-123', ...env });
  if (!config) throw new Error('config expected');
  const backing = new Map<string, unknown>();
  const store = new Keyv({ store: backing, namespace: 'llm' });
  const logger = memoryLogger();
  const client = new OpenAI({ baseURL: fake.baseURL, apiKey: config.apiKey, maxRetries: 0 });
  const services = createLlmServices(config, { ruleset: loadRuleset(), store, secret: 'test-secret-0123456789abcdef', logger, client, retryDelayMs: 0 });
  return { ...services, fake, store, backing, logger, close: () => fake.close() };
}
