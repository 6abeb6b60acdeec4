import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { codetetherSearchAttributes } from '../../workflows/search-attributes.ts';

const keyword = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

export class SearchAttributesMissingError extends Error {
  override readonly name = 'SearchAttributesMissingError';
}

export async function missingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const response = await connection.operatorService.listSearchAttributes({ namespace });
  const custom = response.customAttributes ?? {};
  return codetetherSearchAttributes.map((key) => key.name).filter((name) => custom[name] === undefined);
}

/**
 * The embedded dev server registers our search attributes at start; an older
 * SQLite file may predate one, so add whatever is missing.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const missing = await missingSearchAttributes(connection, namespace);
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((name) => [name, keyword])),
  });
}

/** On a real cluster we do not change the namespace ourselves: say exactly what to run. */
export async function verifySearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const missing = await missingSearchAttributes(connection, namespace);
  if (missing.length === 0) return;
  const commands = missing.map(
    (name) => `    temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`,
  );
  throw new SearchAttributesMissingError(
    `the Temporal namespace "${namespace}" lacks search attributes CodeTether needs: ${missing.join(', ')}.\n` +
      `Create them once (Temporal Cloud: in the namespace settings or with tcld):\n${commands.join('\n')}`,
  );
}
