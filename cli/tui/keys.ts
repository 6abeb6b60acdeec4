/**
 * Key presses as the TUI sees them, parsed from the raw sequences the
 * terminal sends: legacy xterm/VT sequences and the kitty keyboard protocol
 * (CSI u), which tells Ctrl+M from Enter where the terminal supports it.
 * Pure: the unit tests feed it byte strings.
 */
export interface KeyEvent {
  /** 'a', 'return', 'escape', 'tab', 'backspace', 'delete', 'up', 'pageup', 'home', 'f2', 'linefeed', … */
  readonly name: string;
  /** What to insert into the input ('' for keys that insert nothing). */
  readonly text: string;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

const csiTilde: Readonly<Record<string, string>> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

const csiLetter: Readonly<Record<string, string>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
  Z: 'tab',
};

const kittyCodes: Readonly<Record<number, string>> = {
  9: 'tab',
  13: 'return',
  27: 'escape',
  127: 'backspace',
  57364: 'f1',
  57365: 'f2',
  57366: 'f3',
  57367: 'f4',
};

function key(name: string, options: Partial<Omit<KeyEvent, 'name'>> = {}): KeyEvent {
  return { name, text: options.text ?? '', ctrl: options.ctrl ?? false, meta: options.meta ?? false, shift: options.shift ?? false };
}

/** xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | super 8). */
function modifiers(param: string | undefined): { shift: boolean; meta: boolean; ctrl: boolean } {
  const bits = Math.max(0, Number.parseInt(param ?? '1', 10) - 1);
  return { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 };
}

function parseCsi(body: string): KeyEvent | undefined {
  // kitty: CSI code[:alt] ; mods[:event] [; text] u
  const kitty = /^(\d+)(?::\d*)*(?:;(\d*)(?::(\d+))?)?(?:;([\d:]+))?u$/.exec(body);
  if (kitty) {
    if (kitty[3] === '3') return undefined; // key release
    const code = Number(kitty[1]);
    const mods = modifiers(kitty[2] || '1');
    const named = kittyCodes[code];
    if (named !== undefined) return key(named, mods);
    const char = String.fromCodePoint(code);
    const text = kitty[4] ? String.fromCodePoint(...kitty[4].split(':').map(Number)) : mods.shift ? char.toUpperCase() : char;
    return key(char.toLowerCase(), { ...mods, text: mods.ctrl || mods.meta ? '' : text });
  }
  const tilde = /^(\d+)(?:;(\d+))?~$/.exec(body);
  if (tilde) {
    const name = csiTilde[tilde[1]!];
    return name === undefined ? key('unknown') : key(name, modifiers(tilde[2]));
  }
  const letter = /^(?:1?;?(\d+))?([A-Z])$/.exec(body);
  if (letter) {
    const name = csiLetter[letter[2]!];
    if (name === undefined) return key('unknown');
    const mods = modifiers(letter[1]);
    return key(name, letter[2] === 'Z' ? { ...mods, shift: true } : mods);
  }
  if (body === '[A' || body === '[B' || body === '[C' || body === '[D' || body === '[E') {
    return key(`f${'ABCDE'.indexOf(body[1]!) + 1}`); // the Linux console's F1–F5
  }
  return key('unknown');
}

function parseSingle(char: string): KeyEvent {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r') return key('return');
  if (char === '\n') return key('linefeed'); // Ctrl+J
  if (char === '\t') return key('tab');
  if (char === '\x7f' || char === '\b') return key('backspace');
  if (char === '\x1b') return key('escape');
  if (char === ' ') return key('space', { text: ' ' });
  if (code === 0) return key('space', { ctrl: true });
  if (code < 27) return key(String.fromCharCode(code + 96), { ctrl: true });
  if (code < 32) return key('unknown', { ctrl: true });
  const upper = char !== char.toLowerCase();
  return key(char.toLowerCase(), { text: char, shift: upper });
}

/** One key press (or a run of typed text) from one raw sequence; undefined for events to ignore. */
export function parseKey(raw: string): KeyEvent | undefined {
  if (raw === '') return undefined;
  if (raw.startsWith('\x1b[') || raw.startsWith('\x1bO')) {
    if (raw.startsWith('\x1bO') && raw.length === 3) {
      const name = csiLetter[raw[2]!];
      return key(name ?? 'unknown');
    }
    return parseCsi(raw.slice(2));
  }
  if (raw.startsWith('\x1b') && raw.length > 1) {
    const inner = parseKey(raw.slice(1));
    return inner === undefined ? undefined : { ...inner, meta: true, text: '' };
  }
  if ([...raw].length === 1) return parseSingle(raw);
  return key('paste', { text: raw });
}

/**
 * Split what arrived at once into key presses: escape sequences, control
 * keys and runs of text ("hello\r" is the text, then Enter). Pasted text
 * arrives separately (bracketed paste), not through here.
 */
export function parseKeys(raw: string): KeyEvent[] {
  const tokens =
    raw.match(/\x1b\[[0-9:;<=>?]*[ -/]*[@-~]|\x1bO.|\x1b\x1b?[^\x1b]?|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f\x1b]+/gs) ?? [];
  return tokens.map(parseKey).filter((k): k is KeyEvent => k !== undefined);
}

/** True for the key combination `spec`, like 'ctrl+s', 'meta+j', 'f2', 'shift+tab'. Shift is only checked when named (test 'meta+shift+g' before 'meta+g'). */
export function isKey(event: KeyEvent, spec: string): boolean {
  const parts = spec.split('+');
  const name = parts.pop()!;
  const want = new Set(parts);
  return (
    event.name === name &&
    event.ctrl === want.has('ctrl') &&
    event.meta === want.has('meta') &&
    (!want.has('shift') || event.shift)
  );
}
