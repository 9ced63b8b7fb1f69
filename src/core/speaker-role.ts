import type { SpeakerRole } from './verdict.ts';

/** Labels that name a party by position or pronoun: matched only as the whole label. */
const WHOLE_LABEL_ROLES = new Map<string, SpeakerRole>([
  ['left', 'caller'],
  ['right', 'callee'],
  ['me', 'callee'],
  ['i', 'callee'],
  ['我', 'callee'],
  ['本人', 'callee'],
  ['对方', 'caller'],
  ['對方', 'caller'],
  ['user', 'callee'],
  ['human', 'callee'],
  ['yo', 'callee'],
  ['moi', 'callee'],
  ['io', 'callee'],
]);

/** English, Spanish, French and Italian words that mark the calling (scam) side when they appear anywhere in a label ("Officer Li", "Agente Pérez"). */
const CALLER_WORDS = new Set([
  'caller',
  'scammer',
  'scam',
  'fraudster',
  'fraud',
  'suspect',
  'officer',
  'agent',
  'police',
  'policeman',
  'policewoman',
  'detective',
  'inspector',
  'sergeant',
  'constable',
  'prosecutor',
  'investigator',
  'operator',
  'representative',
  'rep',
  'support',
  'service',
  'bank',
  'impostor',
  'imposter',
  'kidnapper',
  // Spanish, accents folded ("Policía" → policia, "Atención al cliente" → atencion).
  'llamante',
  'estafador',
  'estafadora',
  'delincuente',
  'sospechoso',
  'policia',
  'agente',
  'oficial',
  'fiscal',
  'operador',
  'operadora',
  'asesor',
  'asesora',
  'ejecutivo',
  'ejecutiva',
  'servicio',
  'soporte',
  'atencion',
  'banco',
  'secuestrador',
  // French ("Appelant", "Conseiller bancaire", "Gendarme Martin"), accents folded.
  'appelant',
  'appelante',
  'arnaqueur',
  'arnaqueuse',
  'escroc',
  'fraudeur',
  'fraudeuse',
  'policier',
  'policiere',
  'gendarme',
  'officier',
  'enqueteur',
  'enqueteuse',
  'procureur',
  'conseiller',
  'conseillere',
  'operateur',
  'operatrice',
  'banque',
  'ravisseur',
  // Italian ("Chiamante", "Operatore banca", "Carabiniere").
  'chiamante',
  'truffatore',
  'truffatrice',
  'poliziotto',
  'poliziotta',
  'carabiniere',
  'operatore',
  'consulente',
  'banca',
  'rapitore',
]);

/** English, Spanish, French and Italian words that mark the called side (the person being scammed). */
const CALLEE_WORDS = new Set(['callee', 'victim', 'innocent', 'target', 'recipient', 'receiver', 'customer', 'user', 'me', 'victima', 'receptor', 'receptora', 'destinatario', 'destinataria', 'cliente', 'usuario', 'usuaria',
  'appele', 'appelee', 'victime', 'utilisateur', 'utilisatrice', 'vittima', 'utente']);

/** Chinese fragments for the calling side, matched anywhere in a label ("张警官", "银行客服"). */
const CALLER_FRAGMENTS = [
  '来电',
  '來電',
  '骗子',
  '騙子',
  '诈骗',
  '詐騙',
  '嫌疑人',
  '警官',
  '警察',
  '民警',
  '公安',
  '客服',
  '检察',
  '檢察',
  '法官',
  '主叫',
  '坐席',
  '专员',
  '專員',
];

/** Chinese fragments for the called side. */
const CALLEE_FRAGMENTS = ['受害', '被叫', '接听', '接聽', '用户', '用戶', '机主', '機主'];

/**
 * The role a speaker label names explicitly, or undefined when the label says nothing about it: "Caller",
 * "Scammer", "Officer Li", "来电者", "骗子", "客服", "left" are the calling side; "Callee", "Victim", "Me",
 * "我", "受害人", "right", "user" are the called side, and so in Spanish ("Llamante", "Agente Pérez", "Yo",
 * "Víctima"). Service words win over "customer" ("Customer Service", "Servicio al cliente").
 */
