import { z } from 'zod';

/**
 * The scam tactics Safeword knows. Rules and the LLM classifier share this list, so a tactic named by the
 * model maps onto the same advice and wording as a rule hit.
 */
export const CATEGORIES = [
  'authority',
  'isolation',
  'payment',
  'threat',
  'remote_control',
  'kidnapping',
  'family_emergency',
  'credentials',
  'phishing_link',
  'verification_dodge',
  'ai_instruction',
] as const;

/** One scam tactic. */
export type Category = (typeof CATEGORIES)[number];

/** zod schema for a category name. */
export const CategorySchema = z.enum(CATEGORIES);
