// `npm run bench`: our service and CLI against the tools a user would pick instead
// (yaml-language-server, remark-lint-frontmatter-schema), on ../shared/corpus, with the same
// schema (`schemas/article.schema.json`), interleaved in one process (or one run of child
// processes), with the targets of issue 4. Prints a Markdown table and writes it to
// scripts/bench/last-results.md. Needs a fresh `npm run build` (dist/).
//
//   node scripts/bench/index.mjs [--only=open,keystroke,cli,large,site,activation,features,memory]
import { deepStrictEqual } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AZURE,
  BENCH_DIR,
  POWERAPPS,
  REPO,
  cliFiles,
  frontMatterOf,
  largeFiles,
  largestFile,
  markdownFiles,
  median,
  ms,
  p99,
  quantile,
} from './lib.mjs';
import { createRemarkPeer, createYamlPeer, readSchema } from './peers.mjs';
import { buildSite, measureIndex, timeCheck } from './site-index.mjs';

const require = createRequire(import.meta.url);
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
// For quick iterations: `--rounds=N` for the whole-process rows, `--copies=N` for the site.
const numberArg = (name) => {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : undefined;
};

const SERVICE_JS = path.join(REPO, 'dist', 'service.js');
const CLI_JS = path.join(REPO, 'dist', 'cli.js');
if (
  !existsSync(SERVICE_JS) ||
  !existsSync(CLI_JS) ||
  !existsSync(path.join(REPO, 'dist', 'node', 'extension.js'))
) {
  console.error('dist/ is missing: run `npm run bench` (it builds first) or `npm run build`.');
  process.exit(2);
}
const { createArticleService, createNodeWorkspace, fileUri, TextDocument } = require(SERVICE_JS);

/** The build measured: others may rebuild dist/ meanwhile, which the notes then say. */
const DIST_FILES = [CLI_JS, SERVICE_JS, path.join(REPO, 'dist', 'node', 'extension.js')];
const distStamp = () => DIST_FILES.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)).join();
const distAtStart = distStamp();
const distKind = /\n\/\/# sourceMappingURL=/.test(readFileSync(CLI_JS, 'utf8').slice(-300))
  ? 'development build (`npm run build`)'
  : 'production build (minified)';

/** Iteration counts: together about four minutes on a 2-core machine (mostly remark-lint's CLI runs). */
const RUNS = {
  openWarmup: 8,
  open: 30,
  keystrokeWarmup: 20,
  keystroke: 100,
  // Whole processes on a shared machine vary by ±20% from one run to the next: 9 rounds.
  cliRounds: 9,
  activation: 9,
  featureWarmup: 40,
  featureCalls: 200,
  memoryArticles: 5000,
  // 300 large articles: the peers take seconds per run (remark-lint tens of seconds).
  largeRounds: 3,
  siteRounds: 3,
  siteCopies: 14,
};
if (numberArg('rounds')) RUNS.cliRounds = RUNS.largeRounds = RUNS.siteRounds = numberArg('rounds');
if (numberArg('copies')) RUNS.siteCopies = numberArg('copies');

const log = (message) => process.stderr.write(message + '\n');
const now = () => performance.now();
const started = now();
const loadAtStart = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
const rows = [];
const notes = [];
const schema = readSchema();

const largest = largestFile(path.join(AZURE, '_news'));
const largestText = readFileSync(largest.path, 'utf8');
const largestName = path.basename(largest.path);
const largestYaml = frontMatterOf(largestText);
const kb = `${(largest.size / 1000).toFixed(0)} KB`;

/** A new URI for the largest article, in its own folder, so the site and the kind stay the same. */
const azureUri = (prefix) => fileUri(path.join(AZURE, '_news', `${prefix}-${largestName}`));
const silentLogger = {
  error(message, error) {
    notes.push(`service logged an error: ${message}${error ? ': ' + (error.message ?? error) : ''}`);
  },
};

async function newAzureService() {
  const service = createArticleService({ workspace: createNodeWorkspace(AZURE), logger: silentLogger });
  await service.ready;
  return service;
}

const ratio = (peer, ours) => peer / ours;
const times = (value) =>
  Number.isFinite(value) ? `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×` : '–';
const yes = (ok) => (ok ? 'yes' : '**no**');

// ——— sanity: every tool reports a wrong type, so the schema is really applied ———————————————
async function sanity(yls, remark) {
  const broken = largestText.replace(/^quality: \d+$/m, 'quality: high');
  const service = await newAzureService();
  const ours = await service.validate(TextDocument.create(azureUri('sanity'), 'markdown', 1, broken));
  const theirs = await yls.validate('file:///bench/sanity.yaml', 1, frontMatterOf(broken));
  const remarks = await remark.validate(largest.path, broken);
  const found = [
    `ours ${ours.some((d) => d.code === 'wrong-type') ? 'OK' : 'MISSED'}`,
    `yaml-language-server ${theirs.length > 0 ? 'OK' : 'MISSED'}`,
    `remark-lint ${remarks.length > 0 ? 'OK' : 'MISSED'}`,
  ];
  notes.push(`Sanity (\`quality: high\` in the ${kb} article is reported): ${found.join(', ')}.`);
}

