'use strict';
// The driver: sends the requests of cases.json through Alibaba Cloud's
// official Node.js SDK (@alicloud/r-kvstore20150101) to an endpoint, each
// twice: once with v2 signing (HMAC-SHA1, every parameter in the query
// string) and once with the SDK's default ACS3-HMAC-SHA256 signing (the
// action only in the x-acs-action header).
//
//   node send.js --endpoint HOST:PORT [--cases FILE] [--only NAME]...
//                [--signing v2|acs3|both]
//
// The endpoint may also come from TAIRLINT_SDK_ENDPOINT. Requests go over
// plain HTTP. Each carries an x-tairlint-case header, <case>.<signing>,
// which the SDK neither signs nor reads: the capture server names its files
// after it, and any other server may ignore it.
//
// Prints one JSON line per request: {name, case, signing, status: "answered"
// | "service-error" | "failed", body | code/message}. Exit status 0 when every
// request got an HTTP answer (a service error counts as one), 1 when one
// failed on the way (connection refused, timeout, unreadable answer), 2 for
// bad arguments.

const fs = require('fs');
const path = require('path');
const Kvstore = require('@alicloud/r-kvstore20150101');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const Client = Kvstore.default;
const SIGNINGS = ['v2', 'acs3'];

function usage(message) {
  if (message) console.error(`send.js: ${message}`);
  console.error('usage: node send.js --endpoint HOST:PORT [--cases FILE] [--only NAME]... [--signing v2|acs3|both]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { endpoint: process.env.TAIRLINT_SDK_ENDPOINT || '', cases: path.join(__dirname, 'cases.json'), only: [], signing: 'both' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--endpoint') args.endpoint = next();
    else if (a === '--cases') args.cases = next();
    else if (a === '--only') args.only.push(next());
    else if (a === '--signing') args.signing = next();
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!/^[A-Za-z0-9.-]+:[0-9]{1,5}$|^\[[0-9a-fA-F:.]+\]:[0-9]{1,5}$/.test(args.endpoint)) {
    usage('--endpoint HOST:PORT (or TAIRLINT_SDK_ENDPOINT) is required');
  }
  if (!['v2', 'acs3', 'both'].includes(args.signing)) usage('--signing is v2, acs3 or both');
  return args;
}

// One client per request: the signing, the credential and the case header
// are client settings.
function makeClient(endpoint, credentials, testCase, signing) {
  const settings = {
    endpoint,
    protocol: 'http',
    regionId: testCase.request.regionId || 'cn-hangzhou',
    readTimeout: 5000,
    connectTimeout: 5000,
    globalParameters: new $OpenApiUtil.GlobalParameters({
      headers: { 'x-tairlint-case': `${testCase.name}.${signing}` },
      queries: testCase.globalQueries || {},
    }),
  };
  const credential = testCase.credential || 'access_key';
  if (credential === 'bearer') {
    settings.bearerToken = credentials.bearerToken;
  } else {
    settings.accessKeyId = credentials.accessKeyId;
    settings.accessKeySecret = credentials.accessKeySecret;
    if (credential === 'sts') settings.securityToken = credentials.securityToken;
  }
  // openapi-core picks the v2 (RPC, HMAC-SHA1) path when signatureAlgorithm
  // is 'v2'; otherwise it signs ACS3-HMAC-SHA256 (its default).
  if (signing === 'v2') settings.signatureAlgorithm = 'v2';
  return new Client(new $OpenApiUtil.Config(settings));
}

function makeRequest(testCase) {
  const fields = { ...testCase.request };
  if (testCase.action === 'CreateInstances') {
    if (Array.isArray(fields.instances)) fields.instances = JSON.stringify(fields.instances);
    return new Kvstore.CreateInstancesRequest(fields);
  }
  if (testCase.action === 'CreateTairKVCacheVNode') {
    if (Array.isArray(fields.tag)) fields.tag = fields.tag.map((t) => new Kvstore.CreateTairKVCacheVNodeRequestTag(t));
    return new Kvstore.CreateTairKVCacheVNodeRequest(fields);
  }
  throw new Error(`case ${testCase.name}: unknown action ${testCase.action}`);
}

async function send(client, testCase, request) {
  if (testCase.action === 'CreateInstances') return client.createInstances(request);
  return client.createTairKVCacheVNode(request);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const doc = JSON.parse(fs.readFileSync(args.cases, 'utf8'));
  const cases = doc.cases.filter((c) => args.only.length === 0 || args.only.includes(c.name));
  if (cases.length === 0) usage('no case to send');
  const signings = args.signing === 'both' ? SIGNINGS : [args.signing];
  let failed = 0;
  for (const testCase of cases) {
    for (const signing of signings) {
      const name = `${testCase.name}.${signing}`;
      const line = { name, case: testCase.name, signing };
      try {
        const response = await send(makeClient(args.endpoint, doc.credentials, testCase, signing), testCase, makeRequest(testCase));
        line.status = 'answered';
        line.http_status = response.statusCode;
        line.body = response.body;
      } catch (err) {
        if (err && err.statusCode >= 400) {
          line.status = 'service-error';
          line.http_status = err.statusCode;
          line.code = err.code;
          line.message = err.message;
        } else {
          failed += 1;
          line.status = 'failed';
          line.message = String(err && err.message ? err.message : err);
        }
      }
      console.log(JSON.stringify(line));
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`send.js: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 1;
});
