import type { ToolDefinition } from '../tool.ts';
import { applyPatchTool } from './apply-patch.ts';
import { editTool } from './edit.ts';
import { multieditTool } from './multiedit.ts';
import { undoTool } from './undo.ts';

export { recordChange, type SnapshotContext } from './snapshots.ts';
export { writeFileAtomic } from './file-io.ts';

/** The file-editing tools: edit, multiedit, apply_patch, undo. */
export const editTools: ToolDefinition[] = [editTool, multieditTool, applyPatchTool, undoTool];
