/**
 * Finds the web links in a text in one pass: with a scheme ("https://…", "hxxp://…", the "http:l/" typo),
 * with "www.", or bare ("paypal-help.com/login", "185.23.4.9/x"). Written by hand instead of a regular
 * expression because the regex patterns it replaces took 35–39 s on one 200,000-character input (issue 9):
 * here every character is read a bounded number of times (hosts ≤ 253, labels ≤ 63, one authority scan per
 * scheme), so a 200,000-character hostile text costs a few milliseconds (test/core/link-signals.test.ts).
 */

/** A link found in the text, before any judgement about where it leads. */
export interface LinkCandidate {
  /** Offsets of the whole link in the scanned text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The host as written, lower-cased, full-width letters and dots folded; may hold non-ASCII letters. */
  host: string;
  /** Whether the link had a scheme (http://, https://, hxxp://…). */
  scheme: boolean;
  /** Text before an "@" in the authority ("paypal.com" in http://paypal.com@evil.example), else ''. */
  userinfo: string;
  /** Port, path, query and fragment, lower-cased ('' when the link is a bare host). */
  rest: string;
}

/** Longest host name (RFC 1035). */
export const MAX_HOST_LENGTH = 253;
/** Longest label of a host name. */
export const MAX_LABEL_LENGTH = 63;
/** Longest authority (userinfo@host:port) read after a scheme before the link is given up. */
const MAX_AUTHORITY_LENGTH = 330;
/** Longest run of link characters read; a link inside a longer run is cut there (it still shows as a link). */
const MAX_RUN_LENGTH = 4096;
/** The rest of a flood run, skipped unread up to the next white space. */
const NOT_SPACE = /\S*/y;
/** Printable ASCII: what the evidence of a link may run on with after its parsed end. */
const QUOTE_CHAR = (code: number): boolean => code > 32 && code < 127;
/** Characters a quoted link does not end with. */
const TRAILING_QUOTE = '.,;:!?\'"()[]{}';
/** Most links reported per text: enough evidence, bounded work on hostile input. */
export const MAX_LINKS = 32;

const BREAK = -1;
const TRANSPARENT = -2;

const LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{N}]$/u;
const foldCache = new Map<number, number>();

/** ASCII characters that may stand in a link: letters, digits and -._~:/?#@$&*+=%\ (the backslash for typos). */
function asciiUrlChar(code: number): boolean {
  if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  switch (code) {
    case 45: case 46: case 95: case 126: case 58: case 47: case 63: case 35: case 64:
    case 36: case 38: case 42: case 43: case 61: case 37: case 92:
      return true;
    default:
      return false;
  }
}

/** foldCode for ASCII, as a table: the scan's hot path. */
const ASCII_FOLD = Int16Array.from({ length: 128 }, (_, code) => (asciiUrlChar(code) ? (code >= 65 && code <= 90 ? code + 32 : code) : BREAK));

/**
 * The character a link is read with at this code: ASCII lower-cased, full-width ASCII folded, non-ASCII
 * letters of alphabetic scripts kept (IDN hosts: Cyrillic, Greek, Latin with marks); TRANSPARENT for
 * zero-width marks (skipped, the link goes on); BREAK for spaces, punctuation, CJK, kana and hangul.
 */
function foldCode(code: number): number {
  if (code < 128) return ASCII_FOLD[code] as number;
  if (code >= 0xff01 && code <= 0xff5e) return foldCode(code - 0xfee0);
  if (code === 0x00ad || (code >= 0x200b && code <= 0x200d) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff) return TRANSPARENT;
  if (code >= 0x2000 && code <= 0xfaff) return BREAK; // punctuation, symbols, CJK, kana, hangul, surrogates, private use
  if (code >= 0xfe00) return BREAK; // variation selectors, CJK compatibility and half-width forms, specials
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const char = String.fromCharCode(code);
  let folded = BREAK;
  if (LETTER_OR_DIGIT.test(char)) {
    const lower = char.toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : code;
  }
  foldCache.set(code, folded);
  return folded;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xff10 && code <= 0xff5a);
}

