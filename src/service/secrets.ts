/** Names of environment variables that hold credentials. */
const SECRET_NAME = /(TOKEN|SECRET|KEY|PASSWORD|PASS)(_|$)/i;

/**
 * Every credential found in the environment, for the logger to redact: values of variables named like
 * *_TOKEN, *_SECRET, *_KEY, *_PASSWORD, and passwords inside URLs (redis://:password@host).
 */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.trim().length < 4) continue;
    if (SECRET_NAME.test(name)) secrets.add(value.trim());
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        if (url.password) {
          secrets.add(url.password);
          secrets.add(decodeURIComponent(url.password));
        }
      } catch {
        // Not a URL after all.
      }
    }
  }
  return [...secrets];
}
