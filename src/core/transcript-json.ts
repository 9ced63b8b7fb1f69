import { JsonPositionError, parseJsonWithPositions, type JsonNode } from './json-positions.ts';
import { skipSpace, trimEnd, type DraftTurn } from './transcript-draft.ts';

/** Keys that hold what was said, in order of preference. */
const TEXT_KEYS = ['text', 'content', 'message', 'utterance', 'transcript', 'sentence', 'body', 'value'];
/** Keys that name who said it. */
const SPEAKER_KEYS = ['speaker', 'name', 'from', 'sender', 'author', 'who', 'participant', 'speaker_id', 'role'];
/** Keys of an object that hold the list of turns. */
const LIST_KEYS = ['turns', 'messages', 'dialogue', 'dialog', 'conversation', 'transcript', 'utterances', 'segments', 'lines', 'chat'];

function field(node: JsonNode, keys: readonly string[]): JsonNode | undefined {
  if (node.kind !== 'object') return undefined;
  for (const key of keys) {
    for (const [name, value] of node.entries) if (name.toLowerCase() === key) return value;
  }
  return undefined;
}

function stringField(node: JsonNode, keys: readonly string[]): string | undefined {
  const value = field(node, keys);
  return value?.kind === 'string' ? value.value.trim() : undefined;
}

/**
 * A turn from one JSON string: without escapes it points at the text itself inside the literal (trimmed);
 * with escapes the decoded text is not in the original verbatim, so it points at the literal's content.
 */
function turnFromString(text: string, node: JsonNode & { kind: 'string' }, speaker: string, roleLabel?: string): DraftTurn | undefined {
  const contentStart = node.start + 1;
  const contentEnd = node.end - 1;
  const turn: DraftTurn = { speaker, pieces: [], ...(roleLabel !== undefined ? { roleLabel } : {}) };
  if (!node.escaped) {
    const start = skipSpace(text, contentStart, contentEnd);
    const end = trimEnd(text, start, contentEnd);
    if (end > start) turn.pieces.push({ start, end, separator: '' });
  } else {
    const decoded = node.value.trim();
    if (decoded.length > 0) turn.pieces.push({ start: contentStart, end: contentEnd, separator: '', text: decoded });
  }
  return turn.pieces.length > 0 ? turn : undefined;
}

/** The turn for one item of a turn list: a string, or an object with a text field and a speaker field. */
function turnFromItem(text: string, item: JsonNode): DraftTurn | undefined {
  if (item.kind === 'string') return turnFromString(text, item, '');
  const said = field(item, TEXT_KEYS);
  if (said?.kind !== 'string') return undefined;
  const speaker = stringField(item, SPEAKER_KEYS) ?? '';
  const role = stringField(item, ['role']);
  return turnFromString(text, said, speaker, role !== undefined && role !== speaker ? role : undefined);
}

function stringsOf(node: JsonNode | undefined): Array<JsonNode & { kind: 'string' }> {
  if (node?.kind !== 'array') return [];
  return node.items.filter((item): item is JsonNode & { kind: 'string' } => item.kind === 'string');
}

/**
 * Turns from a JSON transcript: an array of `{speaker|role|from, text|content}` objects (or of strings),
 * an object holding such an array (`turns`, `messages`, `dialogue`, …), or the TeleAntiFraud shape
 * `{left: [caller turns], right: [callee turns]}` (interleaved, left first). Returns undefined when the text
 * is not JSON or holds no turns.
 */
export function parseJsonTurns(text: string, from: number): DraftTurn[] | undefined {
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text, from);
  } catch (error) {
    if (error instanceof JsonPositionError || error instanceof RangeError) return undefined;
    throw error;
  }
  const turns: DraftTurn[] = [];
  const left = stringsOf(field(root, ['left']));
  const right = stringsOf(field(root, ['right']));
  if (left.length + right.length > 0) {
    for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
      const caller = left[index];
      const callee = right[index];
      const callerTurn = caller && turnFromString(text, caller, 'left');
      const calleeTurn = callee && turnFromString(text, callee, 'right');
      if (callerTurn) turns.push(callerTurn);
      if (calleeTurn) turns.push(calleeTurn);
    }
    return turns.length > 0 ? turns : undefined;
  }
  const list = root.kind === 'array' ? root : field(root, LIST_KEYS);
  if (list?.kind === 'array') {
    for (const item of list.items) {
      const turn = turnFromItem(text, item);
      if (turn) turns.push(turn);
    }
  } else if (root.kind === 'object') {
    const single = turnFromItem(text, root);
    if (single) turns.push(single);
  }
  return turns.length > 0 ? turns : undefined;
}
