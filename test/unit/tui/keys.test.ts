import { describe, expect, it } from '@jest/globals';
import { isKey, parseKey, parseKeys } from '../../../cli/tui/keys.ts';

const names = (raw: string) => parseKeys(raw).map((k) => `${k.ctrl ? 'ctrl+' : ''}${k.meta ? 'meta+' : ''}${k.shift ? 'shift+' : ''}${k.name}`);

describe('TUI key parsing', () => {
  it('reads legacy control keys, arrows, function keys and Alt combinations', () => {
    expect(names('\r')).toEqual(['return']);
    expect(names('\n')).toEqual(['linefeed']);
    expect(names('\x13')).toEqual(['ctrl+s']);
    expect(names('\x02')).toEqual(['ctrl+b']);
    expect(names('\x1b')).toEqual(['escape']);
    expect(names('\x7f')).toEqual(['backspace']);
    expect(names('\x1b[A')).toEqual(['up']);
    expect(names('\x1b[1;5A')).toEqual(['ctrl+up']);
    expect(names('\x1b[5~')).toEqual(['pageup']);
    expect(names('\x1b[6~')).toEqual(['pagedown']);
    expect(names('\x1bOQ')).toEqual(['f2']);
    expect(names('\x1b[12~')).toEqual(['f2']);
    expect(names('\x1bOR')).toEqual(['f3']);
    expect(names('\x1bj')).toEqual(['meta+j']);
    expect(names('\x1bG')).toEqual(['meta+shift+g']);
    expect(names('\x1b[Z')).toEqual(['shift+tab']);
  });

  it('tells Ctrl+M from Enter under the kitty keyboard protocol, and ignores key releases', () => {
    expect(names('\x1b[109;5u')).toEqual(['ctrl+m']);
    expect(names('\x1b[13u')).toEqual(['return']);
    expect(names('\x1b[13;2u')).toEqual(['shift+return']);
    expect(names('\x1b[27u')).toEqual(['escape']);
    expect(parseKey('\x1b[97;1:3u')).toBeUndefined();
    expect(parseKey('\x1b[97u')?.text).toBe('a');
  });

  it('splits typed text from the Enter that follows it', () => {
    const keys = parseKeys('hello world\r');
    expect(keys.map((k) => k.name)).toEqual(['paste', 'return']);
    expect(keys[0]!.text).toBe('hello world');
    expect(parseKeys('é')[0]).toMatchObject({ name: 'é', text: 'é' });
    expect(parseKeys('?')[0]!.text).toBe('?');
  });

  it('matches key specs with modifiers', () => {
    const ctrlS = parseKey('\x13')!;
    expect(isKey(ctrlS, 'ctrl+s')).toBe(true);
    expect(isKey(ctrlS, 's')).toBe(false);
    expect(isKey(parseKey('\x1bG')!, 'meta+shift+g')).toBe(true);
    expect(isKey(parseKey('\x1bg')!, 'meta+shift+g')).toBe(false);
    expect(isKey(parseKey('\x1bg')!, 'meta+g')).toBe(true);
  });
});
