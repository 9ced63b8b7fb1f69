import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebPage } from '../../../adapters/http/page.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { closeServer, listen } from '../../../src/core/listen.ts';
import { createHttpServer } from '../../../adapters/http/server.ts';
import { createLogger } from '../../../src/service/logger.ts';
import { createFakeChecker, makeVerdict } from '../../service/fake-checker.ts';

/**
 * The page script (adapters/http/static/app.js) run against a small stand-in for the DOM it uses, with the
 * real fetch talking to the real HTTP server. No browser needed: the script only uses getElementById,
 * querySelector, createElement, textContent, hidden, dataset and form elements.
 */
class FakeElement {
  readonly tagName: string;
  id = '';
  hidden = false;
  disabled = false;
  value = '';
  lang = '';
  className = '';
  placeholder = '';
  textContent = '';
  readonly dataset: Record<string, string> = {};
  children: FakeElement[] = [];
  private readonly listeners = new Map<string, Array<(event: unknown) => void>>();

  constructor(tagName: string, id = '', children: FakeElement[] = []) {
    this.tagName = tagName.toUpperCase();
    this.id = id;
    this.children = children;
  }
  querySelector(selector: string): FakeElement | null {
    const tags = selector.split(',').map((tag) => tag.trim().toUpperCase());
    return this.children.find((child) => tags.includes(child.tagName)) ?? null;
  }
  replaceChildren(...children: FakeElement[]): void {
    this.children = children;
  }
  append(...children: FakeElement[]): void {
    this.children.push(...children);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: Record<string, unknown> = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ preventDefault: () => undefined, ...event });
  }
  focus(): void {}
  scrollIntoView(): void {}
  /** All text inside, children included. */
  get allText(): string {
    return [this.textContent, ...this.children.map((child) => child.allText)].filter(Boolean).join(' ');
  }
}

interface Page {
  element(id: string): FakeElement;
  /** Pastes `text` and presses Check; resolves when the button is enabled again. */
  check(text: string): Promise<void>;
}

function loadPage(base: string, html: string): Page {
  const elements = new Map<string, FakeElement>();
  const add = (element: FakeElement): FakeElement => {
    elements.set(element.id, element);
    return element;
  };
  const texts = add(new FakeElement('script', 'texts'));
  texts.textContent = /<script type="application\/json" id="texts">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
  for (const id of ['text', 'check', 'error', 'result', 'result-level', 'result-title', 'result-reason', 'result-details', 'result-details-label', 'result-summary', 'result-notes', 'result-footer', 'image', 'image-drop', 'image-chosen', 'image-clear']) {
    add(new FakeElement(id === 'text' ? 'textarea' : 'div', id));
  }
  elements.get('error')!.hidden = true;
  elements.get('result')!.hidden = true;
  for (const [id, list] of [['result-actions', 'ol'], ['result-why', 'ul'], ['result-evidence', 'ul'], ['result-steps', 'ul']] as const) {
    add(new FakeElement('div', id, [new FakeElement('h4'), new FakeElement(list)])).hidden = true;
  }
  const message = Object.assign(new FakeElement('input'), { value: 'message' });
  const kind = Object.assign([message], { value: 'message' });
  const form = add(new FakeElement('form', 'check-form'));
  Object.assign(form, { elements: { kind, language: { value: '' }, country: { value: '' } } });

  let running: Promise<unknown> = Promise.resolve();
  const document = {
    documentElement: { lang: /<html lang="([^"]*)"/.exec(html)?.[1] ?? '' },
    getElementById: (id: string) => elements.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
    addEventListener: () => undefined,
  };
  const trackedFetch = (path: string, init: RequestInit) => {
    const call = fetch(new URL(path, base), init);
    running = call;
    return call;
  };
  runInNewContext(readFileSync(new URL('../../../adapters/http/static/app.js', import.meta.url), 'utf8'), {
    document,
    fetch: trackedFetch,
    TextDecoder,
    JSON,
    String,
  });
  const button = elements.get('check')!;
  return {
    element: (id) => elements.get(id)!,
    async check(text) {
      elements.get('text')!.value = text;
      form.dispatch('submit');
      await running;
      for (let waited = 0; button.disabled && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(button.disabled).toBe(false);
    },
  };
}

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

async function serve(options: Parameters<typeof createFakeChecker>[0], maxBodyBytes = 4096): Promise<{ base: string; html: (lang: string) => Promise<string> }> {
  server = createHttpServer({ checker: createFakeChecker(options), logger: createLogger({ level: 'silent' }), maxBodyBytes, page: createWebPage() });
  const base = `http://127.0.0.1:${(await listen(server, '127.0.0.1', 0)).port}`;
  return { base, html: async (lang) => (await fetch(`${base}/?lang=${lang}`)).text() };
}

describe('the web page script', () => {
  it('shows the instant reply at once and replaces it with the refined one when the second opinion arrives', async () => {
    let release: (verdict: Verdict) => void = () => undefined;
    const { base, html } = await serve({
      secondOpinion: 'on',
      level: () => 'medium',
      refine: (instant) => new Promise<Verdict>((resolve) => (release = resolve)).then(() => ({ ...instant, level: 'high', secondOpinion: { status: 'ok', label: 'scam' } })),
    });
    const page = loadPage(base, await html('zh'));
    const done = page.check('妈，是我，我换号码了，出事了，快给我转五千块');
    for (let waited = 0; page.element('result').hidden && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(page.element('result').hidden).toBe(false);
    expect(page.element('result').dataset.level).toBe('medium');
    expect(page.element('check').disabled).toBe(true);
    release(makeVerdict({ kind: 'message', text: 'x' }, 'high'));
    await done;
    expect(page.element('result').dataset.level).toBe('high');
    expect(page.element('error').hidden).toBe(true);
  });

  it('hides the previous result when the next check fails, so an old answer never stands for a new text', async () => {
    const { base, html } = await serve({ level: () => 'none' }, 200);
    const page = loadPage(base, await html('en'));
    await page.check('Hi, can you pick me up at six?');
    expect(page.element('result').hidden).toBe(false);
    expect(page.element('result').dataset.level).toBe('none');

    await page.check(`This is the police. Transfer your savings to a safe account. ${'x'.repeat(300)}`);
    expect(page.element('error').hidden).toBe(false);
    expect(page.element('error').textContent).toMatch(/too long/);
    expect(page.element('result').hidden).toBe(true);
  });
});