// ——— 1. first open ————————————————————————————————————————————————————————————————————
async function firstOpen(yls, remark) {
  log('2/6 first open of the largest article…');
  const service = await newAzureService();
  // Warm every tool on the other articles of the folder, under their own URIs.
  const others = readdirSync(path.join(AZURE, '_news')).filter((name) => name !== largestName);
  for (const [index, name] of others.entries()) {
    const file = path.join(AZURE, '_news', name);
    const text = readFileSync(file, 'utf8');
    const uri = fileUri(path.join(AZURE, '_news', `warm-${index}-${name}`));
    await service.validate(TextDocument.create(uri, 'markdown', 1, text));
    service.forget(uri);
    await yls.validate(`file:///bench/warm-${index}.yaml`, 1, frontMatterOf(text));
    yls.forget(`file:///bench/warm-${index}.yaml`);
    await remark.validate(file, text);
  }
  const samples = { ours: [], yls: [], remark: [] };
  const counts = {};
  const tools = {
    async ours(i) {
      const uri = azureUri(`open-${i}`);
      const document = TextDocument.create(uri, 'markdown', 1, largestText);
      const t = now();
      const diagnostics = await service.validate(document);
      const elapsed = now() - t;
      service.forget(uri); // the tab is closed again
      counts.ours = diagnostics.length;
      return elapsed;
    },
    async yls(i) {
      const document = yls.TextDocument.create(`file:///bench/open-${i}.yaml`, 'yaml', 1, largestYaml);
      const t = now();
      const diagnostics = await yls.validateDocument(document);
      const elapsed = now() - t;
      yls.forget(document.uri); // the tab is closed again
      counts.yls = diagnostics.length;
      return elapsed;
    },
    async remark() {
      const t = now();
      const messages = await remark.validate(largest.path, largestText);
      counts.remark = messages.length;
      return now() - t;
    },
  };
  const order = ['ours', 'yls', 'remark'];
  for (let i = 0; i < RUNS.openWarmup + RUNS.open; i++) {
    for (let k = 0; k < order.length; k++) {
      const tool = order[(i + k) % order.length];
      const elapsed = await tools[tool](i);
      if (i >= RUNS.openWarmup) samples[tool].push(elapsed);
    }
  }
  const ours = median(samples.ours);
  const theirs = median(samples.yls);
  const remarks = median(samples.remark);
  rows.push({
    measure: `First open, ${kb} article (median of ${RUNS.open})`,
    target: '≥2× faster than yaml-language-server',
    ours: `${ms(ours)} ms`,
    yls: `${ms(theirs)} ms`,
    remark: `${ms(remarks)} ms`,
    ratio: `${times(ratio(theirs, ours))} / ${times(ratio(remarks, ours))}`,
    met: yes(ratio(theirs, ours) >= 2),
  });
  notes.push(
    `First open p99: ours ${ms(p99(samples.ours))} ms, yaml-language-server ${ms(p99(samples.yls))} ms, remark-lint ${ms(
      p99(samples.remark),
    )} ms; diagnostics per run: ours ${counts.ours}, yaml-language-server ${counts.yls}, remark-lint ${counts.remark}.`,
  );
}

// ——— 2. keystroke ————————————————————————————————————————————————————————————————————
/** The offset of the middle of `related[57]`'s title in the article. */
function related57TitleOffset(text) {
  const lines = text.split('\n');
  let offset = 0;
  let inRelated = false;
  let item = -1;
  for (const [index, line] of lines.entries()) {
    if (/^[^\s#-]/.test(line)) inRelated = /^related:\s*$/.test(line);
    else if (inRelated && /^ {2}- /.test(line)) {
      item++;
      if (item === 57) {
        const match = /^ {2}- title: "([^"]+)"/.exec(line);
        if (!match) throw new Error(`related[57] does not start with a quoted title: ${line.slice(0, 80)}`);
        return {
          offset: offset + line.indexOf('"') + 1 + (match[1].length >> 1),
          line: index,
          title: match[1],
        };
      }
    }
    offset += line.length + 1;
  }
  throw new Error('the article has fewer than 58 related entries');
}

