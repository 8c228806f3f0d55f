/** How the control plane's OpenAPI document describes ADMIN_TOKEN and the guard's refusals (401, 403). */

const controlError = (description: string, error: string, message: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { error: { type: 'string' }, message: { type: 'string' } },
        required: ['error', 'message'],
      },
      example: { error, message },
    },
  },
});

/** ADMIN_TOKEN, when set, guards every route (core/http/control-plane-guard.ts): a bearer token, optional otherwise. */
export const CONTROL_PLANE_SECURITY = {
  securitySchemes: {
    AdminToken: {
      type: 'http' as const,
      scheme: 'bearer' as const,
      description: 'ADMIN_TOKEN: required on every /__admin route when the server sets it; without it, none is needed',
    },
  },
  security: [{ AdminToken: [] }, {}] as Array<Record<string, string[]>>,
  commonResponses: {
    '401': controlError(
      'ADMIN_TOKEN is set and the request does not carry it as Authorization: Bearer <token>',
      'unauthorized',
      'The control plane requires Authorization: Bearer <ADMIN_TOKEN>.',
    ),
    '403': controlError(
      'The Host is not allowed (DNS rebinding protection) or the Origin is another site',
      'forbidden_host',
      'Host "evil.example" is not allowed on the control plane (DNS rebinding protection).',
    ),
  },
};
