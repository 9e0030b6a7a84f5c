import * as svc from '../../wailsjs/go/backend/AgentService';
import { call } from './errors';
import type { AgentAssignment, AgentsView } from './types';

/** The agents (or phone numbers) of a sub-account's provider account, with their assignment. */
export function listAgents(subAccountId: number): Promise<AgentsView> {
  return call(() => svc.List(subAccountId));
}

/** Reads the agents from the provider now. AppError: invalid (no credentials), unavailable. */
export function refreshAgents(subAccountId: number): Promise<AgentsView> {
  return call(() => svc.Refresh(subAccountId));
}

/** Assigns an agent to a sub-account on the same provider account (ownerId 0: nobody). */
export function assignAgent(input: AgentAssignment): Promise<AgentsView> {
  return call(() => svc.Assign({ ...input }));
}
