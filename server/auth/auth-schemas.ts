import { z } from '@hono/zod-openapi';

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['user', 'admin']),
  })
  .openapi('User');

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().describe('Send it back in X-CSRF-Token on every change.'),
  })
  .openapi('Session');

export const SignupSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()).openapi({ example: 'ada@example.com' }),
    password: z.string().min(10).max(200).openapi({ example: 'a long passphrase' }),
    name: z.string().trim().min(1).max(80).openapi({ example: 'Ada' }),
  })
  .strict()
  .openapi('Signup');

export const LoginSchema = z
  .object({ email: z.string().trim().toLowerCase().min(1).max(320), password: z.string().min(1).max(200) })
  .strict()
  .openapi('Login');

export const NewTokenSchema = z
  .object({ name: z.string().trim().min(1).max(80).openapi({ example: 'my laptop CLI' }) })
  .strict()
  .openapi('NewApiToken');

export const ApiTokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to recognise it.'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const CreatedTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('The token itself. Shown only now: store it safely.'),
}).openapi('CreatedApiToken');
