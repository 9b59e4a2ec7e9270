// Pictures for the hovers that render an image, served from 127.0.0.1 (these machines cannot
// reach the sample site's picture addresses). The pictures are drawn by the browser; the
// workbench's Content-Security-Policy allows pictures from https: and its own origin only, so
// they are reached through code-server's own /proxy/PORT/ path (start it with `proxy: true`).
// Only the temporary copy of the sample site is ever pointed at them.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Two pictures, drawn by the browser: server racks, and a bar chart of egress fees. */
export const PICTURES = {
  'storage-racks.png': {
    width: 1200,
    height: 675,
    html: `<body style="margin:0;width:1200px;height:675px;background:linear-gradient(160deg,#0b1d3a,#16365f 60%,#0e2547);display:flex;gap:56px;align-items:flex-end;justify-content:center;overflow:hidden">
      ${Array.from(
        { length: 5 },
        (
          _,
          rack,
        ) => `<div style="width:170px;height:${560 - (rack % 2) * 40}px;background:#1d2733;border:6px solid #3a4a5c;border-bottom:none;border-radius:8px 8px 0 0;padding:14px 12px;box-sizing:border-box;display:flex;flex-direction:column;gap:10px">
        ${Array.from(
          { length: 12 - (rack % 2) },
          (
            _,
            unit,
          ) => `<div style="height:30px;background:#2b3948;border-radius:3px;display:flex;align-items:center;gap:7px;padding:0 10px">
          <span style="width:8px;height:8px;border-radius:50%;background:${(rack + unit) % 5 ? '#35e08a' : '#ffb020'};box-shadow:0 0 8px ${(rack + unit) % 5 ? '#35e08a' : '#ffb020'}"></span>
          <span style="width:8px;height:8px;border-radius:50%;background:#35e08a;opacity:${(rack * unit) % 3 ? 1 : 0.25}"></span>
          <span style="flex:1;height:4px;background:#415366;margin-left:8px"></span></div>`,
        ).join('')}
      </div>`,
      ).join('')}</body>`,
  },
  'egress-fees-chart.png': {
    width: 1280,
    height: 720,
    html: `<body style="margin:0;width:1280px;height:720px;background:#fbf8f1;font-family:'Liberation Sans',sans-serif;padding:60px 80px;box-sizing:border-box">
      <div style="font-size:44px;font-weight:bold;color:#222">Where the money goes</div>
      <div style="font-size:28px;color:#666;margin-top:8px">monthly bill, three teams</div>
      <div style="display:flex;gap:70px;align-items:flex-end;height:440px;margin-top:40px;border-bottom:4px solid #444;padding-left:40px">
        ${[
          [90, 300],
          [120, 360],
          [70, 250],
        ]
          .map(
            ([storage, egress]) => `<div style="display:flex;flex-direction:column;width:220px">
            <div style="height:${egress}px;background:#e4572e"></div><div style="height:${storage}px;background:#29335c"></div></div>`,
          )
          .join('')}
        <div style="font-size:30px;line-height:1.8;margin-left:20px;color:#333"><span style="color:#e4572e">■</span> egress<br><span style="color:#29335c">■</span> storage</div>
      </div></body>`,
  },
};

export async function drawPictures(context) {
  const page = await context.newPage();
  const images = {};
  for (const [name, { width, height, html }] of Object.entries(PICTURES)) {
    await page.setViewportSize({ width, height });
    await page.setContent(html);
    images[name] = await page.screenshot({ type: 'png' });
  }
  await page.close();
  return images;
}

export async function servePictures(images) {
  const server = createServer((request, response) => {
    const picture = images[request.url.slice(1)];
    if (!picture) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(picture);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return server;
}

/**
 * Draws the pictures in `context` (a Playwright browser context), serves them, and returns
 * `{ url(name), close() }`: `url` is the picture's address through code-server's proxy.
 */
export async function startPictureServer(context, server) {
  const pictures = await servePictures(await drawPictures(context));
  const base = `${server.url}/proxy/${pictures.address().port}`;
  return {
    url: (name) => `${base}/${name}`,
    close: () => new Promise((resolveClose) => pictures.close(() => resolveClose())),
  };
}

/**
 * Replaces text in a file of the server's workspace copy (never the repository's sample site);
 * fails if a text to replace is no longer there.
 */
export function patchWorkspaceFile(server, relativePath, replacements) {
  const path = join(server.workspace, relativePath);
  let text = readFileSync(path, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${relativePath} no longer holds ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  writeFileSync(path, text);
}
