import type { TokenInfo } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { parseSymbol } from './parse.js';
import { errorReply } from './replies.js';
import type { CommandDeps, Reply } from './types.js';

export type TokenResult =
  /** `symbol`: the validated, upper-cased input (safe for deep links); `token.symbol` is the directory's. */
  | { readonly ok: true; readonly token: TokenInfo; readonly symbol: string }
  | { readonly ok: false; readonly reply: Reply };

/**
 * Validates a symbol argument and resolves it through the token directory. Unknown symbols get a
 * friendly reply and nothing is stored. Directory failures propagate (runCommand turns them into a
 * generic error) because "unknown" would be a lie. `t`: the reply's language (`ctx.t`).
 */
export async function resolveToken(
  raw: string | undefined,
  deps: CommandDeps,
  t: Translate,
): Promise<TokenResult> {
  const parsed = parseSymbol(raw ?? '', t);
  if (!parsed.ok) return { ok: false, reply: errorReply(parsed.error) };
  const token = await deps.directory.resolve(parsed.value);
  if (!token) {
    return {
      ok: false,
      reply: errorReply(t('token-unknown', { symbol: parsed.value })),
    };
  }
  return { ok: true, token, symbol: parsed.value };
}
