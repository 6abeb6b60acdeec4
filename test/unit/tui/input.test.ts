import { describe, expect, it } from '@jest/globals';
import { initialInput, inputReducer, type InputAction, type InputState } from '../../../cli/tui/state/input.ts';
import { inputRows } from '../../../cli/tui/state/input-rows.ts';

function apply(state: InputState, ...actions: InputAction[]): InputState {
  return actions.reduce(inputReducer, state);
}

const type = (text: string): InputAction => ({ type: 'input/insert', text });

describe('the TUI input', () => {
  it('edits at the cursor, across lines', () => {
    let s = apply(initialInput(), type('helo'), { type: 'input/left' }, type('l'));
    expect(s.text).toBe('hello');
    s = apply(s, { type: 'input/end' }, type('\n'), type('world'), { type: 'input/up' });
    expect(s.text).toBe('hello\nworld');
    expect(s.cursor).toBe(5);
    s = apply(s, { type: 'input/home' }, { type: 'input/delete' });
    expect(s.text).toBe('ello\nworld');
    s = apply(s, { type: 'input/down' }, { type: 'input/end' }, { type: 'input/delete-word' });
    expect(s.text).toBe('ello\n');
    s = apply(s, { type: 'input/backspace' }, { type: 'input/backspace' });
    expect(s.text).toBe('ell');
  });

  it('keeps a history: Up at the first line recalls, Down returns to the draft', () => {
    let s = apply(initialInput(), { type: 'input/submitted', text: 'first' }, { type: 'input/submitted', text: 'second' }, type('draft'));
    expect(s.history).toEqual(['first', 'second']);
    s = apply(s, { type: 'input/up' });
    expect(s.text).toBe('second');
    s = apply(s, { type: 'input/up' }, { type: 'input/up' });
    expect(s.text).toBe('first');
    s = apply(s, { type: 'input/down' }, { type: 'input/down' });
    expect(s.text).toBe('draft');
  });

  it('searches history with Ctrl+R: prefix first, then substring, older on each press', () => {
    let s = apply(initialInput(['fix the parser', 'add a test', 'fix the lexer', 'please fix it']), type('fix'), { type: 'input/search' });
    expect(s.text).toBe('fix the lexer');
    s = apply(s, { type: 'input/search' });
    expect(s.text).toBe('fix the parser');
    s = apply(initialInput(['please fix it']), type('fix'), { type: 'input/search' });
    expect(s.text).toBe('please fix it');
  });

  it('wraps rows for display and places the cursor', () => {
    const rows = inputRows('abcdefgh\nxy', 11, 5);
    expect(rows.rows).toEqual(['abcd', 'efgh', 'xy']);
    expect(rows.cursorRow).toBe(2);
    expect(rows.cursorIndex).toBe(2);
  });
});
