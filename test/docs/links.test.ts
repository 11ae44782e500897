import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchors, brokenLinks, docFiles, links, slug } from './markdown.js';

/**
 * The README is short and the rest lives in docs/ (issue 18): every relative link and image in README.md
 * and docs/*.md must resolve to a file, every #anchor to a heading of its page, and every docs page must
 * be reachable from the README.
 */
const root = join(import.meta.dirname, '..', '..');
const files = docFiles(root, (dir) => readdirSync(dir));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('GitHub heading anchors', () => {
  it.each([
    ['Token Metrics: plans, credits and key rotation', 'token-metrics-plans-credits-and-key-rotation'],
    [
      '`/why` and `/stats`: silences explained, outcomes measured',
      'why-and-stats-silences-explained-outcomes-measured',
    ],
    ['1. Create the application', '1-create-the-application'],
    ['Long polling (default) or webhook', 'long-polling-default-or-webhook'],
    ['Live prices: `src/live/`', 'live-prices-srclive'],
    ['What a **US-hosted** bot gets', 'what-a-us-hosted-bot-gets'],
    ['See [Live prices](#live-prices)', 'see-live-prices'],
    ['snake_case and ünïcode', 'snake_case-and-ünïcode'],
  ])('%s → #%s', (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });

  it('numbers repeated headings and ignores "#" lines inside code blocks', () => {
    const md = ['# Setup', '## Run', '```sh', '# not a heading', '```', '## Run', '### Run'].join('\n');
    expect([...anchors(md)]).toEqual(['setup', 'run', 'run-1', 'run-2']);
  });

  it('slugs the text of code spans in a heading', () => {
    expect([...anchors('### `/why` and `/stats`: silences explained')]).toEqual([
      'why-and-stats-silences-explained',
    ]);
  });
});

describe('link extraction', () => {
  it('finds links and images, not examples in code', () => {
    const md = [
      'See [the docs](docs/a.md#top) and ![a picture](docs/p.png).',
      'Run `npm run dead-letters -- list [limit](x)`, or [`src/app`](src/app/).',
      '```',
      '[not](a-link.md)',
      '```',
      '[web](https://example.com)',
    ].join('\n');
    expect(links(md)).toEqual([
      { line: 1, target: 'docs/a.md#top', image: false },
      { line: 1, target: 'docs/p.png', image: true },
      { line: 2, target: 'src/app/', image: false },
      { line: 6, target: 'https://example.com', image: false },
    ]);
  });
});

describe('brokenLinks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing file, a missing anchor and a missing picture, and passes the rest', () => {
    mkdirSync(join(dir, 'docs'));
    writeFileSync(
      join(dir, 'docs', 'a.md'),
      '# A page\n\n## Section one\n\nBack to [the README](../README.md#intro).\n',
    );
    writeFileSync(join(dir, 'docs', 'p.png'), '');
    writeFileSync(
      join(dir, 'README.md'),
      [
        '# Intro',
        '[ok](docs/a.md#section-one) [ok too](#intro) ![ok](docs/p.png) [web](https://example.com/x#y)',
        '[gone](docs/b.md)',
        '[no such section](docs/a.md#section-two)',
        '![no picture](docs/q.png)',
        '[no such heading here](#outro)',
      ].join('\n'),
    );
    const found = brokenLinks(
      docFiles(dir, (d) => readdirSync(d)),
      dir,
    );
    expect(found.map((b) => [b.file, b.line, b.target])).toEqual([
      ['README.md', 3, 'docs/b.md'],
      ['README.md', 4, 'docs/a.md#section-two'],
      ['README.md', 5, 'docs/q.png'],
      ['README.md', 6, '#outro'],
    ]);
    expect(found[1]?.problem).toBe('no heading #section-two in docs/a.md');
  });
});

describe('README.md and docs/', () => {
  it('every relative link, image and anchor resolves', () => {
    expect(brokenLinks(files, root)).toEqual([]);
  });

  it('the README links every docs page', () => {
    const linked = new Set(links(readme).map((l) => l.target.split('#')[0]));
    const pages = files.slice(1).map((f) => `docs/${f.split('/').pop()}`);
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });

  it('names the test command CI runs (.ci/run: "the README\'s test command")', () => {
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm test\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});
