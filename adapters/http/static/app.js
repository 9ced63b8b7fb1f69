// Safeword web page: sends the text to POST /v1/check and shows the reply. Streams both phases
// (instant rules verdict, then the AI second opinion when one is configured) as NDJSON.
// All user and server text is inserted with textContent, never as HTML.
'use strict';

const texts = JSON.parse(document.getElementById('texts').textContent);
const form = document.getElementById('check-form');
const textArea = document.getElementById('text');
const button = document.getElementById('check');
const errorBox = document.getElementById('error');
const result = document.getElementById('result');
const imageInput = document.getElementById('image');
const imageDrop = document.getElementById('image-drop');
const imageChosen = document.getElementById('image-chosen');
const imageClear = document.getElementById('image-clear');
form.elements.language.value = texts.pageLanguage;

// Screenshots: chosen, dropped or pasted files are sent as multipart to the same API.
let images = [];
function setImages(files) {
  images = [...files].filter((file) => file.type.startsWith('image/') || /\.(heic|heif)$/i.test(file.name));
  imageChosen.textContent = images.length > 0 ? fill(texts.ui.image_chosen, { names: images.map((file) => file.name || 'image').join(', ') }) : texts.ui.image_hint;
  imageClear.hidden = images.length === 0;
}
imageInput.addEventListener('change', () => setImages(imageInput.files));
imageClear.addEventListener('click', () => {
  imageInput.value = '';
  setImages([]);
});
imageDrop.addEventListener('dragover', (event) => {
  event.preventDefault();
  imageDrop.classList.add('dragging');
});
imageDrop.addEventListener('dragleave', () => imageDrop.classList.remove('dragging'));
imageDrop.addEventListener('drop', (event) => {
  event.preventDefault();
  imageDrop.classList.remove('dragging');
  setImages(event.dataTransfer.files);
});
document.addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.files ?? [])];
  if (files.some((file) => file.type.startsWith('image/'))) {
    event.preventDefault();
    setImages(files);
  }
});

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function fillList(blockId, heading, items, renderItem) {
  const block = document.getElementById(blockId);
  const list = block.querySelector('ul, ol');
  block.querySelector('h4').textContent = heading;
  list.replaceChildren(...items.map(renderItem));
  block.hidden = items.length === 0;
}

function listItem(text) {
  const item = document.createElement('li');
  item.textContent = text;
  return item;
}

function evidenceItem(evidence) {
  const item = document.createElement('li');
  const quote = document.createElement('span');
  quote.className = 'quote';
  quote.textContent = evidence.quote;
  const category = document.createElement('span');
  category.className = 'category';
  category.textContent = evidence.category;
  item.append(quote, category);
  return item;
}

function render(answer) {
  const reply = answer.reply;
  const replyTexts = texts.reply[reply.language] || texts.reply.en;
  result.dataset.level = reply.level;
  result.lang = reply.language;
  document.getElementById('result-level').textContent = fill(replyTexts.risk, { level: reply.levelLabel });
  document.getElementById('result-title').textContent = reply.title;
  // Short first: what to do now and one line of why; the rest behind "Details".
  fillList('result-actions', replyTexts.steps, reply.actions, listItem);
  const reason = document.getElementById('result-reason');
  reason.textContent = reply.reason || '';
  reason.hidden = !reply.reason;
  document.getElementById('result-details-label').textContent = replyTexts.details;
  document.getElementById('result-summary').textContent = reply.summary;
  fillList('result-why', replyTexts.why, reply.why, listItem);
  fillList('result-evidence', replyTexts.evidence, reply.evidence, evidenceItem);
  fillList('result-steps', replyTexts.moreSteps, reply.steps, listItem);
  document.getElementById('result-notes').replaceChildren(...reply.notes.map(listItem));
  document.getElementById('result-footer').replaceChildren(
    ...reply.footer.map((line) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      return paragraph;
    }),
  );
  result.hidden = false;
}

async function readLines(response, onLine) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(JSON.parse(line));
    }
    if (done) break;
  }
  if (buffered.trim()) onLine(JSON.parse(buffered));
}

async function check() {
  errorBox.hidden = true;
  // The previous answer belongs to the previous text: never leave it under a new error.
  result.hidden = true;
  // A new answer starts short again.
  document.getElementById('result-details').open = false;
  const text = textArea.value;
  if (text.trim() === '' && images.length === 0) {
    showError(texts.ui.error_empty);
    textArea.focus();
    return;
  }
  const kind = form.elements.kind.value;
  const language = form.elements.language.value;
  const country = form.elements.country.value;
  // The page's own language answers a text the rules cannot read (a Vietnamese text on the English page: English).
  const body = { kind, text, interfaceLanguage: document.documentElement.lang, source: { platform: 'web' } };
  if (language) body.language = language;
  if (country) body.country = country;
  button.disabled = true;
  button.textContent = images.length > 0 ? texts.ui.reading : texts.ui.checking;
  let upload;
  if (images.length > 0) {
    upload = new FormData();
    for (const image of images) upload.append('image', image, image.name || 'screenshot.png');
    if (language) upload.append('language', language);
  }
  try {
    const response = await fetch('/v1/check', upload
      ? { method: 'POST', headers: { accept: 'application/x-ndjson' }, body: upload }
      : { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify(body) });
    if (!response.ok) {
      let code = String(response.status);
      let field;
      let message;
      try {
        ({ code, field, message } = (await response.json()).error);
      } catch {
        // Keep the status code.
      }
      // A refused or unreadable screenshot: the server's sentence says why, in the chosen language.
      if (upload && ['image_refused', 'no_text', 'ocr_unavailable', 'payload_too_large'].includes(code) && message) {
        showError(message);
        return;
      }
      const tooLong = code === 'payload_too_large' || (code === 'invalid_request' && field === 'text');
      showError(tooLong ? texts.ui.error_too_long : fill(texts.ui.error_server, { code }));
      return;
    }
    let first = true;
    await readLines(response, (answer) => {
      render(answer);
      // Move focus to the answer (screen readers read it; keyboard users continue from it).
      if (first) {
        result.focus({ preventScroll: true });
        result.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }
      first = false;
    });
  } catch {
    showError(texts.ui.error_network);
  } finally {
    button.disabled = false;
    button.textContent = texts.ui.check;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  check();
});
textArea.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    check();
  }
});
for (const radio of form.elements.kind) {
  radio.addEventListener('change', () => {
    textArea.placeholder = radio.value === 'transcript' ? textArea.dataset.placeholderTranscript : textArea.dataset.placeholderMessage;
  });
}