async function keystroke(yls) {
  log('3/6 keystroke in related[57]…');
  const { offset, title } = related57TitleOffset(largestText);
  const edit = (character) => largestText.slice(0, offset) + character + largestText.slice(offset);
  // Two edits that alternate: consecutive versions always differ (…a… then …b…).
  const texts = [edit('a'), edit('b')];
  const yamls = texts.map(frontMatterOf);

  const service = await newAzureService();
  const uri = azureUri('keystroke');
  let version = 1;
  await service.validate(TextDocument.create(uri, 'markdown', version, largestText));
  const yamlUri = 'file:///bench/keystroke.yaml';
  await yls.validate(yamlUri, version, largestYaml);

  const samples = { ours: [], yls: [] };
  for (let i = 0; i < RUNS.keystrokeWarmup + RUNS.keystroke; i++) {
    version++;
    const which = i % 2;
    const ourDocument = TextDocument.create(uri, 'markdown', version, texts[which]);
    const theirDocument = yls.TextDocument.create(yamlUri, 'yaml', version, yamls[which]);
    const run = [
      async () => {
        const t = now();
        await service.validate(ourDocument);
        return ['ours', now() - t];
      },
      async () => {
        const t = now();
        await yls.validateDocument(theirDocument);
        return ['yls', now() - t];
      },
    ];
    if (i % 2) run.reverse();
    for (const step of run) {
      const [tool, elapsed] = await step();
      if (i >= RUNS.keystrokeWarmup) samples[tool].push(elapsed);
    }
  }

  // Once, outside timing: the incremental result equals a fresh service's on the same text.
  const checks = [];
  const compare = async (label, text) => {
    version++;
    const incremental = await service.validate(TextDocument.create(uri, 'markdown', version, text));
    const fresh = await (await newAzureService()).validate(TextDocument.create(uri, 'markdown', 1, text));
    try {
      deepStrictEqual(incremental, fresh);
      checks.push(`${label}: OK (${fresh.length} diagnostics)`);
      return true;
    } catch (error) {
      checks.push(`${label}: DIFFERENT\n\n\`\`\`\n${String(error.message).slice(0, 3000)}\n\`\`\``);
      return false;
    }
  };
  let equal = await compare('edited title', texts[version % 2]);
  // The same comparison on edits of related[57] that make mistakes, so there is something to compare.
  const itemStart = largestText.lastIndexOf('\n  - title:', offset);
  const itemEnd = largestText.indexOf('\n  - ', offset);
  const item = largestText.slice(itemStart, itemEnd);
  const broken = [
    ['related[57].quality: high', item.replace(/quality: \d+/, 'quality: high')],
    [
      'related[57].type: artcle',
      item.replace(/type: article/, 'type: artcle').replace(/quality: \d+/, 'quality: high'),
    ],
    ['related[57] fixed again', item],
  ];
  for (const [label, replacement] of broken) {
    if (replacement === item && label !== 'related[57] fixed again') {
      checks.push(`${label}: skipped (pattern not found)`);
      continue;
    }
    equal =
      (await compare(label, largestText.slice(0, itemStart) + replacement + largestText.slice(itemEnd))) &&
      equal;
  }

  const ours = median(samples.ours);
  const theirs = median(samples.yls);
  rows.push({
    measure: `Keystroke in \`related[57]\`'s title (median; p99 of ${RUNS.keystroke})`,
    target: '≥25× faster than yaml-language-server',
    ours: `${ms(ours)} ms; ${ms(p99(samples.ours))} ms`,
    yls: `${ms(theirs)} ms; ${ms(p99(samples.yls))} ms`,
    remark: '–',
    ratio: times(ratio(theirs, ours)),
    met: yes(ratio(theirs, ours) >= 25),
  });
  notes.push(
    `Keystroke: one character inserted in the middle of "${title.slice(0, 50)}…", alternating \`a\`/\`b\`. Incremental equals a fresh service (deepStrictEqual): ${
      equal ? 'OK' : '**DIFFERENT**'
    } — ${checks.join('; ')}.`,
  );
}

// ——— 3. CLI over 300 articles —————————————————————————————————————————————————————————————
function runProcess(args, env = process.env) {
  const t = now();
  const result = spawnSync(process.execPath, args, {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env,
  });
  const elapsed = now() - t;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `${args.slice(0, 3).join(' ')}… exited with ${result.status}: ${result.stderr.slice(0, 2000)}`,
    );
  }
  return { elapsed, stdout: result.stdout };
}

