import { CHAT_LAYOUTS, type ChatLayout } from './chat-layouts.ts';
import { CHAT_SCRIPTS, type ChatScript } from './chat-scripts.ts';
import { renderChat, type RenderedChat } from './render-chat.ts';

/** One screenshot of the generated set, rendered on demand. */
export interface Screenshot {
  name: string;
  script: ChatScript;
  layout: ChatLayout;
  render: () => RenderedChat;
}

/**
 * The generated set: every script in every layout (5 apps × light/dark), or with `perScript`, that many layouts
 * per script, rotating through the apps so each script still meets both modes (a short set for `npm test`).
 * `scripts`: other chats than the generated set's (bench/spanish-holdout-chats.ts).
 */
export function screenshotSet(perScript?: number, scripts: readonly ChatScript[] = CHAT_SCRIPTS): Screenshot[] {
  const shots: Screenshot[] = [];
  scripts.forEach((script, scriptIndex) => {
    const layouts = perScript === undefined ? CHAT_LAYOUTS : Array.from({ length: perScript }, (_, i) => CHAT_LAYOUTS[(scriptIndex * 3 + i * 5) % CHAT_LAYOUTS.length] as ChatLayout);
    for (const layout of layouts) {
      let rendered: RenderedChat | undefined;
      shots.push({ name: `${script.id}-${layout.app}-${layout.mode}`, script, layout, render: () => (rendered ??= renderChat(script, layout)) });
    }
  });
  return shots;
}
