import { randomBytes } from 'node:crypto';
import type { AgentCard, AgentSkill } from '@a2a-js/sdk';

/**
 * The agents this process knows, by card name: long-lived ones (the service
 * itself, a worker) and short-lived sub-agents, whose cards point at the
 * local bus (`bus://local/{name}`).
 */
export class AgentRegistry {
  private readonly cards = new Map<string, AgentCard>();

  register(card: AgentCard): void {
    this.cards.set(card.name, card);
  }

  deregister(name: string): boolean {
    return this.cards.delete(name);
  }

  get(name: string): AgentCard | undefined {
    return this.cards.get(name);
  }

  names(): string[] {
    return [...this.cards.keys()];
  }

  get size(): number {
    return this.cards.size;
  }

  /** A card for a short-lived local agent, registered at once. */
  createEphemeral(name: string, description: string, skills: readonly AgentSkill[] = []): AgentCard {
    const card: AgentCard = {
      name,
      description,
      supportedInterfaces: [{ url: `bus://local/${name}`, protocolBinding: 'BUS', tenant: '', protocolVersion: '1.0' }],
      provider: undefined,
      version: 'ephemeral',
      capabilities: { streaming: true, pushNotifications: false, extensions: [] },
      securitySchemes: {},
      securityRequirements: [],
      defaultInputModes: ['text/plain'],
      defaultOutputModes: ['text/plain'],
      skills: [...skills],
      signatures: [],
    };
    this.register(card);
    return card;
  }
}

/** A fresh name for an ephemeral agent: `prefix-<8 hex>`. */
export function ephemeralName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
