import { conversationMarkers } from '../detect.ts';
import type { ChunkRules } from './chunker.ts';

const markers = [...conversationMarkers, '[System]:', 'System:'];

/** Conversation: one unit per turn, titled with who speaks and how it begins. */
export function conversationRules(): ChunkRules {
  return {
    boundary: (text) => {
      const t = text.trimStart();
      return markers.some((m) => t.startsWith(m)) ? t.slice(0, 70) : undefined;
    },
    opening: (text) => text.trim() || 'start',
    softBreak: (text) => text.trim() === '',
    merged: (titles, units) => `${titles[0]} (+${units - 1} turn${units === 2 ? '' : 's'})`,
  };
}