function cli() {
  log('4/6 CLI over 300 articles (whole processes)…');
  const files = cliFiles(300);
  compareCli(files, process.env, '', {
    rounds: RUNS.cliRounds,
    what: 'articles',
    describe: `the first ${files.length} \`.md\` of powerapps/_news (sorted)`,
  });
  // This machine's environment sets NODE_EXTRA_CA_CERTS (to the system's CA bundle): every Node
  // process, ours and the peers', then parses that bundle before running any code, which
  // raises Node's own start several times. Measured again without it, as Node starts elsewhere.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    compareCli(files, env, ', NODE_EXTRA_CA_CERTS unset', {
      rounds: RUNS.cliRounds,
      what: 'articles',
      describe: `the first ${files.length} \`.md\` of powerapps/_news (sorted)`,
    });
  }
  const s = (value) => `${(value / 1000).toFixed(2)} s`;

  // A large site: where helper threads (from 4 000 files) pay for their start, or not. The
  // powerapps site's articles four times over (real files, in a temporary folder).
  const big = mkdtempSync(path.join(os.tmpdir(), 'afm-bench-site-'));
  try {
    cpSync(path.join(POWERAPPS, '_config.yml'), path.join(big, '_config.yml'));
    cpSync(path.join(POWERAPPS, '_data'), path.join(big, '_data'), { recursive: true });
    for (let copy = 1; copy <= 4; copy++) {
      for (const folder of ['_news', '_learning', '_events', '_people']) {
        if (existsSync(path.join(POWERAPPS, folder)))
          cpSync(path.join(POWERAPPS, folder), path.join(big, `${folder}${copy}`), { recursive: true });
      }
    }
    const count = markdownFiles(big, { skip: ['_data'] }).length;
    const threads = { one: [], two: [] };
    const siteRun = (kind) => {
      const extra = ['--jobs', kind === 'one' ? '1' : '2'];
      const { elapsed, stdout } = runProcess([CLI_JS, 'check', '--format', 'json', ...extra, big]);
      const checked = JSON.parse(stdout).files;
      if (checked < count) throw new Error(`${checked} files checked, not ${count}`);
      return elapsed;
    };
    siteRun('two');
    for (let round = 0; round < RUNS.cliRounds; round++) {
      for (const kind of round % 2 ? ['one', 'two'] : ['two', 'one']) threads[kind].push(siteRun(kind));
    }
    const [one, several] = [median(threads.one), median(threads.two)];
    rows.push({
      measure: `CLI, ${count} articles (powerapps ×4), whole process: --jobs 1; --jobs 2 (default here: ${defaultThreadCount(count)})`,
      target: '–',
      ours: `${s(one)}; ${s(several)}`,
      yls: '–',
      remark: '–',
      ratio: `${times(ratio(one, several))} from a second thread`,
      met: '–',
    });
    notes.push(
      `CLI on the powerapps site's articles four times over (${count} files, \`check --format json --jobs 1|2 <folder>\`), all runs: one thread ${threads.one
        .map(s)
        .join(', ')}; two ${threads.two.map(s).join(', ')}.`,
    );
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
}

/** Our CLI and the two peers on the same files, whole processes, interleaved (`env`: their environment). */
function compareCli(files, env, label, { rounds, what, describe }) {
  const commands = {
    ours: [CLI_JS, 'check', '--format', 'json', ...files],
    yls: [path.join(BENCH_DIR, 'peer-cli.mjs'), 'yls', ...files],
    remark: [path.join(BENCH_DIR, 'peer-cli.mjs'), 'remark', ...files],
  };
  // Node starting and doing nothing: the floor under any whole-process time here. And our CLI
  // on one article: the floor under ours (Node, loading the engine, reading the taxonomy).
  const nodeAlone = [];
  const oneArticle = [];
  const diagnostics = {};
  const run = (tool) => {
    const { elapsed, stdout } = runProcess(commands[tool], env);
    const result = JSON.parse(stdout);
    if (result.files !== files.length)
      throw new Error(`${tool} checked ${result.files} files, not ${files.length}`);
    diagnostics[tool] =
      typeof result.diagnostics === 'number' ? result.diagnostics : result.diagnostics.length;
    return elapsed;
  };
  // Warm the disk cache once (not counted).
  run('ours');
  const samples = { ours: [], yls: [], remark: [] };
  const order = ['ours', 'yls', 'remark'];
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const tool = order[(round + k) % order.length];
      samples[tool].push(run(tool));
    }
    nodeAlone.push(runProcess(['-e', '0'], env).elapsed);
    oneArticle.push(runProcess([CLI_JS, 'check', '--format', 'json', files[0]], env).elapsed);
  }
  const perSecond = (milliseconds) => `${Math.round((files.length * 1000) / milliseconds)} files/s`;
  const [ours, theirs, remarks] = [median(samples.ours), median(samples.yls), median(samples.remark)];
  const s = (value) => `${(value / 1000).toFixed(2)} s`;
  rows.push({
    measure: `CLI, ${files.length} ${what}, whole cold process${label} (median of ${rounds})`,
    target: '≥10× faster than both',
    ours: `${s(ours)} (${perSecond(ours)})`,
    floor: `${s(median(nodeAlone))} (\`node -e 0\`)`,
    yls: `${s(theirs)} (${perSecond(theirs)})`,
    remark: `${s(remarks)} (${perSecond(remarks)})`,
    ratio: `${times(ratio(theirs, ours))} / ${times(ratio(remarks, ours))}`,
    met: yes(ratio(theirs, ours) >= 10 && ratio(remarks, ours) >= 10),
  });
  notes.push(
    `CLI${label}: ${describe}, all runs: ours ${samples.ours
      .map(s)
      .join(', ')}; yaml-language-server ${samples.yls.map(s).join(', ')}; remark-lint ${samples.remark
      .map(s)
      .join(
        ', ',
      )}. Diagnostics: ours ${diagnostics.ours}, yaml-language-server ${diagnostics.yls}, remark-lint ${
      diagnostics.remark
    }. Ratio to yaml-language-server within each round (the same moment of the machine): ${samples.yls
      .map((value, round) => times(ratio(value, samples.ours[round])))
      .join(
        ', ',
      )}. Command: \`node dist/cli.js check --format json <${files.length} files>\`; peers: \`node scripts/bench/peer-cli.mjs yls|remark <files>\`. Node alone (\`node -e 0\`, once per round): ${nodeAlone
      .map(s)
      .join(
        ', ',
      )} (median ${s(median(nodeAlone))}): the floor under any whole-process time here. Our CLI on one of the articles, once per round: ${oneArticle
      .map(s)
      .join(', ')} (median ${s(median(oneArticle))}), against the ${s(
      theirs / 10,
    )} that 10× yaml-language-server allows for all ${files.length}.`,
  );
}

