import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebPage, escapeHtml, pageLanguage } from '../../../adapters/http/page.ts';
import { createLogger } from '../../../src/service/logger.ts';
import { closeServer, listen } from '../../../src/core/listen.ts';
import { createHttpServer } from '../../../adapters/http/server.ts';
import { createFakeChecker } from '../../service/fake-checker.ts';
import { countHanScripts } from '../../../src/core/chinese-script.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createHttpServer({ checker: createFakeChecker(), logger: createLogger({ level: 'silent' }), maxBodyBytes: 4096, page: createWebPage() });
  base = `http://127.0.0.1:${(await listen(server, '127.0.0.1', 0)).port}`;
});
afterAll(() => closeServer(server));

describe('web page', () => {
  it('serves the page in English by default with every placeholder filled and a strict CSP', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Is this a scam?');
    expect(html).not.toMatch(/\{\{\w+\}\}/);
    expect(html).not.toMatch(/<script>(?!<)/);
    const texts = JSON.parse(/<script type="application\/json" id="texts">(.*?)<\/script>/s.exec(html)?.[1] ?? '');
    expect(texts.reply.zh.steps).toMatch(/[\u4e00-\u9fff]/);
    expect(texts.ui.check).toBe('Check');
  });

  it('serves Chinese by ?lang=zh and by Accept-Language', async () => {
    expect(await (await fetch(`${base}/?lang=zh`)).text()).toContain('<html lang="zh">');
    const byHeader = await (await fetch(`${base}/`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).text();
    expect(byHeader).toContain('这是诈骗吗？');
    expect(byHeader).not.toContain('Is this a scam?');
  });

  it('serves Spanish by ?lang=es and for es-* browsers, and offers Spanish as a reply language on every page', async () => {
    const html = await (await fetch(`${base}/?lang=es`)).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('¿Es una estafa?');
    expect(html).not.toContain('Is this a scam?');
    const json = /<script type="application\/json" id="texts">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json).reply.es.steps).toBe('Qué hacer ahora');
    expect(await (await fetch(`${base}/`, { headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' } })).text()).toContain('<html lang="es">');
    for (const page of ['en', 'zh', 'zh-Hant']) {
      const other = await (await fetch(`${base}/?lang=${page}`)).text();
      expect(other).toContain('<option value="es" lang="es">Español</option>');
      expect(other).toContain('hreflang="es"');
    }
  });

  it('serves Traditional Chinese by ?lang=zh-Hant and for zh-TW browsers, in one script only', async () => {
    const html = await (await fetch(`${base}/?lang=zh-Hant`)).text();
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('這是詐騙嗎？');
    expect(html).toContain('<option value="zh-Hant" lang="zh-Hant">繁體中文</option>');
    // Language names are each in their own script, and the result headings of every reply language ride along
    // as data (a reply is headed in its own language); everything else on the page is Traditional.
    const json = /<script type="application\/json" id="texts">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(countHanScripts(html.replace(json, '').replaceAll('简体中文', '')).simplified).toBe(0);
    const texts = JSON.parse(json);
    expect(texts.reply['zh-Hant'].steps).toBe('現在該怎麼做');
    expect(countHanScripts(JSON.stringify(texts.ui) + JSON.stringify(texts.reply['zh-Hant'])).simplified).toBe(0);
    const byHeader = await (await fetch(`${base}/`, { headers: { 'accept-language': 'zh-TW,zh;q=0.9' } })).text();
    expect(byHeader).toContain('<html lang="zh-Hant">');
    expect(await (await fetch(`${base}/?lang=en`)).text()).toContain('hreflang="zh-Hant"');
  });

  it('serves the script and the stylesheet, and 404 for anything else', async () => {
    const script = await fetch(`${base}/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain("fetch('/v1/check'");
    expect((await fetch(`${base}/style.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${base}/secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/../package.json`)).status).toBe(404);
  });

  it('the script never inserts HTML', async () => {
    const script = await (await fetch(`${base}/app.js`)).text();
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('page helpers', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'\n</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&#10;&lt;/a&gt;');
  });
  it('picks the page language', () => {
    expect(pageLanguage(new URL('http://x/?lang=zh'), 'en')).toBe('zh');
    expect(pageLanguage(new URL('http://x/?lang=de'), 'de-DE, zh-CN;q=0.5')).toBe('zh');
    expect(pageLanguage(new URL('http://x/?lang=de'), 'de-DE, zh-TW;q=0.5')).toBe('zh-Hant');
    expect(pageLanguage(new URL('http://x/?lang=fr'), 'en')).toBe('fr');
    expect(pageLanguage(new URL('http://x/'), 'fr-CA, en;q=0.5')).toBe('fr');
    expect(pageLanguage(new URL('http://x/'), 'zh-Hant-HK, en;q=0.5')).toBe('zh-Hant');
    expect(pageLanguage(new URL('http://x/?lang=zh-Hant'), 'en')).toBe('zh-Hant');
    expect(pageLanguage(new URL('http://x/?lang=zh-hk'), 'en')).toBe('zh-Hant');
    expect(pageLanguage(new URL('http://x/'), undefined)).toBe('en');
    expect(pageLanguage(new URL('http://x/?lang=es-419'), 'en')).toBe('es');
    expect(pageLanguage(new URL('http://x/'), 'de-DE, es-AR;q=0.8, en;q=0.5')).toBe('es');
  });
});
