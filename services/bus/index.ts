export { AgentBus, type AgentBusOptions, type BusStats, type PublishOptions } from './agent-bus.ts';
export { BusHandle } from './handle.ts';
export { topics, topicMatches, type BusArtifact, type BusEnvelope, type BusMessage, type BusPart, type BusTaskState } from './messages.ts';
export { AgentRegistry, ephemeralName } from './registry.ts';
export { BusSubscription, type SubscriptionOptions } from './subscription.ts';
