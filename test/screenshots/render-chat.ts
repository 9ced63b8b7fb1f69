/**
 * Renders a chat script as a phone screenshot (PNG) in one app layout, with @napi-rs/canvas (Skia, prebuilt for
 * Linux in the npm package, so it installs offline with `npm ci`) and Debian's Noto CJK fonts (`fonts-noto-cjk`).
 * The picture has what a real screenshot has around the bubbles: a status bar, the chat title, timestamps, avatars,
 * receipts, an input bar — everything the image pipeline must leave out of the conversation.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import type { AppLabel, ChatLayout } from './chat-layouts.ts';
import type { ChatScript, ChatSide } from './chat-scripts.ts';

/** Where Debian's fonts-noto-cjk puts its Sans collection. */
export const NOTO_CJK_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

let fontsLoaded = false;

/** True when the CJK font is installed (`apt-get install fonts-noto-cjk`); .ci/run installs it. */
export function fontsAvailable(): boolean {
  if (!existsSync(NOTO_CJK_PATH)) return false;
  if (!fontsLoaded) {
    GlobalFonts.registerFromPath(NOTO_CJK_PATH);
    fontsLoaded = true;
  }
  return true;
}

/** A rendered screenshot and what its bubbles say (the ground truth). */
export interface RenderedChat {
  png: Buffer;
  width: number;
  height: number;
  bubbles: Array<{ side: ChatSide; text: string }>;
}

/** The app's own label in the phone's language: the script's (Chinese for both Chinese scripts). */
function label(text: AppLabel, script: ChatScript['script']): string {
  return script === 'en' || script === 'es' ? text[script] : text.zh;
}

function fontFamily(script: ChatScript['script']): string {
  return script === 'zh-Hant' ? "'Noto Sans CJK TC'" : "'Noto Sans CJK SC'";
}

