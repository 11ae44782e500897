import { pathToFileURL } from 'node:url';
import { REST, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';
import { commands } from '#commands/index.js';
import { otherLanguages } from '#src/i18n/catalog.js';
import { parseConfig } from '../../config/index.js';
import { toSlashCommands } from './slash.js';

/**
 * `npm run deploy-commands`: registers the slash commands, globally or in one guild
 * (DISCORD_GUILD_ID, instant; good for testing). It first GETs what Discord has and only PUTs (bulk
 * overwrite) when our definitions differ, so running it on every release is cheap and does not eat
 * the daily command-creation limit. Never run on boot.
 * The commands carry name and description localizations for every shipped language (issue 22); the
 * GET asks for them (`with_localizations=true`), else Discord leaves them out and every run would PUT.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Defaults Discord fills in that mean "not set" on our side. */
const DEFAULTS: Readonly<Record<string, Json>> = {
  required: false,
  autocomplete: false,
  type: 1,
  options: [],
};

/**
 * Projects the remote value onto the keys we send, filling Discord's defaults: fields Discord adds
 * (id, version, nsfw, name_localizations, ...) do not count as a difference, fields we set do.
 */
export function project(local: Json, remote: Json | undefined): Json | undefined {
  if (Array.isArray(local)) {
    if (!Array.isArray(remote)) return remote;
    return local.map((l, i) => project(l, remote[i]) ?? null);
  }
  if (local !== null && typeof local === 'object') {
    if (remote === null || typeof remote !== 'object' || Array.isArray(remote)) return remote;
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(local)) {
      const r = k in remote ? remote[k] : DEFAULTS[k];
      const p = r === undefined ? undefined : project(v, r);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return remote;
}

const sortJson = (v: Json): Json =>
  Array.isArray(v)
    ? v.map(sortJson)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortJson(v[k] ?? null)]),
        )
      : v;

/** True when Discord's current commands already equal ours (order of commands ignored). */
export function sameCommands(local: readonly Json[], remote: readonly Json[]): boolean {
  if (local.length !== remote.length) return false;
  const nameOf = (c: Json) => (c && typeof c === 'object' && !Array.isArray(c) ? String(c.name) : '');
  const byName = new Map(remote.map((r) => [nameOf(r), r]));
  return local.every((l) => {
    const r = byName.get(nameOf(l));
    return r !== undefined && JSON.stringify(sortJson(l)) === JSON.stringify(sortJson(project(l, r) ?? null));
  });
}

export interface DeployResult {
  readonly action: 'unchanged' | 'deployed';
  readonly scope: 'global' | 'guild';
  readonly count: number;
}

export async function deployCommands(opts: {
  rest: REST;
  applicationId: string;
  guildId?: string | undefined;
  body?: RESTPostAPIChatInputApplicationCommandsJSONBody[];
}): Promise<DeployResult> {
  const body = opts.body ?? toSlashCommands(commands, otherLanguages());
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const scope = opts.guildId ? 'guild' : 'global';
  const local = JSON.parse(JSON.stringify(body)) as Json[];
  // A server that cannot list commands (some test doubles) just gets the PUT.
  const query = new URLSearchParams({ with_localizations: 'true' });
  const remote = await opts.rest.get(route, { query }).catch(() => undefined);
  if (Array.isArray(remote) && sameCommands(local, remote as Json[])) {
    return { action: 'unchanged', scope, count: body.length };
  }
  await opts.rest.put(route, { body });
  return { action: 'deployed', scope, count: body.length };
}

async function main(): Promise<number> {
  // The same parsing and validation as the bot (X_FILE secrets, https-only API base, snowflake ids).
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(`deploy-commands: ${p}`);
    return 1;
  }
  const discord = parsed.config.discord;
  if (!discord) {
    console.error(
      'deploy-commands: DISCORD_TOKEN (or DISCORD_TOKEN_FILE) and DISCORD_APPLICATION_ID are required',
    );
    return 1;
  }
  const rest = new REST({ api: discord.apiBase, version: '10' }).setToken(discord.token);
  const res = await deployCommands({ rest, applicationId: discord.applicationId, guildId: discord.guildId });
  const where = res.scope === 'guild' ? `guild ${discord.guildId}` : 'globally';
  console.log(
    res.action === 'unchanged'
      ? `deploy-commands: ${res.count} commands already up to date ${where}; nothing sent.`
      : `deploy-commands: deployed ${res.count} commands ${where}.`,
  );
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // The REST error never includes the token; print only its message.
      console.error(`deploy-commands failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