export function explicitRole(label: string): SpeakerRole | undefined {
  const key = label.trim().toLowerCase();
  if (key.length === 0) return undefined;
  const whole = WHOLE_LABEL_ROLES.get(key);
  if (whole) return whole;
  let caller = false;
  let callee = false;
  // Latin accents folded, so "Policía" and "Víctima" split into whole words.
  for (const word of key.normalize('NFD').replace(/\p{M}+/gu, '').split(/[^a-z]+/)) {
    if (word.length === 0) continue;
    if (CALLER_WORDS.has(word)) caller = true;
    else if (CALLEE_WORDS.has(word)) callee = true;
  }
  for (const fragment of CALLER_FRAGMENTS) if (key.includes(fragment)) caller = true;
  for (const fragment of CALLEE_FRAGMENTS) if (key.includes(fragment)) callee = true;
  if (caller) return 'caller';
  if (callee) return 'callee';
  return undefined;
}

/** What role inference needs from a turn: its speaker label and, for JSON, a separate role field. */
export interface RoleInput {
  speaker: string;
  /** A role-like field that came with the turn (JSON `role`), checked before the speaker label. */
  roleLabel?: string;
}

/**
 * True when two parties talk back and forth (the speaker changes at least twice: A, B, A), as in a call;
 * two field-like labels each used once ("URGENT: …", "ACTION REQUIRED: …") are not a conversation.
 */
function takeTurns(keys: readonly string[]): boolean {
  let changes = 0;
  let previous = '';
  for (const key of keys) {
    if (key.length === 0) continue;
    if (previous !== '' && key !== previous) changes += 1;
    if (changes >= 2) return true;
    previous = key;
  }
  return false;
}

/**
 * Assigns a role to every turn. Explicit labels decide first; when there are exactly two speakers, one
 * without an explicit role takes the opposite of the other's, and if neither is explicit the one who speaks
 * first is the caller (whoever places a call speaks first) — but only when they take turns (A, B, A), since
 * calling a party the callee lowers the weight of what it says. Everyone else, and turns without a speaker,
 * is unknown. Returns the roles in turn order.
 */
export function assignRoles(turns: readonly RoleInput[]): SpeakerRole[] {
  const keys = new Map<string, string>();
  const labelRoles = new Map<string, SpeakerRole | undefined>();
  const keyOf = (speaker: string): string => {
    let key = keys.get(speaker);
    if (key === undefined) {
      key = speaker.trim().toLowerCase();
      keys.set(speaker, key);
    }
    return key;
  };
  const roleOf = (label: string): SpeakerRole | undefined => {
    if (!labelRoles.has(label)) labelRoles.set(label, explicitRole(label));
    return labelRoles.get(label);
  };
  const order: string[] = [];
  const roles = new Map<string, SpeakerRole | undefined>();
  for (const turn of turns) {
    const key = keyOf(turn.speaker);
    if (key.length === 0) continue;
    const known = roles.has(key);
    if (known && roles.get(key) !== undefined) continue;
    const fromLabel = (turn.roleLabel !== undefined ? roleOf(turn.roleLabel) : undefined) ?? roleOf(key);
    if (!known) order.push(key);
    roles.set(key, fromLabel);
  }
  if (order.length === 2) {
    const [first, second] = order as [string, string];
    const firstRole = roles.get(first);
    const secondRole = roles.get(second);
    if (firstRole === undefined && secondRole === undefined) {
      if (takeTurns(turns.map((turn) => keyOf(turn.speaker)))) {
        roles.set(first, 'caller');
        roles.set(second, 'callee');
      }
    } else if (firstRole === undefined && secondRole !== 'unknown') {
      roles.set(first, secondRole === 'caller' ? 'callee' : 'caller');
    } else if (secondRole === undefined && firstRole !== 'unknown') {
      roles.set(second, firstRole === 'caller' ? 'callee' : 'caller');
    }
  }
  return turns.map((turn) => {
    const key = keyOf(turn.speaker);
    return key.length === 0 ? 'unknown' : (roles.get(key) ?? 'unknown');
  });
}