/** The threads the CLI uses by default for this many files here (mirrors src/cli/check.ts). */
function defaultThreadCount(files) {
  return files < 4000 ? 1 : Math.min(os.availableParallelism(), 4);
}

// ——— 3b. CLI over 300 large articles, and over a whole site ——————————————————————————————
function largeCli() {
  log('CLI over the 300 largest azure articles (whole processes)…');
  const picked = largeFiles(300);
  const files = picked.map((file) => file.path);
  const mb = picked.reduce((sum, file) => sum + file.size, 0) / 1e6;
  const describe = `the ${files.length} largest \`.md\` of azure-large/_news and azure-2020-04/_news (${mb.toFixed(1)} MB, ${(picked.at(-1).size / 1000).toFixed(0)}–${(picked[0].size / 1000).toFixed(0)} KB each)`;
  const what = `large articles (${mb.toFixed(0)} MB)`;
  compareCli(files, process.env, '', { rounds: RUNS.largeRounds, what, describe });
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  compareCli(files, env, ', NODE_EXTRA_CA_CERTS unset', { rounds: RUNS.largeRounds, what, describe });
}

/** Runs a Node process under `/usr/bin/time`: elapsed ms, peak resident memory (MB, when measured) and stdout. */
function timedProcess(args, env = process.env) {
  const timeFile = path.join(os.tmpdir(), `af-bench-time-${process.pid}`);
  const haveTime = existsSync('/usr/bin/time');
  const t = now();
  const result = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args], {
        cwd: REPO,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        env,
      })
    : spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30, env });
  const elapsed = now() - t;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(
      `${args.slice(0, 3).join(' ')}… exited with ${result.status}: ${result.stderr.slice(0, 2000)}`,
    );
  let rssMB = NaN;
  if (haveTime) {
    rssMB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024;
    rmSync(timeFile, { force: true });
  }
  return { elapsed, rssMB, stdout: result.stdout };
}

