'use strict';
// The runner: starts the capture server, runs the driver (send.js) against
// it as a separate process, then runs `tairlint check --format json` on each
// captured request (no --action: the ACS3 captures carry no Action, so the
// action must be told from the parameters) and checks what cases.json
// expects. Prints one line per capture and a summary.
//
//   node run.js --cli PATH_TO_TAIRLINT [--out DIR] [--keep] [--only NAME]...
//
// Captures go to --out DIR (its earlier *.query and *.json files are removed
// first, and the new ones kept), else to a temporary folder removed at the
// end unless --keep.
//
// Exit status: 0 when every expectation holds, 1 when one does not, 2 when
// the harness itself could not run.

const fs = require('fs');
const os = require('os');
const path = require('path');
const querystring = require('querystring');
const { spawnSync, spawn } = require('child_process');
const { startCaptureServer } = require('./capture-server');

const HERE = __dirname;
const CASES_FILE = path.join(HERE, 'cases.json');
const SIGNINGS = ['v2', 'acs3'];
// Rules no capture of the official SDK may draw: every parameter it sends is
// one the contract knows (section 3, "What real clients send").
const FORBIDDEN_RULES = ['unknown-parameter', 'parameter-case'];

function die(message) {
  console.error(`run.js: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { cli: '', out: '', keep: false, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : die(`${a} needs a value`));
    if (a === '--cli') args.cli = next();
    else if (a === '--out') args.out = next();
    else if (a === '--keep') args.keep = true;
    else if (a === '--only') args.only.push(next());
    else die(`unknown argument ${a}`);
  }
  if (!args.cli) die('--cli PATH_TO_TAIRLINT is required');
  return args;
}

// The driver, as its own process, so that what it does is exactly what a
// later server test runs.
function runDriver(endpoint, only) {
  return new Promise((resolve) => {
    const argv = [path.join(HERE, 'send.js'), '--endpoint', endpoint, '--cases', CASES_FILE];
    for (const name of only) argv.push('--only', name);
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Every 4-character piece of a secret, and of its wire encoding.
function pieces(secret) {
  const out = new Set();
  for (const text of [secret, querystring.escape(secret)]) {
    for (let i = 0; i + 4 <= text.length; i++) out.add(text.slice(i, i + 4));
  }
  return [...out];
}

function count(haystack, needle) {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

function checkFile(cli, file) {
  const r = spawnSync(cli, ['check', '--format', 'json', file], { encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

// The text of a one-line query file at a 1-based line:column, up to the end
// of that parameter's value.
function textAt(content, line, column) {
  const lines = content.split('\n');
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || line > lines.length) return null;
  const text = lines[line - 1];
  if (column < 1 || column > text.length + 1) return null;
  const rest = text.slice(column - 1);
  const amp = rest.indexOf('&');
  return amp < 0 ? rest : rest.slice(0, amp);
}

// What an expectation says the capture holds at a finding's position: at is
// the value as sent (percent-encoded here as the SDK's URL builder, Node's
// querystring, encodes it); at_wire is wire text as it is (a key, say).
function wireText(e) {
  return e.at_wire !== undefined ? e.at_wire : querystring.escape(e.at);
}

function describe(f) {
  return `${f.severity} ${f.code || '-'} [${f.rule}] ${f.parameter || ''} at ${f.line}:${f.column}`;
}

// The elements of a CreateInstances case's Instances (an array, or its JSON text).
function instancesOf(testCase) {
  let instances = testCase.request.instances;
  if (typeof instances === 'string') {
    try { instances = JSON.parse(instances); } catch (e) { instances = []; }
  }
  return Array.isArray(instances) ? instances : [];
}

function secretsOf(doc, testCase, wire) {
  const list = [];
  const creds = doc.credentials;
  list.push(['AccessKeyId', creds.accessKeyId], ['AccessKeySecret', creds.accessKeySecret]);
  if (testCase.credential === 'sts') list.push(['SecurityToken', creds.securityToken]);
  if (testCase.credential === 'bearer') list.push(['BearerToken', creds.bearerToken]);
  for (const element of instancesOf(testCase)) {
    if (element && typeof element.Password === 'string') list.push(['Password', element.Password]);
  }
  const signature = new URLSearchParams(wire).get('Signature');
  return { fixed: list, signature };
}

// Checks one capture; returns the list of failed expectations.
function judge(doc, testCase, signing, dir, cli) {
  const name = `${testCase.name}.${signing}`;
  const queryFile = path.join(dir, `${name}.query`);
  const sidecarFile = path.join(dir, `${name}.json`);
  if (!fs.existsSync(queryFile) || !fs.existsSync(sidecarFile)) return [`no capture (${name}.query)`];
  const wire = fs.readFileSync(queryFile, 'utf8');
  const sidecar = JSON.parse(fs.readFileSync(sidecarFile, 'utf8'));
  const failures = [];

  // What the SDK put on the wire: the harness's own premises.
  const params = new URLSearchParams(wire.trim());
  if (sidecar.headers['x-acs-action'] !== testCase.action) failures.push(`x-acs-action header is ${sidecar.headers['x-acs-action']}`);
  if (signing === 'v2') {
    if (params.get('Action') !== testCase.action) failures.push(`v2 capture's Action is ${params.get('Action')}`);
  } else {
    if (params.has('Action')) failures.push('ACS3 capture has an Action parameter');
    if (testCase.credential === 'bearer') {
      if (!sidecar.headers['x-acs-bearer-token']) failures.push('ACS3 bearer capture has no x-acs-bearer-token header');
    } else if (!/^ACS3-HMAC-SHA256 /.test(String(sidecar.headers.authorization || ''))) {
      failures.push('ACS3 capture is not signed ACS3-HMAC-SHA256');
    }
  }

  const run = checkFile(cli, queryFile);
  if (run.error) return [...failures, `tairlint did not run: ${run.error.message}`];
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch (e) {
    return [...failures, `tairlint's output is not JSON (exit ${run.status}): ${run.stderr.trim().slice(0, 300)}`];
  }
  const entry = (report.files || [])[0] || {};
  const findings = entry.findings || [];
  if (entry.action !== testCase.action) failures.push(`action told as ${entry.action}, expected ${testCase.action}`);
  if (entry.format !== 'query') failures.push(`read as ${entry.format}, expected query`);

  // Errors: exactly the expected ones, each at its value.
  const expected = (testCase.expect && testCase.expect.errors) || [];
  const errors = findings.filter((f) => f.severity === 'error');
  const unmatched = errors.slice();
  for (const e of expected) {
    const wantAt = wireText(e);
    const i = unmatched.findIndex((f) => f.code === e.code && f.rule === e.rule && f.parameter === e.parameter);
    if (i < 0) {
      failures.push(`expected error ${e.code} [${e.rule}] ${e.parameter} not reported`);
      continue;
    }
    const f = unmatched.splice(i, 1)[0];
    const at = textAt(wire, f.line, f.column);
    if (at === null || !at.startsWith(wantAt)) {
      failures.push(`${e.code} [${e.rule}] at ${f.line}:${f.column} reads ${JSON.stringify(at === null ? null : at.slice(0, 40))}, expected it to start with ${JSON.stringify(wantAt)}`);
    }
  }
  for (const f of unmatched) failures.push(`unexpected ${describe(f)}: ${f.detail || f.message}`);

  // Warnings the case expects.
  for (const w of (testCase.expect && testCase.expect.warnings) || []) {
    const f = findings.find((x) => x.severity === 'warning' && x.rule === w.rule && (!w.parameter || x.parameter === w.parameter));
    if (!f) {
      failures.push(`expected warning [${w.rule}] ${w.parameter || ''} not reported`);
    } else if (w.at !== undefined || w.at_wire !== undefined) {
      const at = textAt(wire, f.line, f.column);
      const wantAt = wireText(w);
      if (at === null || !at.startsWith(wantAt)) failures.push(`warning [${w.rule}] at ${f.line}:${f.column} reads ${JSON.stringify(at)}, expected ${JSON.stringify(wantAt)}`);
    }
  }

  for (const f of findings) {
    if (FORBIDDEN_RULES.includes(f.rule)) failures.push(`${describe(f)}: ${f.detail || f.message}`);
  }

  // Credentials on the wire (contract, section 3, "Secrets"): AccessKeyId,
  // SecurityToken and BearerToken draw a plaintext-secret warning each, and
  // so does each Password in Instances; a Signature is a one-off value and
  // draws none.
  const secretWarnings = findings.filter((f) => f.rule === 'plaintext-secret');
  for (const name of ['AccessKeyId', 'SecurityToken', 'BearerToken']) {
    if (params.has(name) && !secretWarnings.some((f) => f.parameter === name)) {
      failures.push(`no plaintext-secret warning for the ${name} on the wire`);
    }
  }
  for (const f of secretWarnings) {
    if (f.parameter === 'Signature') failures.push(`${describe(f)}: a Signature draws no plaintext-secret warning`);
  }
  const passwords = instancesOf(testCase).map((e, i) => (e && typeof e.Password === 'string' ? `/Instances/${i}/Password` : null)).filter(Boolean);
  for (const pointer of passwords) {
    if (!secretWarnings.some((f) => f.pointer === pointer)) failures.push(`no plaintext-secret warning for ${pointer}`);
  }

  const wantStatus = expected.length > 0 ? 1 : 0;
  if (run.status !== wantStatus) failures.push(`exit status ${run.status}, expected ${wantStatus}`);

  // Secrets: no 4-character piece of any, raw or percent-encoded. A Signature
  // is random, so a piece of it may match ordinary output text by chance: it
  // counts only where it occurs more often than in the output for the same
  // capture with the Signature replaced by a placeholder of its length.
  const { fixed, signature } = secretsOf(doc, testCase, wire.trim());
  for (const [label, secret] of fixed) {
    for (const p of pieces(secret)) {
      if (run.stdout.includes(p)) { failures.push(`output holds ${JSON.stringify(p)}, a piece of the ${label}`); break; }
    }
  }
  if (signature) {
    const control = path.join(dir, `${name}.control.query`);
    const placeholder = 'Z'.repeat(signature.length);
    fs.writeFileSync(control, wire.replace(`Signature=${querystring.escape(signature)}`, `Signature=${placeholder}`));
    const controlRun = checkFile(cli, control);
    fs.unlinkSync(control);
    const controlOut = controlRun.stdout.split(control).join(queryFile);
    for (const p of pieces(signature)) {
      if (count(run.stdout, p) > count(controlOut, p)) { failures.push(`output holds ${JSON.stringify(p)}, a piece of the Signature`); break; }
    }
  }
  return failures;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cli = path.resolve(args.cli);
  if (!fs.existsSync(cli)) die(`no tairlint at ${cli}`);
  const doc = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8'));
  const cases = doc.cases.filter((c) => args.only.length === 0 || args.only.includes(c.name));
  if (cases.length === 0) die('no case selected');
  const byName = new Map(cases.map((c) => [c.name, c]));

  const dir = args.out ? path.resolve(args.out) : fs.mkdtempSync(path.join(os.tmpdir(), 'tairlint-sdk-'));
  if (args.out && fs.existsSync(dir)) {
    // A previous run's captures: only files named as this harness names them.
    const ours = new Set();
    for (const c of doc.cases) {
      for (const signing of SIGNINGS) for (const ext of ['query', 'json']) ours.add(`${c.name}.${signing}.${ext}`);
    }
    for (const f of fs.readdirSync(dir)) {
      if ((ours.has(f) || /^request-[0-9]+\.(query|json)$/.test(f)) && fs.statSync(path.join(dir, f)).isFile()) {
        fs.unlinkSync(path.join(dir, f));
      }
    }
  }
  const server = await startCaptureServer({
    dir,
    annotate: (name) => {
      const dot = name.lastIndexOf('.');
      const c = byName.get(name.slice(0, dot));
      if (!c) return {};
      return { case: c.name, signing: name.slice(dot + 1), action: c.action, about: c.about, expect: c.expect };
    },
  });
  const driver = await runDriver(server.endpoint, args.only);
  await server.close();
  if (driver.code !== 0) {
    console.error(driver.stdout + driver.stderr);
    if (!args.out && !args.keep) fs.rmSync(dir, { recursive: true, force: true });
    die(`the driver failed (exit ${driver.code}${driver.signal ? `, ${driver.signal}` : ''})`);
  }

  let passed = 0;
  const failedNames = [];
  for (const testCase of cases) {
    for (const signing of SIGNINGS) {
      const name = `${testCase.name}.${signing}`;
      const failures = judge(doc, testCase, signing, dir, cli);
      if (failures.length === 0) {
        passed++;
        console.log(`ok    ${name}`);
      } else {
        failedNames.push(name);
        console.log(`FAIL  ${name}`);
        for (const f of failures) console.log(`        ${f}`);
      }
    }
  }
  const total = cases.length * SIGNINGS.length;
  console.log(`\nsdk: ${passed} of ${total} captures hold their expectations (${server.records.length} requests captured by ${path.relative(process.cwd(), dir) || dir})`);
  if (failedNames.length) console.log(`sdk: failing: ${failedNames.join(' ')}`);
  if (!args.out && !args.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`sdk: captures kept in ${dir}`);
  return failedNames.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`run.js: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 2;
});
