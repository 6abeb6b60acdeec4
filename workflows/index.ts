// The workflow bundle's entry: every workflow type the worker registers.
export { probeWorkflow } from './probe.ts';
export { agentSessionWorkflow } from './agent-session/workflow.ts';
export { ralphWorkflow } from './ralph/workflow.ts';
export { rlmWorkflow } from './rlm/workflow.ts';
export { conformanceWorkflow } from './conformance/workflow.ts';
export { swarmWorkflow } from './swarm/workflow.ts';
