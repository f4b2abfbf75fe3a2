import type { Reply } from '../http';
import type { RequestContext } from '../router';

/**
 * A Taskcluster API error: `{code, message, requestInfo}`, the message ending with the same
 * `---` block of method / errorCode / statusCode / time the real services append.
 */
export function tcError(
  ctx: Pick<RequestContext, 'params'> | null,
  status: number,
  code: string,
  message: string,
  method: string,
  payload: unknown = {},
): Reply {
  const time = new Date().toISOString();
  const details = [
    '',
    '---',
    '',
    `* method:     ${method}`,
    `* errorCode:  ${code}`,
    `* statusCode: ${status}`,
    `* time:       ${time}`,
  ];
  return {
    status,
    json: {
      code,
      message: `${message}\n${details.join('\n')}`,
      requestInfo: { method, params: paramsObject(ctx), payload, time },
    },
  };
}

function paramsObject(ctx: Pick<RequestContext, 'params'> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, p] of (ctx?.params ?? []).entries()) out[String(i)] = p;
  return out;
}

export function insufficientScopes(
  ctx: RequestContext,
  method: string,
  clientId: string,
  required: string,
  payload: unknown,
): Reply {
  const message = [
    `Client ID ${clientId} does not have sufficient scopes and is missing the following scopes:`,
    '',
    '```',
    required,
    '```',
    '',
    'This request requires the client to satisfy the following scope expression:',
    '',
    '```',
    JSON.stringify(required),
    '```',
  ].join('\n');
  return tcError(ctx, 403, 'InsufficientScopes', message, method, payload);
}

export function resourceNotFound(ctx: RequestContext, method: string, what: string): Reply {
  return tcError(ctx, 404, 'ResourceNotFound', what, method);
}
