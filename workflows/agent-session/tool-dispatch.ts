import { ActivityCancellationType, condition, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { ToolResult } from '../../services/tools/tool.ts';
import type { SessionActivities } from '../../activities/session.ts';
import type { SessionEventSink } from './audit.ts';
import type { StepToolCall } from './llm.ts';
import { runRlmTool } from './rlm-tool.ts';
import type { SessionState } from './state.ts';
import type { SwarmMember } from './swarm-member.ts';
import type { AgentSessionInput, AgentSessionResult, SessionEvent, SessionSettings, WorkspaceRef } from './types.ts';

/** Tools that only read; they may run side by side. Everything else runs alone, in the order the model asked. */
const readOnlyTools = new Set(['read', 'list', 'glob', 'grep', 'codesearch', 'webfetch', 'websearch', 'image', 'skill', 'todoread', 'lsp', 'rlm']);

/** Tools the workflow carries out itself; they cannot run inside batch. */
const workflowOnly = new Set(['question', 'task', 'plan_enter', 'plan_exit', 'rlm', 'swarm_share']);

const previewChars = 400;

export interface DispatchDeps {
  readonly state: SessionState;
  readonly settings: SessionSettings;
  readonly workspace: WorkspaceRef;
  readonly events: SessionEventSink;
  readonly turnId: string;
  readonly childWorkflow: (input: AgentSessionInput) => Promise<AgentSessionResult>;
  /** Set for a swarm's sub-agent: swarm_share goes to its swarm. */
  readonly swarm?: SwarmMember;
  /** Tell an A2A client the task now waits for it (push notifications). */
  readonly onInputRequired?: (text: string) => void;
  /** …and that it is working again once the input arrived. */
  readonly onResumed?: () => void;
}

export interface ToolOutcome {
  readonly call: StepToolCall;
  readonly result: ToolResult;
}

function errorResult(tool: string, code: string, message: string): ToolResult {
  return { success: false, output: JSON.stringify({ error: { code, tool, message } }), metadata: { error_code: code, tool } };
}

function okResult(output: string, metadata: Record<string, unknown> = {}): ToolResult {
  return { success: true, output, metadata };
}

/** A tool call's activity: bash gets as long as it asked for, everything else ten minutes. */
function toolActivity(workspace: WorkspaceRef, settings: SessionSettings, call: StepToolCall) {
  const requested = (call.input as { timeout?: unknown } | null)?.timeout;
  const seconds = call.tool === 'bash' && typeof requested === 'number' && requested > 0 ? Math.min(requested, 3600) : 120;
  const { runTool } = proxyActivities<SessionActivities>({
    taskQueue: workspace.taskQueue,
    startToCloseTimeout: `${seconds + 600} seconds`,
    heartbeatTimeout: `${settings.toolHeartbeatSeconds ?? 30} seconds`,
    // A cancelled tool call is over only when its processes are gone.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 5 },
  });
  return runTool;
}

function needsApproval(settings: SessionSettings, tool: string): boolean {
  if (settings.autoApprove === 'all') return false;
  if (settings.autoApprove === 'safe') return !readOnlyTools.has(tool);
  return true;
}

async function awaitApproval(deps: DispatchDeps, call: StepToolCall): Promise<string | undefined> {
  const approval = { callId: call.callId, turnId: deps.turnId, tool: call.tool, input: call.input };
  deps.state.pendingApprovals.set(call.callId, approval);
  deps.events.publish({ type: 'approval-request', approval });
  deps.onInputRequired?.(`approve ${call.tool}?`);
  await condition(() => deps.state.approvals.has(call.callId));
  deps.state.pendingApprovals.delete(call.callId);
  deps.onResumed?.();
  const decision = deps.state.approvals.get(call.callId)!;
  deps.state.approvals.delete(call.callId);
  return decision.approved ? undefined : (decision.reason ?? 'the user declined this tool call');
}

async function runActivityTool(deps: DispatchDeps, call: StepToolCall): Promise<ToolResult> {
  if (needsApproval(deps.settings, call.tool)) {
    const denied = await awaitApproval(deps, call);
    if (denied !== undefined) return errorResult(call.tool, 'PERMISSION_DENIED', denied);
  }
  return toolActivity(deps.workspace, deps.settings, call)({
    sessionId: deps.state.sessionId,
    workspaceRoot: deps.workspace.root,
    callId: call.callId,
    tool: call.tool,
    input: call.input,
  });
}

async function askQuestion(deps: DispatchDeps, call: StepToolCall): Promise<ToolResult> {
  const input = (call.input ?? {}) as { question?: unknown; options?: unknown; default?: unknown };
  if (typeof input.question !== 'string' || input.question.trim() === '') {
    return errorResult('question', 'INVALID_ARGUMENT', 'question: a non-empty string is required');
  }
  const options = Array.isArray(input.options) ? input.options.filter((o): o is string => typeof o === 'string') : undefined;
  const question = {
    questionId: call.callId,
    turnId: deps.turnId,
    question: input.question,
    ...(options && options.length > 0 ? { options } : {}),
    ...(typeof input.default === 'string' ? { default: input.default } : {}),
  };
  deps.state.pendingQuestion = question;
  deps.events.publish({ type: 'question', question });
  deps.onInputRequired?.(question.question);
  await condition(() => deps.state.answers.has(call.callId));
  const answer = deps.state.answers.get(call.callId)!;
  deps.state.answers.delete(call.callId);
  deps.state.pendingQuestion = undefined;
  deps.onResumed?.();
  return okResult(answer.trim() === '' && question.default !== undefined ? question.default : answer);
}

async function runBatch(deps: DispatchDeps, call: StepToolCall): Promise<ToolResult> {
  const calls = (call.input as { calls?: unknown } | null)?.calls;
  if (!Array.isArray(calls) || calls.length === 0) return errorResult('batch', 'INVALID_ARGUMENT', 'calls: a non-empty array is required');
  const results = await Promise.all(
    calls.map(async (raw, index): Promise<string> => {
      const entry = raw as { tool?: unknown; args?: unknown };
      const tool = typeof entry.tool === 'string' ? entry.tool : '';
      const sub: StepToolCall = { callId: `${call.callId}.${index}`, tool, input: entry.args ?? {} };
      const result =
        tool === 'batch' || workflowOnly.has(tool)
          ? errorResult(tool, 'INVALID_ARGUMENT', `${tool || '(none)'} cannot run inside batch`)
          : await runActivityTool(deps, sub);
      return `[${index}] ${result.success ? '✓' : '✗'} ${tool}:\n${result.output}`;
    }),
  );
  return okResult(results.join('\n\n'), { calls: calls.length });
}

async function runTask(deps: DispatchDeps, call: StepToolCall): Promise<ToolResult> {
  const input = (call.input ?? {}) as { description?: unknown; prompt?: unknown; max_steps?: unknown };
  if (typeof input.prompt !== 'string' || input.prompt.trim() === '') {
    return errorResult('task', 'INVALID_ARGUMENT', 'prompt: complete instructions for the sub-agent are required');
  }
  const childId = `${deps.state.sessionId}.task-${uuid4()}`;
  const maxSteps = typeof input.max_steps === 'number' ? Math.min(Math.max(1, Math.floor(input.max_steps)), 100) : 25;
  const result = await deps.childWorkflow({
    sessionId: childId,
    workspace: deps.workspace,
    settings: {
      ...deps.settings,
      maxSteps,
      oneShot: true,
      excludeTools: [...new Set([...deps.settings.excludeTools, 'task', 'question'])],
    },
    message: { turnId: uuid4(), text: input.prompt },
  });
  const turn = result.turns.at(-1);
  if (turn === undefined || turn.status !== 'completed') {
    return errorResult('task', 'EXECUTION_FAILED', `sub-agent ${childId} ended ${turn?.status ?? 'without a turn'}: ${turn?.error ?? ''}`);
  }
  return okResult(turn.answer ?? '', { session_id: childId, steps: turn.steps, stop_reason: turn.stopReason });
}

function planEnter(deps: DispatchDeps, call: StepToolCall): ToolResult {
  const input = (call.input ?? {}) as { goal?: unknown; steps?: unknown };
  if (deps.state.plan?.active) return errorResult('plan_enter', 'INVALID_ARGUMENT', 'already in plan mode; finish it with plan_exit');
  const steps = Array.isArray(input.steps) ? input.steps.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
  if (typeof input.goal !== 'string' || steps.length === 0) {
    return errorResult('plan_enter', 'INVALID_ARGUMENT', 'goal and at least one step are required');
  }
  deps.state.plan = { goal: input.goal, steps: steps.map((text) => ({ text, done: false })), active: true };
  return okResult(`Plan: ${input.goal}\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`);
}

function planExit(deps: DispatchDeps, call: StepToolCall): ToolResult {
  const plan = deps.state.plan;
  if (!plan?.active) return errorResult('plan_exit', 'INVALID_ARGUMENT', 'not in plan mode');
  const input = (call.input ?? {}) as { step_complete?: unknown; summary?: unknown };
  if (typeof input.step_complete === 'number') {
    const step = plan.steps[input.step_complete - 1];
    if (step === undefined) return errorResult('plan_exit', 'INVALID_ARGUMENT', `no step ${input.step_complete}`);
    step.done = true;
  }
  if (typeof input.summary === 'string' || plan.steps.every((s) => s.done)) plan.active = false;
  const lines = plan.steps.map((s, i) => `${s.done ? '✓' : '○'} ${i + 1}. ${s.text}`);
  return okResult(`${plan.active ? 'Plan in progress' : 'Plan finished'}: ${plan.goal}\n${lines.join('\n')}`);
}


async function runOne(deps: DispatchDeps, call: StepToolCall): Promise<ToolResult> {
  if (call.invalid !== undefined) {
    const known = new Set((deps.state.tools ?? []).map((t) => t.name));
    if (!known.has(call.tool)) {
      return toolActivity(deps.workspace, deps.settings, call)({
        sessionId: deps.state.sessionId,
        workspaceRoot: deps.workspace.root,
        callId: call.callId,
        tool: 'invalid',
        input: { requested_tool: call.tool, args: call.input },
      });
    }
    return errorResult(call.tool, 'INVALID_ARGUMENT', `the arguments could not be parsed: ${call.invalid}`);
  }
  switch (call.tool) {
    case 'question':
      return askQuestion(deps, call);
    case 'batch':
      return runBatch(deps, call);
    case 'task':
      return runTask(deps, call);
    case 'rlm':
      return runRlmTool({ sessionId: deps.state.sessionId, workspace: deps.workspace, settings: deps.settings }, call);
    case 'plan_enter':
      return planEnter(deps, call);
    case 'plan_exit':
      return planExit(deps, call);
    case 'swarm_share':
      return deps.swarm ? deps.swarm.share(call) : errorResult('swarm_share', 'INVALID_ARGUMENT', 'swarm_share works only for the sub-agents of a swarm');
    default:
      return runActivityTool(deps, call);
  }
}

/**
 * Run one step's tool calls: consecutive read-only calls side by side, every
 * other call alone and in order, so edits never race each other.
 */
export async function dispatchToolCalls(deps: DispatchDeps, calls: readonly StepToolCall[]): Promise<ToolOutcome[]> {
  const outcomes: ToolOutcome[] = [];
  let index = 0;
  while (index < calls.length) {
    const group: StepToolCall[] = [];
    while (index < calls.length && readOnlyTools.has(calls[index]!.tool) && calls[index]!.invalid === undefined) {
      group.push(calls[index]!);
      index += 1;
    }
    if (group.length === 0) group.push(calls[index++]!);
    for (const call of group) deps.events.publish({ type: 'tool-call', turnId: deps.turnId, callId: call.callId, tool: call.tool, input: call.input });
    const results = await Promise.all(group.map((call) => runOne(deps, call)));
    group.forEach((call, i) => {
      const result = results[i]!;
      deps.events.publish({
        type: 'tool-result',
        turnId: deps.turnId,
        callId: call.callId,
        tool: call.tool,
        success: result.success,
        preview: result.output.slice(0, previewChars),
      });
      outcomes.push({ call, result });
    });
  }
  return outcomes;
}