function siteCli() {
  log(`CLI over a site of ${RUNS.siteCopies} copies of azure-2020-04, against the yaml Lexer…`);
  const site = buildSite(RUNS.siteCopies);
  const mb = site.bytes / 1e6;
  const s = (value) => `${(value / 1000).toFixed(2)} s`;
  try {
    const ours = [CLI_JS, 'check', '--format', 'json', '--root', site.root, site.root];
    const floor = [path.join(BENCH_DIR, 'lexer-floor.mjs'), path.join(site.root, '_news')];
    const samples = { ours: [], floor: [], rss: [], floorRss: [] };
    let checked = 0;
    // Warm the disk cache once (not counted).
    timedProcess(floor);
    for (let round = 0; round < RUNS.siteRounds; round++) {
      for (const tool of round % 2 ? ['floor', 'ours'] : ['ours', 'floor']) {
        const run = timedProcess(tool === 'ours' ? ours : floor);
        samples[tool].push(run.elapsed);
        samples[tool === 'ours' ? 'rss' : 'floorRss'].push(run.rssMB);
        if (tool === 'ours') checked = JSON.parse(run.stdout).files;
      }
    }
    if (checked < site.files) throw new Error(`${checked} files checked, not ${site.files}`);
    const [oursMs, floorMs] = [median(samples.ours), median(samples.floor)];
    const peak = Math.max(...samples.rss);
    rows.push({
      measure: `CLI, a site of ${site.files} articles (${mb.toFixed(0)} MB), \`--root\`, whole process (median of ${RUNS.siteRounds}); peak RSS`,
      target: '≤0.5 of the Lexer floor; <300 MB',
      ours: `${s(oursMs)} (${(mb / (oursMs / 1000)).toFixed(0)} MB/s); ${peak.toFixed(0)} MB`,
      floor: `${s(floorMs)} (${(mb / (floorMs / 1000)).toFixed(0)} MB/s; \`yaml\` Lexer)`,
      yls: '–',
      remark: '–',
      ratio: `${(oursMs / floorMs).toFixed(2)} of the floor`,
      met: yes(oursMs / floorMs <= 0.5 && peak < 300),
    });
    notes.push(
      `Site: ${site.files} articles, ${mb.toFixed(0)} MB (${RUNS.siteCopies} copies of azure-2020-04, each copy's webUrls made its own); \`node dist/cli.js check --format json --root <site> <site>\`: ${samples.ours
        .map(s)
        .join(
          ', ',
        )}, peak RSS ${samples.rss.map((value) => value.toFixed(0)).join(', ')} MB; the floor, \`node scripts/bench/lexer-floor.mjs <site>/_news\` (reads every file, \`new Lexer().lex(frontMatter)\` to the end, nothing else): ${samples.floor
        .map(s)
        .join(
          ', ',
        )}, peak RSS ${samples.floorRss.map((value) => value.toFixed(0)).join(', ')} MB. Ratio within each round: ${samples.ours
        .map((value, round) => (value / samples.floor[round]).toFixed(2))
        .join(', ')}.`,
    );

    // The site index on the same site, and what the CLI pays for it (default threads).
    const index = measureIndex(site.root);
    const plain = [];
    const linked = [];
    for (let round = 0; round < RUNS.siteRounds; round++) {
      plain.push(timeCheck(site.root, { wholeSite: false }) * 1000);
      linked.push(timeCheck(site.root, { wholeSite: true }) * 1000);
    }
    rows.push({
      measure: `Site index of that site, built through the service (fresh process): time; heap kept; peak RSS`,
      target: '–',
      ours: `${s(index.indexMs)}; ${index.heapMB.toFixed(1)} MB; ${index.peakRssMB.toFixed(0)} MB`,
      floor: '–',
      yls: '–',
      remark: '–',
      ratio: '–',
      met: '–',
    });
    rows.push({
      measure: `CLI on that site's articles: plain; with the whole site indexed (\`--root\`) (median of ${RUNS.siteRounds})`,
      target: '–',
      ours: `${s(median(plain))}; ${s(median(linked))}`,
      floor: '–',
      yls: '–',
      remark: '–',
      ratio: `${times(median(linked) / median(plain))} for the index`,
      met: '–',
    });
    notes.push(
      `Site index and CLI (\`check --format json --quiet <site>/_news [--root <site>]\`), all runs: plain ${plain.map(s).join(', ')}; \`--root\` ${linked.map(s).join(', ')}.`,
    );
  } finally {
    rmSync(site.root, { recursive: true, force: true });
  }

  // Memory stays bounded on a site twice that size.
  const twice = buildSite(RUNS.siteCopies * 2);
  try {
    const run = timedProcess([CLI_JS, 'check', '--format', 'json', '--root', twice.root, twice.root]);
    rows.push({
      measure: `CLI, a site twice that size (${twice.files} articles, ${(twice.bytes / 1e6).toFixed(0)} MB), \`--root\`: time; peak RSS`,
      target: 'memory bounded (<300 MB)',
      ours: `${s(run.elapsed)} (${(twice.bytes / 1e6 / (run.elapsed / 1000)).toFixed(0)} MB/s); ${run.rssMB.toFixed(0)} MB`,
      floor: '–',
      yls: '–',
      remark: '–',
      ratio: '–',
      met: yes(run.rssMB < 300),
    });
  } finally {
    rmSync(twice.root, { recursive: true, force: true });
  }
}

// ——— 4. activation ——————————————————————————————————————————————————————————————————————
function activation() {
  log('5/6 activation (fresh processes)…');
  const samples = [];
  let missing = [];
  for (let i = 0; i < RUNS.activation; i++) {
    const { stdout } = runProcess([path.join(BENCH_DIR, 'activation-child.mjs'), POWERAPPS]);
    const result = JSON.parse(stdout);
    samples.push(result);
    missing = result.missing;
  }
  const requireMs = median(samples.map((sample) => sample.requireMs));
  const activateMs = median(samples.map((sample) => sample.activateMs));
  const total = median(samples.map((sample) => sample.requireMs + sample.activateMs));
  rows.push({
    measure: `Activation: require + activate (median of ${RUNS.activation} processes)`,
    target: '<20 ms',
    ours: `${ms(total)} ms (require ${ms(requireMs)} + activate ${ms(activateMs)})`,
    yls: '–',
    remark: '–',
    ratio: '–',
    met: yes(total < 20),
  });
  notes.push(
    `Activation: \`require('dist/node/extension.js')\` then \`activate(context)\` with a fake \`vscode\` module, in a fresh process each; require ${samples
      .map((sample) => ms(sample.requireMs))
      .join(', ')} ms; activate ${samples.map((sample) => ms(sample.activateMs)).join(', ')} ms.${
      missing.length ? ` The fake lacked: ${missing.join(', ')}.` : ''
    }`,
  );
}

