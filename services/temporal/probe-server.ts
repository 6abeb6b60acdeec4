import { Connection } from '@temporalio/client';

/** True when a Temporal frontend answers at `address` and serves `namespace`. */
export async function temporalAnswers(address: string, namespace: string, timeoutMs = 1_000): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    await connection.withDeadline(Date.now() + timeoutMs, () =>
      connection!.workflowService.describeNamespace({ namespace }),
    );
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
