/**
 * Country codes (ISO 3166-1 alpha-2) with report and emergency contacts in rules/advice/<lang>.yaml: the places
 * Safeword's families and students abroad most often are, and Spain and Mexico for its Spanish readers. The advice files must have exactly these entries
 * (checked when the rules load), each naming the official pages its numbers come from.
 */
export const COUNTRIES = ['CN', 'US', 'GB', 'AU', 'CA', 'NZ', 'SG', 'MY', 'HK', 'TW', 'JP', 'KR', 'DE', 'FR', 'IE', 'NL', 'ES', 'MX'] as const;

/** A supported country code. */
export type Country = (typeof COUNTRIES)[number];

/** Whether a (case-insensitive) code names a supported country; returns the upper-case code or undefined. */
export function parseCountryCode(value: string): Country | undefined {
  const code = value.trim().toUpperCase();
  return (COUNTRIES as readonly string[]).includes(code) ? (code as Country) : undefined;
}
