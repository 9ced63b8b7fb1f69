import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { SourceLanguage } from '../core/request.ts';
import { fillTemplate, type PromptSet } from './prompts.ts';
import { chooseDelimiter, randomDelimiter, type DelimiterSource } from './untrusted.ts';

/** What the classifier is asked about. */
export interface ClassifyInput {
  /** The text to judge (already cut down to the token budget). */
  text: string;
  kind: 'message' | 'transcript';
  /** The language to explain in (a Traditional reply asks for Chinese and converts the explanation). */
  language: SourceLanguage;
  /** True when `text` is an excerpt of a longer original. */
  excerpted?: boolean;
}

/** The user message for one input: the template with the text wrapped as data between random delimiters. */
function userMessage(prompts: PromptSet, input: ClassifyInput, delimiters: DelimiterSource = randomDelimiter): string {
  const delimiter = chooseDelimiter(input.text, delimiters);
  return fillTemplate(prompts.userTemplate, {
    kind: prompts.vocabulary.kinds[input.kind],
    language: prompts.vocabulary.languages[input.language],
    delimiter,
    text: input.text,
    excerpt_note: input.excerpted ? prompts.excerptNote : '',
  });
}

/**
 * The chat messages for one classification: the system prompt, the few-shot examples of the request's
 * language as user/assistant turns (each wrapped like real input), then the input itself.
 */
export function buildMessages(prompts: PromptSet, input: ClassifyInput, delimiters: DelimiterSource = randomDelimiter): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: prompts.system }];
  for (const example of prompts.examples[input.language]) {
    messages.push({ role: 'user', content: userMessage(prompts, { text: example.text.trim(), kind: example.kind, language: input.language }, delimiters) });
    messages.push({ role: 'assistant', content: JSON.stringify(example.answer) });
  }
  messages.push({ role: 'user', content: userMessage(prompts, input, delimiters) });
  return messages;
}
