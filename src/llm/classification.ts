import { z } from 'zod';
import { CategorySchema } from '../core/categories.ts';

/** The model's labels, most alarming first. */
export const LABELS = ['scam', 'suspicious', 'unclear', 'legitimate'] as const;
/** The model's label. */
export type Label = (typeof LABELS)[number];

/** Longest explanation kept; longer ones are cut at a word boundary. */
const MAX_EXPLANATION_LENGTH = 400;

/**
 * The model's answer. `reasoning` comes first so the model writes its analysis before it commits to a
 * label. Tactics use the same category list as the rules.
 */
export const ClassificationSchema = z.object({
  reasoning: z.string(),
  label: z.enum(LABELS),
  confidence: z.number().min(0).max(1),
  tactics: z.array(CategorySchema),
  explanation: z.string(),
});
/** The model's answer. */
export type Classification = z.infer<typeof ClassificationSchema>;

/** What is kept of an answer (cached, shown): everything but the reasoning, which may quote the message. */
export type Opinion = Omit<Classification, 'reasoning'>;

/** zod schema for a kept answer (validates cache entries on the way back in). */
export const OpinionSchema = ClassificationSchema.omit({ reasoning: true });

let wireSchema: Record<string, unknown> | undefined;

/** The JSON Schema sent as `response_format.json_schema.schema` (strict mode: every field required, no extras). */
export function classificationJsonSchema(): Record<string, unknown> {
  if (!wireSchema) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(ClassificationSchema) as Record<string, unknown>;
    wireSchema = schema;
  }
  return wireSchema;
}

/** Cuts an explanation to {@link MAX_EXPLANATION_LENGTH}, at a space when there is one near the end. */
function clipExplanation(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= MAX_EXPLANATION_LENGTH) return trimmed;
  const cut = trimmed.slice(0, MAX_EXPLANATION_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_EXPLANATION_LENGTH * 0.8 ? cut.slice(0, space) : cut}…`;
}

/**
 * Reads the model's reply into a {@link Classification}, or undefined when it is not one: the text must be
 * one JSON object (a surrounding ```json fence is tolerated) that validates against the schema. Duplicate
 * tactics are dropped and a long explanation is clipped.
 */
export function parseClassification(content: string | null | undefined): Classification | undefined {
  if (typeof content !== 'string') return undefined;
  let body = content.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(body);
  if (fenced) body = (fenced[1] ?? '').trim();
  if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = ClassificationSchema.safeParse(data);
  if (!parsed.success) return undefined;
  return { ...parsed.data, tactics: [...new Set(parsed.data.tactics)], explanation: clipExplanation(parsed.data.explanation) };
}
