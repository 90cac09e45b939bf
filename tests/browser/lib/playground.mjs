// A stand-in for play.rust-lang.org: the tests run without internet and must
// not depend on it. mdBook's book.js asks it for its crate list (to decide
// whether to show each Run button) and, on Run, sends the program to
// /evaluate.json. Every request is recorded.

export const PLAYGROUND = 'https://play.rust-lang.org';
export const CRATES = ['tokio', 'futures', 'async_trait', 'tokio_util', 'rayon'];

export function cannedResult(n) {
  return `Canned output from the test Playground, run ${n}`;
}

export async function fakePlayground(context) {
  const requests = [];
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
  };
  await context.route(`${PLAYGROUND}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    const record = { path: url.pathname, body: request.postData() };
    requests.push(record);
    if (url.pathname === '/meta/crates') {
      const crates = CRATES.map((id) => ({ id, name: id, version: '1.0.0' }));
      await route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: JSON.stringify({ crates }) });
    } else if (url.pathname === '/evaluate.json') {
      const runs = requests.filter((r) => r.path === '/evaluate.json').length;
      record.result = cannedResult(runs);
      await route.fulfill({
        status: 200,
        headers: cors,
        contentType: 'application/json',
        body: JSON.stringify({ result: record.result, error: null }),
      });
    } else {
      await route.fulfill({ status: 404, headers: cors, body: 'not faked' });
    }
  });
  return requests;
}
