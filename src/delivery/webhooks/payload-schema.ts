import { z } from 'zod';

/**
 * The JSON body of a webhook request (issue 21), version 1. This zod schema is the contract: the
 * JSON Schema in docs/webhook-payload.schema.json is generated from it (test/delivery/webhooks/payload.test.ts
 * checks the two agree and validates real payloads built by payload.ts). Add fields, never rename or
 * remove them. The bot itself only uses its type, so zod stays out of the delivery path's modules.
 */
const iso = z.iso.datetime().describe('ISO 8601 time, UTC');
const nullableNumber = z.number().nullable();

export const WebhookPayloadSchema = z
  .object({
    type: z.enum(['tokenwatch.alert', 'tokenwatch.test']).describe('tokenwatch.test: sent by /webhook test'),
    version: z.literal(1),
    id: z.string().min(1).describe("The event's id; also the webhook-id header: dedupe on it"),
    kind: z
      .enum([
        'signal_flip',
        'level_approach',
        'level_touch',
        'level_breakout',
        'metric_cross',
        'grade_change',
        'price_alert',
        'test',
      ])
      .describe('What happened'),
    detectedAt: iso.describe('When tokenwatch detected it'),
    token: z.object({
      id: z.number().int().describe('Token Metrics TOKEN_ID'),
      symbol: z.string(),
      name: z.string(),
    }),
    price: z
      .object({
        usd: z.number(),
        source: z
          .string()
          .describe('Where the price was seen: Token Metrics, an exchange pair, the demo replay'),
        at: iso.describe('When the price was seen'),
      })
      .nullable(),
    level: z
      .object({
        usd: z.number(),
        side: z.enum(['support', 'resistance']),
        strength: z.number().describe('0..100'),
        distancePct: z.number().describe('|price - level| / level, percent'),
        direction: z.enum(['up', 'down']).describe('Breakouts: the way it broke; else the way price moves'),
      })
      .nullable(),
    signal: z
      .object({
        timeframe: z.enum(['daily', 'hourly']),
        from: z.number().int().min(-1).max(1).describe('-1 bearish, 0 neutral, 1 bullish'),
        to: z.number().int().min(-1).max(1),
      })
      .nullable(),
    grade: z
      .object({
        tmGrade: nullableNumber.describe('TM_GRADE 0..100'),
        traderGrade: nullableNumber.describe('TRADER_GRADE 0..100'),
        from: z.string().nullable().describe('grade_change: the previous grade signal'),
        to: z.string().nullable(),
      })
      .nullable(),
    metric: z
      .object({
        name: z.string().describe('As the API spells it, e.g. SHARPE'),
        value: z.number(),
        threshold: z.number(),
        direction: z.enum(['up', 'down']),
      })
      .nullable(),
    priceAlert: z
      .object({
        alertId: z.string(),
        rule: z.string().describe('The condition as written, e.g. "above $210.00 and signal bullish"'),
        repeat: z.enum(['once', 'every']),
        changePct: nullableNumber,
        priceBefore: nullableNumber,
      })
      .nullable(),
    message: z.string().describe('The alert as plain text, as the chat shows it'),
    links: z.object({ token: z.string().nullable().describe("The token's page, when the API gave one") }),
    destination: z
      .object({ platform: z.string(), kind: z.enum(['channel', 'group', 'dm']) })
      .describe("The webhook owner's kind of destination (no ids)"),
    demo: z.boolean().describe('true: bundled replay data, not the live market'),
  })
  .meta({
    title: 'tokenwatch webhook payload',
    $id: 'https://tokenwatch.dev/schemas/webhook-payload-v1.json',
  });

export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;
