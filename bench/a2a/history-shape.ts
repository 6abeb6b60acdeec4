// What one durable task costs Temporal, from its history: events, workflow
// tasks (each a round trip to the worker, and what a query waits behind),
// activities by type, updates and signals.
import type { Client } from '@temporalio/client';

export async function historyShape(client: Client, taskId: string): Promise<string> {
  const events = (await client.workflow.getHandle(taskId).fetchHistory()).events ?? [];
  let workflowTasks = 0;
  let updates = 0;
  let signals = 0;
  const activities = new Map<string, number>();
  for (const event of events) {
    if (event.workflowTaskCompletedEventAttributes) workflowTasks += 1;
    if (event.workflowExecutionUpdateAcceptedEventAttributes) updates += 1;
    if (event.workflowExecutionSignaledEventAttributes) signals += 1;
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type) activities.set(type, (activities.get(type) ?? 0) + 1);
  }
  const activityList = [...activities].map(([name, n]) => `${name}×${n}`).join(', ') || 'none';
  return `${events.length} events, ${workflowTasks} workflow tasks, activities ${activityList}, ${updates} updates, ${signals} signals`;
}