// ——— 5. completion and hover ———————————————————————————————————————————————————————————————
/** 200 positions through the front matter: keys, values, topics, related entries, images. */
function featurePositions(text, count) {
  const lines = text.split('\n');
  const close = lines.findIndex((line, index) => index > 0 && /^---\s*$/.test(line));
  const kinds = { keys: [], values: [], topics: [], relatedKeys: [], relatedValues: [], images: [] };
  let block = '';
  let imageIndent = -1;
  for (let line = 1; line < close; line++) {
    const text = lines[line];
    const top = /^([A-Za-z][\w-]*):( *)(.*)$/.exec(text);
    if (top) {
      block = top[1];
      kinds.keys.push({ line, character: Math.max(1, top[1].length >> 1) });
      if (top[3])
        kinds.values.push({ line, character: top[1].length + 1 + top[2].length + (top[3].length >> 1) });
      if (block === 'images') kinds.images.push({ line, character: 2 });
      continue;
    }
    const nested = /^( *)(- )?([A-Za-z][\w-]*)?(:?)( *)(.*)$/.exec(text);
    if (!nested || text.trim() === '') continue;
    const indent = nested[1].length + (nested[2] ? 2 : 0);
    const keyAt = { line, character: indent + Math.max(1, (nested[3]?.length ?? 0) >> 1) };
    const valueAt = nested[6] ? { line, character: text.length - (nested[6].length >> 1) } : undefined;
    if (block === 'topics') kinds.topics.push({ line, character: text.length - 1 });
    else if (block === 'images') kinds.images.push(valueAt ?? keyAt);
    else if (block === 'related') {
      if (nested[3] === 'images') imageIndent = indent;
      else if (imageIndent >= 0 && indent > imageIndent) {
        kinds.images.push(line % 2 && valueAt ? valueAt : keyAt);
        continue;
      } else imageIndent = -1;
      if (nested[4]) kinds.relatedKeys.push(keyAt);
      if (valueAt) kinds.relatedValues.push(valueAt);
    }
  }
  const shares = { keys: 0.15, values: 0.15, topics: 0.1, relatedKeys: 0.2, relatedValues: 0.2, images: 0.2 };
  const picked = {};
  for (const [kind, share] of Object.entries(shares)) {
    const candidates = kinds[kind];
    const wantedCount = Math.round(count * share);
    picked[kind] = Array.from({ length: wantedCount }, (_, i) =>
      candidates.length ? candidates[Math.floor((i * candidates.length) / wantedCount)] : undefined,
    ).filter(Boolean);
  }
  // Round-robin over the kinds, so consecutive calls are at different places.
  const positions = [];
  for (let i = 0; positions.length < count && i < count; i++) {
    for (const kind of Object.keys(shares)) if (picked[kind][i]) positions.push({ ...picked[kind][i], kind });
  }
  while (positions.length < count)
    positions.push(positions[positions.length % Math.max(1, positions.length)]);
  return {
    positions: positions.slice(0, count),
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.length])),
  };
}

async function features() {
  log('1/6 completion and hover on the largest article…');
  const service = await newAzureService();
  const uri = fileUri(largest.path);
  const document = TextDocument.create(uri, 'markdown', 1, largestText);
  await service.validate(document); // opened: parsed, site index loaded
  const { positions } = featurePositions(largestText, RUNS.featureCalls);
  const at = ({ line, character }) => ({ line, character });
  for (let i = 0; i < RUNS.featureWarmup; i++) {
    await service.complete(document, at(positions[(i * 7) % positions.length]));
    await service.hover(document, at(positions[(i * 11) % positions.length]));
  }
  const samples = { complete: [], hover: [] };
  const byKind = {};
  let withItems = 0;
  let withHover = 0;
  for (const [index, position] of positions.entries()) {
    const kind = (byKind[position.kind] ??= { complete: [], hover: [] });
    const steps = [
      async () => {
        const t = now();
        const result = await service.complete(document, at(position));
        const elapsed = now() - t;
        samples.complete.push(elapsed);
        kind.complete.push(elapsed);
        if ((Array.isArray(result) ? result : result.items).length > 0) withItems++;
      },
      async () => {
        const t = now();
        const result = await service.hover(document, at(position));
        const elapsed = now() - t;
        samples.hover.push(elapsed);
        kind.hover.push(elapsed);
        if (result) withHover++;
      },
    ];
    if (index % 2) steps.reverse();
    for (const step of steps) await step();
  }
  for (const [name, list] of [
    ['Completion', samples.complete],
    ['Hover', samples.hover],
  ]) {
    rows.push({
      measure: `${name}, ${kb} article, site index loaded (p50; p99 of ${list.length})`,
      target: 'p99 <10 ms',
      ours: `${ms(median(list))} ms; ${ms(p99(list))} ms`,
      yls: '–',
      remark: '–',
      ratio: '–',
      met: yes(p99(list) < 10),
    });
  }
  const kinds = Object.entries(byKind)
    .map(
      ([name, list]) =>
        `${name} (${list.complete.length}) ${ms(median(list.complete))}/${ms(Math.max(...list.complete))} · ${ms(
          median(list.hover),
        )}/${ms(Math.max(...list.hover))}`,
    )
    .join('; ');
  notes.push(
    `Completion and hover: ${positions.length} positions, the same document version (parsed once); ${withItems} completions returned items, ${withHover} hovers returned content; p90 ${ms(
      quantile(samples.complete, 0.9),
    )} / ${ms(quantile(samples.hover, 0.9))} ms, max ${ms(Math.max(...samples.complete))} / ${ms(
      Math.max(...samples.hover),
    )} ms. Per kind of position, completion p50/max · hover p50/max in ms: ${kinds}.`,
  );
}