/** Splits text into lines no wider than `maxWidth`: at spaces for English, between any characters for Chinese. */
function wrap(context: SKRSContext2D, text: string, maxWidth: number): string[] {
  const units = /[\u3400-\u9fff]/.test(text) ? [...text] : text.split(/(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    const candidate = line + unit;
    // A closing mark never starts a line (the apps' line breaking keeps "。" and "，" with the text before it).
    const closing = /^[，。！？、；：）」』”]$/.test(unit);
    if (line !== '' && !closing && context.measureText(candidate.trimEnd()).width > maxWidth) {
      lines.push(line.trimEnd());
      line = unit.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function roundedRect(context: SKRSContext2D, x: number, y: number, width: number, height: number, radius: number): void {
  context.beginPath();
  context.roundRect(x, y, width, height, radius);
  context.fill();
}

function timeOf(items: ChatScript['items'], index: number): string {
  for (let i = index; i >= 0; i--) {
    const item = items[i];
    if (item && 'time' in item) return /(\d{1,2}:\d{2})/.exec(item.time)?.[1] ?? '10:24';
  }
  return '10:24';
}

/** Renders one script in one layout. Throws when the CJK font is missing. */
export function renderChat(script: ChatScript, layout: ChatLayout): RenderedChat {
  if (!fontsAvailable()) throw new Error(`font missing: ${NOTO_CJK_PATH} (apt-get install fonts-noto-cjk)`);
  const { width, height, scale } = layout;
  const canvas = createCanvas(width * scale, height * scale);
  const context = canvas.getContext('2d');
  context.scale(scale, scale);
  const family = fontFamily(script.script);
  const font = (size: number, weight = 400): string => `${weight} ${size}px ${family}`;

  context.fillStyle = layout.background;
  context.fillRect(0, 0, width, height);

  // Status bar and chat header.
  const statusHeight = 44;
  const headerHeight = 50;
  context.fillStyle = layout.header.background;
  context.fillRect(0, 0, width, statusHeight + headerHeight);
  context.fillStyle = layout.statusText;
  context.font = font(15, 600);
  context.textBaseline = 'middle';
  context.fillText('9:41', 24, statusHeight / 2);
  context.textAlign = 'right';
  context.fillText('5G  87%', width - 20, statusHeight / 2);
  context.textAlign = 'left';
  context.fillStyle = layout.header.text;
  context.font = font(17, 600);
  const titleY = statusHeight + headerHeight / 2 - (layout.header.subtitle ? 7 : 0);
  if (layout.header.align === 'center') {
    context.textAlign = 'center';
    context.fillText(script.title, width / 2, titleY);
    context.textAlign = 'left';
  } else {
    context.fillText(script.title, 64, titleY);
    if (layout.header.subtitle) {
      context.font = font(12);
      context.fillText(layout.header.subtitle, 64, titleY + 17);
    }
  }
  context.font = font(22, 300);
  context.fillText('‹', 12, statusHeight + headerHeight / 2);

  // Bubbles.
  const avatarSize = 40;
  const margin = 12;
  const padding = { x: 12, y: 9 };
  const lineHeight = layout.fontSize * 1.45;
  const maxText = width * 0.68 - 2 * padding.x - (layout.avatars === 'none' ? 0 : avatarSize / 2);
  const bubbles: RenderedChat['bubbles'] = [];
  let y = statusHeight + headerHeight + 16;
  const lastUser = script.items.findLastIndex((item) => 'side' in item && item.side === 'user');
  script.items.forEach((item, index) => {
    if ('time' in item) {
      context.font = font(12);
      context.fillStyle = layout.timestamp;
      context.textAlign = 'center';
      context.fillText(item.time, width / 2, y + 10);
      context.textAlign = 'left';
      y += 32;
      return;
    }
    bubbles.push({ side: item.side, text: item.text });
    context.font = font(layout.fontSize);
    const lines = wrap(context, item.text, maxText);
    const textWidth = Math.max(...lines.map((line) => context.measureText(line).width));
    const timeRow = layout.bubbleTime === 'inside' ? 16 : 0;
    const bubbleWidth = textWidth + 2 * padding.x;
    const bubbleHeight = lines.length * lineHeight + 2 * padding.y + timeRow;
    const left = item.side === 'other';
    const avatarGap = layout.avatars === 'both' || (layout.avatars === 'left' && left) ? avatarSize + 8 : 0;
    const x = left ? margin + avatarGap : width - margin - avatarGap - bubbleWidth;
    if (avatarGap > 0) {
      context.fillStyle = left ? '#7A9CC6' : '#C69A7A';
      context.fillRect(left ? margin : width - margin - avatarSize, y, avatarSize, avatarSize);
    }
    const colors = left ? layout.left : layout.right;
    context.fillStyle = colors.fill;
    roundedRect(context, x, y, bubbleWidth, bubbleHeight, layout.radius);
    context.fillStyle = colors.text;
    context.font = font(layout.fontSize);
    lines.forEach((line, lineIndex) => context.fillText(line, x + padding.x, y + padding.y + lineHeight * (lineIndex + 0.5)));
    const time = timeOf(script.items, index);
    if (layout.bubbleTime === 'inside') {
      context.font = font(11);
      context.fillStyle = layout.timestamp;
      context.textAlign = 'right';
      context.fillText(time, x + bubbleWidth - 8, y + bubbleHeight - 10);
      context.textAlign = 'left';
    } else if (layout.bubbleTime === 'beside') {
      context.font = font(10);
      context.fillStyle = layout.timestamp;
      context.textAlign = left ? 'left' : 'right';
      const besideX = left ? x + bubbleWidth + 4 : x - 4;
      if (!left) context.fillText(label({ en: 'Read', zh: script.script === 'zh-Hant' ? '已讀' : '已读', es: 'Leído' }, script.script), besideX, y + bubbleHeight - 20);
      context.fillText(time, besideX, y + bubbleHeight - 7);
      context.textAlign = 'left';
    }
    y += bubbleHeight + 12;
    if (index === lastUser && layout.receipt) {
      context.font = font(11, 500);
      context.fillStyle = layout.timestamp;
      context.textAlign = 'right';
      context.fillText(label(layout.receipt, script.script), width - margin - 4, y + 2);
      context.textAlign = 'left';
      y += 16;
    }
  });

  // Input bar.
  const inputHeight = 56;
  context.fillStyle = layout.input.background;
  context.fillRect(0, height - inputHeight - 20, width, inputHeight + 20);
  context.fillStyle = layout.input.field;
  roundedRect(context, 48, height - inputHeight - 12, width - 100, 38, 19);
  if (layout.input.placeholder) {
    context.fillStyle = layout.timestamp;
    context.font = font(16);
    context.fillText(label(layout.input.placeholder, script.script), 64, height - inputHeight + 7);
  }
  return { png: canvas.toBuffer('image/png'), width: width * scale, height: height * scale, bubbles };
}
