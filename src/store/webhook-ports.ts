import type { Destination } from '../domain/types.js';

/** A destination's webhook (issue 21): its alerts are also POSTed, signed, to `url`. */
export interface Webhook {
  /** Short random id (`wh` + 8 characters), shown to the owner and used by `/webhook test|remove`. */
  readonly id: string;
  readonly destination: Destination;
  /** The URL as checked when it was added (https, or an operator-allowed host). */
  readonly url: string;
  /**
   * Standard Webhooks signing secret (`whsec_<base64>`). Shown to the owner once, when added; never
   * logged, listed or put into a queued job (the sender reads it from here at send time).
   */
  readonly secret: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

export type AddWebhookResult =
  | { readonly ok: true; readonly webhook: Webhook }
  | { readonly ok: false; readonly reason: 'limit'; readonly count: number };

/** Default (and the issue's) webhooks per destination. */
export const MAX_WEBHOOKS_PER_DESTINATION = 3;

/** The webhooks of destinations. Every method is one round trip (`byDestinations`: two when any has one). */
export interface WebhookStore {
  /** Adds it unless the destination has `max` already (checked atomically with the insert). */
  add(spec: Omit<Webhook, 'id'>, max: number): Promise<AddWebhookResult>;
  /** The destination's webhooks, oldest first. */
  list(destination: Destination): Promise<Webhook[]>;
  /** One webhook by id (the sender reads its URL and secret at send time). */
  get(id: string): Promise<Webhook | undefined>;
  /** Removes the destination's webhook `id` (another destination's id is not found). Returns whether it existed. */
  remove(destination: Destination, id: string): Promise<boolean>;
  /** Webhooks of each destination key; keys without any are absent. */
  byDestinations(destKeys: readonly string[]): Promise<Map<string, Webhook[]>>;
  /** How many webhooks exist in all (the delivery path skips the lookup when none do). */
  count(): Promise<number>;
}
