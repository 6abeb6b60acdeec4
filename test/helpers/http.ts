export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export async function getJson<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as T };
}
