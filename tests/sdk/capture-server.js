'use strict';
// A small HTTP server that stands in for the R-kvstore endpoint: it records
// every request it receives and answers with a plausible success body, so
// that the official SDK returns normally instead of throwing.
//
// It listens on 127.0.0.1 only. Each request is recorded as:
//   <dir>/<name>.query  the wire parameters as one RPC query string: the URL's
//                       query string, plus "&" and the body when the body is
//                       application/x-www-form-urlencoded (what
//                       `tairlint check` reads as the query form);
//   <dir>/<name>.json   method, path, raw query, headers, body, the answer
//                       sent, and whatever annotate(name) adds.
// <name> comes from the x-tairlint-case request header (the driver sets it to
// <case>.<signing>); a request without one is named request-<n>.
//
// Used by run.js; can also run alone:
//   node capture-server.js OUT_DIR        (prints "listening 127.0.0.1:PORT")

const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const CASE_HEADER = 'x-tairlint-case';
const MAX_BODY = 1 << 20;

// The action a request names: the x-acs-action header (ACS3 signing carries
// the action only there), else the Action query parameter (v2 signing).
function actionOf(headers, query) {
  if (headers['x-acs-action']) return String(headers['x-acs-action']);
  const params = new URLSearchParams(query);
  return params.get('Action') || '';
}

function successBody(action) {
  const requestId = crypto.randomUUID().toUpperCase();
  if (action === 'CreateTairKVCacheVNode') {
    return { RequestId: requestId, InstanceId: 'tk-x', OrderId: '1' };
  }
  if (action === 'CreateInstances') {
    return { RequestId: requestId, OrderId: '1', InstanceIds: { InstanceId: ['r-x'] } };
  }
  return { RequestId: requestId };
}

// Only the characters of a case header that make a safe file name.
function safeName(name) {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) && !name.includes('..') ? name : null;
}

// Starts the server. options: { dir, port (default 0: any free port),
// annotate(name) -> object merged into the sidecar }. Resolves to
// { host, port, endpoint, records, close() }.
function startCaptureServer(options) {
  const dir = options.dir;
  const annotate = options.annotate || (() => ({}));
  const records = [];
  let counter = 0;
  fs.mkdirSync(dir, { recursive: true });

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = req.url || '/';
      const q = url.indexOf('?');
      const pathname = q < 0 ? url : url.slice(0, q);
      const query = q < 0 ? '' : url.slice(q + 1);
      const body = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] || '');
      const isForm = contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
      const wire = [query, isForm ? body : ''].filter((s) => s !== '').join('&');
      counter += 1;
      const name = safeName(String(req.headers[CASE_HEADER] || '')) || `request-${counter}`;
      const action = actionOf(req.headers, query);
      const answer = successBody(action);
      const record = {
        name,
        method: req.method,
        path: pathname,
        query,
        headers: req.headers,
        content_type: contentType || null,
        body,
        body_is_form: isForm,
        action_on_wire: action,
        answer,
        ...annotate(name),
      };
      try {
        fs.writeFileSync(path.join(dir, `${name}.query`), wire + '\n');
        fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'CaptureFailed', Message: String(err.message), RequestId: answer.RequestId }));
        return;
      }
      records.push(record);
      const text = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  // The SDK keeps connections alive: do not let them hold the process open.
  server.keepAliveTimeout = 1000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port || 0, '127.0.0.1', () => {
      const { address, port } = server.address();
      resolve({
        host: address,
        port,
        endpoint: `${address}:${port}`,
        records,
        close: () => new Promise((done) => {
          server.close(() => done());
          if (server.closeAllConnections) server.closeAllConnections();
        }),
      });
    });
  });
}

module.exports = { startCaptureServer, CASE_HEADER };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node capture-server.js OUT_DIR');
    process.exit(2);
  }
  startCaptureServer({ dir }).then((s) => {
    console.log(`listening ${s.endpoint}`);
  }, (err) => {
    console.error(`capture-server: ${err.message}`);
    process.exit(2);
  });
}