/** A character a host may contain: ASCII letters, digits, hyphen, dot, or any non-ASCII letter kept by foldCode. */
function hostChar(code: number): boolean {
  return code >= 128 || (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code === 45 || code === 46;
}

/** Whether `host` is a syntactically valid host name of two or more labels. */
export function validHostName(host: string): boolean {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return false;
  let labelStart = 0;
  let labels = 0;
  for (let index = 0; index <= host.length; index += 1) {
    if (index < host.length && host.charCodeAt(index) !== 46) continue;
    const length = index - labelStart;
    if (length === 0 || length > MAX_LABEL_LENGTH) return false;
    if (host.charCodeAt(labelStart) === 45 || host.charCodeAt(index - 1) === 45) return false;
    labels += 1;
    labelStart = index + 1;
  }
  return labels >= 2;
}

/** Characters trimmed from the end of a link: sentence punctuation that usually follows it. */
function trailingPunctuation(code: number): boolean {
  return code === 46 || code === 58 || code === 63 || code === 35 || code === 38 || code === 61 || code === 42 || code === 92;
}

/** One run of link characters, folded, with the original offset of each folded character. */
interface Run {
  chars: string;
  origin: number[];
  /** Original offset just after the run. */
  end: number;
}

/**
 * Code units the link scanner has read since the process started (each read of a text or run unit, and what
 * each substring search may pass over): a deterministic measure of its work for tests, no clock.
 */
let unitsRead = 0;

/** The link scanner's work so far, see unitsRead. */
export function linkScanWork(): number {
  return unitsRead;
}

class RunScanner {
  readonly found: LinkCandidate[] = [];
  private run: Run = { chars: '', origin: [], end: 0 };

  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  scan(): LinkCandidate[] {
    const { text } = this;
    // Every host has a dot (two labels or more), so only the runs of link characters around a dot are read:
    // the engine's own search finds the dots, the rest of the text is never visited.
    const dots = /[.\u3002\uff0e\uff61]/g;
    let done = 0;
    let match: RegExpExecArray | null;
    let searchFrom = 0;
    while (this.found.length < MAX_LINKS && (match = dots.exec(text)) !== null) {
      const at = match.index;
      unitsRead += at + 1 - searchFrom;
      searchFrom = at + 1;
      if (this.foldAt(at) !== 46) continue;
      // A run longer than any sensible link (a hostile flood) is read only up to MAX_RUN_LENGTH around its
      // first dot; the engine's own search finds where the run ends, so it is skipped, not read.
      let start = at;
      while (start > done && at - start < MAX_RUN_LENGTH && this.foldAt(start - 1) !== BREAK) start -= 1;
      let end = at + 1;
      while (end < text.length && end - start < MAX_RUN_LENGTH && this.foldAt(end) !== BREAK) end += 1;
      // A run whose one dot ends it ("noon." at the end of a sentence) holds no host of two labels: not read.
      if (end === at + 1 && end - start < MAX_RUN_LENGTH) {
        done = end;
        dots.lastIndex = end;
        searchFrom = end;
        continue;
      }
      this.parseRun(this.readRun(start, end));
      if (end - start >= MAX_RUN_LENGTH) {
        NOT_SPACE.lastIndex = end;
        const skipped = NOT_SPACE.exec(text)?.[0].length ?? 0;
        unitsRead += skipped;
        end += skipped;
      }
      done = end;
      dots.lastIndex = end;
      searchFrom = end;
    }
    // The last search for a dot passed over the rest of the text.
    if (this.found.length < MAX_LINKS) unitsRead += Math.max(0, text.length - searchFrom);
    return this.found;
  }

  /** foldCode at one position; 。 and ｡ read as a dot between two ASCII letters or digits ("abc。com"). */
  private foldAt(index: number): number {
    unitsRead += 1;
    const code = this.text.charCodeAt(index);
    if (code < 128) return ASCII_FOLD[code] as number;
    if (code === 0x3002 || code === 0xff61) {
      return isAsciiAlnum(this.text.charCodeAt(index - 1)) && isAsciiAlnum(this.text.charCodeAt(index + 1)) ? 46 : BREAK;
    }
    return foldCode(code);
  }

  /** The folded characters of text[start, end), zero-width marks left out, with their original offsets. */
  private readRun(start: number, end: number): Run {
    let chars = '';
    const origin: number[] = [];
    for (let index = start; index < end; index += 1) {
      const folded = this.foldAt(index);
      if (folded < 0) continue;
      chars += String.fromCharCode(folded);
      origin.push(index);
    }
    return { chars, origin, end };
  }

  private emit(from: number, to: number, candidate: Omit<LinkCandidate, 'start' | 'end'>): void {
    let end = to;
    while (end > from && trailingPunctuation(this.run.chars.charCodeAt(end - 1))) end -= 1;
    if (this.found.length >= MAX_LINKS) return;
    const rest = candidate.rest.slice(0, Math.max(0, candidate.rest.length - (to - end)));
    let last = (this.run.origin[end - 1] as number) + 1;
    // The evidence goes on to the next space when the path runs into characters a link should not hold
    // ("?a=`1`", "&b=<2>"), so the quote shows what the reader would see; the host is judged as parsed.
    if ((candidate.scheme || rest !== '') && to === this.run.chars.length && this.run.end - last <= MAX_AUTHORITY_LENGTH) {
      let extended = this.run.end;
      while (extended < this.text.length && extended - last < MAX_RUN_LENGTH && QUOTE_CHAR(this.text.charCodeAt(extended))) extended += 1;
      while (extended > last && TRAILING_QUOTE.includes(this.text.charAt(extended - 1))) extended -= 1;
      last = extended;
    }
    this.found.push({ ...candidate, rest, start: this.run.origin[from] as number, end: last });
  }

  /** Finds the links of one run: scheme links first, bare hosts in the text between them. */
  private parseRun(run: Run): void {
    this.run = run;
    const { chars } = run;
    let position = 0;
    let searchFrom = 0;
    while (position < chars.length) {
      const scheme = findScheme(chars, searchFrom);
      if (!scheme) {
        this.bareHosts(position, chars.length);
        return;
      }
      this.bareHosts(position, scheme.start);
      const parsed = this.schemeLink(scheme.start, scheme.authority);
      if (parsed.ok) {
        position = parsed.end;
        searchFrom = parsed.end;
      } else {
        position = scheme.start;
        searchFrom = Math.max(scheme.start + 4, parsed.end);
      }
    }
  }

  /** Reads the link whose authority starts at `authority`; `end` is where the next search may start. */
  private schemeLink(start: number, authority: number): { ok: boolean; end: number } {
    const { chars } = this.run;
    let end = authority;
    while (end < chars.length && end - authority <= MAX_AUTHORITY_LENGTH) {
      unitsRead += 1;
      const code = chars.charCodeAt(end);
      if (code === 47 || code === 92 || code === 63 || code === 35) break;
      end += 1;
    }
    if (end - authority > MAX_AUTHORITY_LENGTH) return { ok: false, end };
    const whole = chars.slice(authority, end);
    const at = whole.lastIndexOf('@');
    const userinfo = at >= 0 ? whole.slice(0, at) : '';
    let host = at >= 0 ? whole.slice(at + 1) : whole;
    const colon = host.indexOf(':');
    if (colon >= 0) {
      if (!/^\d{0,5}$/.test(host.slice(colon + 1))) return { ok: false, end };
      host = host.slice(0, colon);
    }
    host = host.replace(/\.+$/, '');
    if (!validHostName(host)) return { ok: false, end };
    const hostPart = at >= 0 ? whole.slice(at + 1) : whole;
    const restStart = authority + (at >= 0 ? at + 1 : 0) + (colon >= 0 ? colon : hostPart.length);
    this.emit(start, chars.length, { host, scheme: true, userinfo, rest: chars.slice(restStart) });
    return { ok: true, end: chars.length };
  }

  /** Finds bare hosts ("www.x.com", "x.top", "x.com/path") in chars[from, to). */
  private bareHosts(from: number, to: number): void {
    const { chars } = this.run;
    let index = from;
    while (index < to) {
      unitsRead += 1;
      if (!hostChar(chars.charCodeAt(index))) {
        index += 1;
        continue;
      }
      const tokenStart = index;
      while (index < to && hostChar(chars.charCodeAt(index))) index += 1;
      const tokenEnd = index;
      unitsRead += tokenEnd - tokenStart;
      const before = chars.charCodeAt(tokenStart - 1);
      const after = chars.charCodeAt(tokenEnd);
      // "//host" at the start of a run is a link whose scheme was cut off ("http //bit.ly/x" in forwarded text).
      const slashed = before === 47 && chars.charCodeAt(tokenStart - 2) === 47 && tokenStart - 2 === from;
      // An e-mail address (before or after "@"), or a piece of a path, is not a host of its own.
      if (before === 64 || (before === 47 && !slashed) || before === 92 || after === 64) continue;
      if (tokenEnd - tokenStart > MAX_HOST_LENGTH + 2) continue;
      let hostStart = tokenStart;
      let hostEnd = tokenEnd;
      while (hostStart < hostEnd && (chars.charCodeAt(hostStart) === 46 || chars.charCodeAt(hostStart) === 45)) hostStart += 1;
      while (hostEnd > hostStart && (chars.charCodeAt(hostEnd - 1) === 46 || chars.charCodeAt(hostEnd - 1) === 45)) hostEnd -= 1;
      const host = chars.slice(hostStart, hostEnd);
      if (!validHostName(host)) continue;
      // A path, port, query or fragment right after the host belongs to the link, up to the end of the text span.
      const hasRest = hostEnd === tokenEnd && (after === 47 || after === 58 || after === 63 || after === 35);
      const linkEnd = hasRest ? to : hostEnd;
      this.emit(slashed ? tokenStart - 2 : hostStart, linkEnd, { host, scheme: slashed, userinfo: '', rest: hasRest ? chars.slice(hostEnd, to) : '' });
      if (hasRest) return;
    }
  }
}

/** The next scheme at or after `from`: "http", "https", "hxxp(s)" followed by ":" and/or slashes (or the "http:l/" typo). */
function findScheme(chars: string, from: number): { start: number; authority: number } | undefined {
  let search = from;
  while (search < chars.length) {
    const http = chars.indexOf('http', search);
    const hxxp = chars.indexOf('hxxp', search);
    const start = http < 0 ? hxxp : hxxp < 0 ? http : Math.min(http, hxxp);
    // Each search passes over the units up to its hit (to the end for a miss).
    unitsRead += (http < 0 ? chars.length : http) - search + (hxxp < 0 ? chars.length : hxxp) - search;
    if (start < 0) return undefined;
    let cursor = start + 4;
    if (chars.charCodeAt(cursor) === 115) cursor += 1; // s
    const colon = chars.charCodeAt(cursor) === 58;
    if (colon) cursor += 1;
    let slashes = 0;
    if (colon && chars.charCodeAt(cursor) === 108 && chars.charCodeAt(cursor + 1) === 47) {
      cursor += 2; // "http:l/" — a slash misread as l
      slashes = 2;
    }
    while (slashes < 3 && (chars.charCodeAt(cursor) === 47 || chars.charCodeAt(cursor) === 92)) {
      cursor += 1;
      slashes += 1;
    }
    if ((colon && slashes >= 1) || slashes === 2) return { start, authority: cursor };
    search = start + 4;
  }
  return undefined;
}

/** Every link in `text` (at most MAX_LINKS), in text order. Linear in the length of the text. */
export function scanLinks(text: string): LinkCandidate[] {
  return new RunScanner(text).scan();
}
