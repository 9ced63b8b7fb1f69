import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COUNTRIES, languageFromTag, LANGUAGES, loadTexts, textOf, type Language, type TextTable } from '../../src/core/index.ts';

/** Serves a GET path; false when the path is not the page's. Matches the HTTP server's PageHandler. */
export type WebPageHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;

const STATIC_DIR = new URL('./static/', import.meta.url);

/** Content Security Policy: only this origin's script, style and API; no inline script, no framing. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Escapes text for HTML element content and attribute values (newlines kept as character references). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '&#10;');
}

/** Each page language by its own name, for the links between the pages (the same words in every language). */
const LANGUAGE_ENDONYMS: Record<Language, string> = { en: 'English', zh: '简体中文', 'zh-Hant': '繁體中文', es: 'Español', fr: 'Français' };

/** The page language a tag names: `en`, `zh`, `zh-Hant`, `es`, a regional tag (`zh-TW`, `zh-HK` → Traditional, `es-MX`), or `zh-Hant-TW`. */
function tagLanguage(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith('zh-hant')) return 'zh-Hant';
  if (lower.startsWith('zh-hans')) return 'zh';
  return languageFromTag(lower) ?? languageFromTag(lower.split('-')[0]);
}

/**
 * The page language: `?lang=` when valid, else the first supported language in Accept-Language (zh-TW and
 * zh-HK read Traditional characters), else English.
 */
export function pageLanguage(url: URL, acceptLanguage: string | undefined): Language {
  const requested = tagLanguage(url.searchParams.get('lang') ?? '');
  if (requested) return requested;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const language = tagLanguage(part.split(';')[0] ?? '');
    if (language) return language;
  }
  return 'en';
}

/** Renders the page for one language: `{{id}}` placeholders filled from locales/<lang>/web.yaml. */
function renderPage(template: string, language: Language, table: TextTable): string {
  const text = (language_: Language, key: string): string => textOf(table, language_, key) ?? '';
  const clientTexts = {
    // The reply comes in the page's language unless the user picks another (or the text's own).
    pageLanguage: language,
    ui: {
      check: text(language, 'web.check'),
      checking: text(language, 'web.checking'),
      error_empty: text(language, 'web.error_empty'),
      error_network: text(language, 'web.error_network'),
      error_server: text(language, 'web.error_server'),
      error_too_long: text(language, 'web.error_too_long'),
      image_chosen: text(language, 'web.image_chosen'),
      image_hint: text(language, 'web.image_hint'),
      reading: text(language, 'image.reading'),
    },
    // Result headings follow the reply's language, so a reply is never mixed.
    reply: Object.fromEntries(
      LANGUAGES.map((replyLanguage) => [
        replyLanguage,
        {
          risk: text(replyLanguage, 'web.risk_level'),
          why: text(replyLanguage, 'core.heading.why'),
          evidence: text(replyLanguage, 'core.heading.evidence'),
          steps: text(replyLanguage, 'core.heading.steps'),
          moreSteps: text(replyLanguage, 'core.heading.more_steps'),
          details: text(replyLanguage, 'core.heading.details'),
        },
      ]),
    ),
  };
  // JSON inside <script type="application/json">: escape "<" so the text cannot close the element.
  const textsJson = JSON.stringify(clientTexts).replace(/</g, '\\u003c');
  return template.replace(/\{\{(\w+)\}\}/g, (whole, id: string) => {
    if (id === 'lang') return language;
    if (id === 'texts_json') return textsJson;
    if (id === 'country_options') {
      return COUNTRIES.map((code) => `            <option value="${code}">${escapeHtml(text(language, `core.country.${code}`))}</option>`).join('\n');
    }
    if (id === 'language_links') {
      return LANGUAGES.filter((other) => other !== language)
        .map((other) => `<a class="switch" href="/?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(LANGUAGE_ENDONYMS[other])}</a>`)
        .join(' ');
    }
    const value = textOf(table, language, `web.${id}`);
    if (value === undefined) throw new Error(`adapters/http/static/index.html: unknown text "web.${id}"`);
    return escapeHtml(value);
  });
}

/**
 * The local web page: GET / (in English, Simplified or Traditional Chinese or Spanish by `?lang=` or Accept-Language),
 * /app.js, /style.css and /favicon.svg. The page posts to /v1/check and shows the reply document; it keeps nothing.
 */
export function createWebPage(): WebPageHandler {
  const table = loadTexts();
  const template = readFileSync(new URL('index.html', STATIC_DIR), 'utf8');
  // Rendered on first request: the Traditional page is converted from the Simplified texts (traditional.ts).
  const pages = new Map<Language, string>();
  const page = (language: Language): string => {
    let body = pages.get(language);
    if (body === undefined) {
      body = renderPage(template, language, table);
      pages.set(language, body);
    }
    return body;
  };
  const assets: Record<string, { type: string; body: string }> = {
    '/app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', STATIC_DIR), 'utf8') },
    '/style.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('style.css', STATIC_DIR), 'utf8') },
    '/favicon.svg': { type: 'image/svg+xml', body: readFileSync(new URL('favicon.svg', STATIC_DIR), 'utf8') },
  };

  return (request, response, url) => {
    let type: string;
    let body: string;
    const asset = assets[url.pathname];
    if (url.pathname === '/' || url.pathname === '/index.html') {
      type = 'text/html; charset=utf-8';
      body = page(pageLanguage(url, request.headers['accept-language']));
    } else if (asset) {
      ({ type, body } = asset);
    } else {
      return false;
    }
    response.writeHead(200, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      vary: 'accept-language',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