// ——— 6. memory ————————————————————————————————————————————————————————————————————————————
function memory() {
  log('6/6 memory of a service that validated 5 000 articles…');
  const { stdout } = runProcess([
    '--expose-gc',
    path.join(BENCH_DIR, 'memory-child.mjs'),
    POWERAPPS,
    String(RUNS.memoryArticles),
  ]);
  const result = JSON.parse(stdout);
  const last = result.checkpoints[result.checkpoints.length - 1];
  const first1000 = result.checkpoints.find((point) => point.validated === 1000) ?? result.checkpoints[0];
  const growth = last.heapMB - first1000.heapMB;
  const bounded = growth < 2;
  rows.push({
    measure: `Memory: heap after gc, one service, ${result.count} articles validated + taxonomy`,
    target: '<50 MB',
    ours: `${last.heapMB.toFixed(1)} MB (service ${(last.heapMB - result.baselineMB).toFixed(1)} MB)`,
    yls: '–',
    remark: '–',
    ratio: '–',
    met: yes(last.heapMB < 50),
  });
  notes.push(
    `Memory: powerapps, ${result.files} files cycled under distinct URIs (${result.seconds.toFixed(1)} s, ${
      result.diagnostics
    } diagnostics); heap before the service ${result.baselineMB.toFixed(1)} MB (code + the texts), taxonomy loaded ${result.afterReadyMB.toFixed(
      1,
    )} MB, then ${result.checkpoints
      .map((point) => `${point.validated}: ${point.heapMB.toFixed(1)} MB`)
      .join(
        ', ',
      )}. Cache bounded: ${bounded ? 'yes' : '**no**'} (${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB from 1 000 to ${last.validated}).`,
  );
}

// ——— run ——————————————————————————————————————————————————————————————————————————————————
const yls = createYamlPeer(schema);
const remark = await createRemarkPeer(schema);
await sanity(yls, remark);
// Completion and hover first, on a heap the peers have not filled yet.
if (wanted('features')) await features();
if (wanted('open')) await firstOpen(yls, remark);
if (wanted('keystroke')) await keystroke(yls);
if (wanted('cli')) cli();
if (wanted('large')) largeCli();
if (wanted('site')) siteCli();
if (wanted('activation')) activation();
if (wanted('memory')) memory();

const nproc = (() => {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(os.availableParallelism?.() ?? os.cpus().length);
  }
})();
const command =
  process.env.npm_lifecycle_event === 'bench'
    ? 'npm run bench'
    : `node scripts/bench/index.mjs ${process.argv.slice(2).join(' ')}`.trim();
const versions = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
if (distStamp() !== distAtStart) {
  notes.push('**dist/ was rebuilt by someone else during this run: numbers may mix two builds.**');
}
const header = [
  `Run ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC · \`${command}\` · nproc ${nproc} (${
    os.cpus()[0]?.model?.trim() ?? 'unknown CPU'
  }) · Node ${process.version} · ${distKind} · yaml-language-server ${versions('yaml-language-server')}, remark-lint-frontmatter-schema ${versions(
    'remark-lint-frontmatter-schema',
  )} · ${((now() - started) / 1000).toFixed(0)} s · load average ${loadAtStart} at the start, ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} at the end (the machine is shared)`,
  '',
  `Same files, same schema (\`schemas/article.schema.json\`; ours picks it as the bundled schema of \`_news\`); yaml-language-server validates the front matter as a YAML document, remark-lint the whole Markdown file. Ratio = peer time / our time (yaml-language-server / remark-lint); for the site row, our time / the floor's. Floor: what any process doing the work must spend at least, in the same run: \`node -e 0\` under whole-process rows, and for the site one Node process that reads every file and runs the \`yaml\` package's \`new Lexer().lex(frontMatter)\` to the end. Peak RSS by \`/usr/bin/time -f %M\`.`,
];
const table = [
  '| Measure | Target | Ours | Floor | yaml-language-server | remark-lint | Ratio | Met |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.measure} | ${row.target} | ${row.ours} | ${row.floor ?? '–'} | ${row.yls} | ${row.remark} | ${row.ratio} | ${row.met} |`,
  ),
];
const output = [...header, '', ...table, '', ...notes.map((note) => `- ${note}`), ''].join('\n');
process.stdout.write('\n' + output);
writeFileSync(path.join(BENCH_DIR, 'last-results.md'), `# Benchmark: last results\n\n${output}`);
log(`\nWritten to scripts/bench/last-results.md (${((now() - started) / 1000).toFixed(0)} s).`);
