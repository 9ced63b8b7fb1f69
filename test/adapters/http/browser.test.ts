import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../src/service/main.ts';

/**
 * The web page in a real browser: Debian's Chromium (`apt-get install chromium`, done by .ci/run) driven by
 * playwright-core against the real service (rules only, memory store) on 127.0.0.1. Keyboard only, at a
 * phone's and a desktop's width, in English and Chinese; every console error fails the test; screenshots
 * go to test-artifacts/ (kept by CI, ignored by git).
 */
// The functions passed to page.evaluate run in the browser; these module-local declarations type them without
// adding the DOM library to the whole (Node) project.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: (element: any) => { color: string; backgroundColor: string; fontStyle: string };
declare const NodeFilter: { SHOW_TEXT: number };
type Element = any;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url);
// On a developer machine without Chromium the suite is skipped; in CI (.ci/run installs it) it must run.
const available = existsSync(CHROMIUM) || process.env.CI !== undefined;

const SIZES = { phone: { width: 320, height: 640 }, desktop: { width: 1280, height: 800 } } as const;
const TEXTS = {
  en: {
    scam: 'This is the police. Your bank account is linked to a crime. Transfer your savings to a safe account today and tell no one.',
    benign: 'Hi, dinner is at seven tonight, see you at the restaurant.',
  },
  zh: {
    scam: '我是公安局的民警，你的银行账户涉嫌洗钱，必须把存款转到安全账户，不要告诉任何人。',
    benign: '今晚七点在老地方吃饭，别迟到。',
  },
} as const;

let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  service = await startService(
    { PORT: '0', HOST: '127.0.0.1', STORE_URL: 'memory:', LOG_LEVEL: 'error', PATH: process.env.PATH },
    { cwd: mkdtempSync(join(tmpdir(), 'safeword-browser-')), logWrite: () => undefined },
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** Opens the page and records every console error and uncaught page error. */
async function open(size: keyof typeof SIZES, language: 'en' | 'zh'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: SIZES[size] });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${service.url}/?lang=${language}`);
  return { page, errors };
}

/** Reaches the text box with Tab alone, types, and presses Check with Enter on the focused button. */
async function checkByKeyboard(page: Page, text: string): Promise<void> {
  for (let presses = 0; presses < 12; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'text')) break;
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('text');
  await page.keyboard.insertText(text);
  for (let presses = 0; presses < 8; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'check')) break;
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('check');
  await page.keyboard.press('Enter');
  await page.locator('#result:not([hidden])').waitFor({ timeout: 10_000 });
}

/** Lowest contrast ratio between any visible text and the background behind it. */
function lowestContrast(page: Page): Promise<{ ratio: number; where: string }> {
  return page.evaluate(() => {
    const parse = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
      const channel = (value: number): number => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element: Element | null): number[] => {
      for (let current = element; current; current = current.parentElement) {
        const color = parse(getComputedStyle(current).backgroundColor);
        if (color.length === 3 || (color[3] ?? 0) > 0) return color.slice(0, 3);
      }
      return [255, 255, 255];
    };
    let lowest = { ratio: 21, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent?.trim() || element.closest('[hidden], script, .visually-hidden, option')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const front = luminance(parse(getComputedStyle(element).color));
      const back = luminance(background(element));
      const ratio = (Math.max(front, back) + 0.05) / (Math.min(front, back) + 0.05);
      if (ratio < lowest.ratio) lowest = { ratio, where: `${element.tagName.toLowerCase()}.${element.className}: ${node.textContent.trim().slice(0, 30)}` };
    }
    return lowest;
  });
}

describe.skipIf(!available)('web page in a real browser', () => {
  for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
    for (const language of ['en', 'zh'] as const) {
      it(`checks a scam and a benign text by keyboard, ${language}, ${size}`, async () => {
        const { page, errors } = await open(size, language);
        try {
          expect(await page.getAttribute('html', 'lang')).toBe(language);
          expect(await page.locator('#language').inputValue()).toBe(language);
          const iconType = await page.evaluate(async () => (await fetch('/favicon.svg')).headers.get('content-type'));
          expect(iconType).toMatch(/svg/);

          await checkByKeyboard(page, TEXTS[language].scam);
          expect(await page.getAttribute('#result', 'data-level')).toBe('high');
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('result');
          expect(await page.getAttribute('#result', 'aria-live')).toBe('polite');
          expect(await page.getAttribute('#result', 'lang')).toBe(language);
          // Short first: three actions and one reason in view, the rest behind a closed "Details".
          const actions = await page.locator('#result-actions li').allTextContents();
          expect(actions).toHaveLength(3);
          if (language === 'zh') expect(actions.join('')).toMatch(/\p{Script=Han}/u);
          expect(await page.locator('#result-reason').isVisible()).toBe(true);
          expect(await page.locator('#result-evidence').isVisible()).toBe(false);
          // Open the details from the keyboard: Tab from the result reaches their summary.
          await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-details-label');
          await page.keyboard.press('Enter');
          expect(await page.locator('#result-evidence').isVisible()).toBe(true);
          expect(await page.locator('#result-steps li').count()).toBeGreaterThan(0);
          // Chinese is never set in italics (nor are the quotes in English).
          const styles = await page.locator('#result *').evaluateAll((elements) => elements.map((element) => getComputedStyle(element).fontStyle));
          expect(styles.filter((style) => style !== 'normal')).toEqual([]);
          const contrast = await lowestContrast(page);
          expect(contrast.ratio, contrast.where).toBeGreaterThanOrEqual(4.5);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({ path: new URL(`web-${language}-${size}-scam.png`, ARTIFACTS).pathname, fullPage: true });

          await page.locator('#text').fill('');
          await page.locator('#text').focus();
          await checkByKeyboard(page, TEXTS[language].benign);
          expect(['none', 'low']).toContain(await page.getAttribute('#result', 'data-level'));
          const title = await page.locator('#result-title').textContent();
          expect(title).not.toMatch(/\bsafe\b|安全的/i);
          expect((await lowestContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
          await page.screenshot({ path: new URL(`web-${language}-${size}-benign.png`, ARTIFACTS).pathname, fullPage: true });
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }

  it('sends the chosen country and shows its report contacts', async () => {
    const { page, errors } = await open('desktop', 'en');
    try {
      await page.locator('#country').selectOption('AU');
      await page.locator('#text').fill(TEXTS.en.scam);
      await page.locator('#check').click();
      await page.locator('#result:not([hidden])').waitFor();
      await page.locator('#result-details-label').click();
      expect((await page.locator('#result-steps li').allTextContents()).join(' ')).toContain('000');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
