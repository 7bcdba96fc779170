// Opens every page of the built reference site in headless Chromium (Debian's /usr/bin/chromium,
// driven by the pinned puppeteer-core) with every request outside the local server refused, and
// fails unless: every page loads (HTTP 200, no script error) with the navigation; the home page's
// navigation reaches every page; every contract page of docs/reference/ was built and loads; every
// Mermaid diagram became an SVG, the lineage pages included; no internal link or anchor is broken.
//
//   node site-test/check-site.mjs SITE_DIR REFERENCE_DIR [--screenshot PNG PAGE]
//
// SITE_DIR is `mkdocs build`'s output, REFERENCE_DIR the Markdown it was built from (to know
// which contract pages must exist). Exit 0 when all holds, 1 with one line per problem.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [siteDir, referenceDir, ...rest] = process.argv.slice(2);
if (!siteDir || !referenceDir) {
  console.error("usage: check-site.mjs SITE_DIR REFERENCE_DIR [--screenshot PNG PAGE]");
  process.exit(2);
}
const screenshot = rest[0] === "--screenshot" ? { file: rest[1], page: rest[2] } : null;
const problems = [];
const problem = (text) => problems.push(text);

// A static server for the site, on a free port of the loopback interface only.
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css",
  ".svg": "image/svg+xml", ".json": "application/json", ".sql": "text/plain", ".png": "image/png",
  ".woff2": "font/woff2", ".xml": "application/xml" };
function fileFor(urlPath) {
  let relative = decodeURIComponent(urlPath.split("?")[0]);
  if (relative.endsWith("/")) relative += "index.html";
  const file = path.join(siteDir, relative);
  // Never serve outside the site directory.
  if (!path.resolve(file).startsWith(path.resolve(siteDir) + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}
const server = http.createServer((request, response) => {
  const file = fileFor(request.url);
  if (!file) {
    response.writeHead(404);
    response.end("not found");
    return;
  }
  response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// Every HTML page of the site, as the URL path it is served under.
function htmlPages(dir, prefix = "/") {
  const pages = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) pages.push(...htmlPages(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name === "index.html") pages.push(prefix);
    else if (entry.name.endsWith(".html") && entry.name !== "404.html") pages.push(prefix + entry.name);
  }
  return pages;
}
const pages = htmlPages(siteDir);

// The contract pages that must be there: one per Markdown page under events/ and tables/.
const contractPages = ["events", "tables"].flatMap((kind) =>
  fs.existsSync(path.join(referenceDir, kind))
    ? fs.readdirSync(path.join(referenceDir, kind)).filter((f) => f.endsWith(".md")).sort()
        .map((f) => `/${kind}/${f.slice(0, -3)}/`)
    : []);
if (contractPages.length === 0) problem(`no contract page under ${referenceDir}/events or /tables`);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  // Root in CI has no user namespace for the sandbox; the pages are our own.
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
await page.setRequestInterception(true);
page.on("request", (request) => {
  if (request.url().startsWith(origin + "/") || request.url().startsWith("data:")) request.continue();
  else {
    problem(`${page.url()}: requested ${request.url()} outside the site (no network)`);
    request.abort();
  }
});
let current = "";
page.on("pageerror", (error) => problem(`${current}: script error: ${error.message}`));

// How many elements of class `mermaid` hold an <svg>, shadow roots (closed ones too) included.
async function renderedDiagrams(page) {
  const session = await page.createCDPSession();
  const { root } = await session.send("DOM.getDocument", { depth: -1, pierce: true });
  await session.detach();
  const children = (node) => [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])];
  const hasSvg = (node) => node.nodeName.toLowerCase() === "svg" || children(node).some(hasSvg);
  const classes = (node) => {
    const attributes = node.attributes ?? [];
    const at = attributes.indexOf("class");
    return at >= 0 && at % 2 === 0 ? attributes[at + 1].split(/\s+/) : [];
  };
  let count = 0;
  const walk = (node) => {
    if (classes(node).includes("mermaid")) {
      if (hasSvg(node)) count += 1;
      return;
    }
    children(node).forEach(walk);
  };
  walk(root);
  return count;
}

const ids = new Map(); // page path → the ids in its rendered DOM
const links = []; // [from, href]
let diagrams = 0;
const navReach = new Set();
for (const pagePath of pages) {
  current = pagePath;
  const response = await page.goto(origin + pagePath, { waitUntil: "networkidle0", timeout: 30000 });
  if (!response || response.status() !== 200) {
    problem(`${pagePath}: HTTP ${response?.status()}`);
    continue;
  }
  // Mermaid renders after the page's scripts run, and Material puts each SVG in a closed shadow
  // root that page scripts cannot see into: ask the browser's DOM domain, which can.
  const mermaid = await page.$$eval(".mermaid", (nodes) => nodes.length);
  if (mermaid > 0) {
    let rendered = 0;
    for (let tries = 0; tries < 60 && rendered < mermaid; tries++) {
      rendered = await renderedDiagrams(page);
      if (rendered < mermaid) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (rendered < mermaid) problem(`${pagePath}: ${mermaid - rendered} of ${mermaid} Mermaid diagram(s) did not become an SVG`);
    diagrams += rendered;
  }
  const dom = await page.evaluate(() => ({
    title: document.querySelector("article h1")?.textContent ?? "",
    nav: [...document.querySelectorAll("nav.md-nav--primary a[href]")].map((a) => a.href),
    ids: [...document.querySelectorAll("[id]")].map((node) => node.id),
    links: [...document.querySelectorAll("article a[href]")].map((a) => a.href),
  }));
  if (!dom.title.trim()) problem(`${pagePath}: no heading`);
  if (dom.nav.length === 0) problem(`${pagePath}: no navigation`);
  if (pagePath === "/") dom.nav.forEach((href) => navReach.add(new URL(href).pathname));
  ids.set(pagePath, new Set(dom.ids));
  dom.links.forEach((href) => links.push([pagePath, href]));
  if (screenshot && pagePath === screenshot.page) {
    // The table's lineage in view, under its heading.
    await page.evaluate(() => document.getElementById("lineage")?.scrollIntoView());
    // Let the header finish its title transition.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await page.screenshot({ path: screenshot.file });
  }
}
await browser.close();
server.close();

for (const contract of contractPages) {
  if (!ids.has(contract)) problem(`${contract}: the contract page was not built or did not load`);
}
if (!ids.has("/")) problem("/: no home page");
for (const pagePath of pages) {
  if (!navReach.has(pagePath)) problem(`${pagePath}: not reachable from the home page's navigation`);
}
// The lineage: at least one page has a diagram, and every contract page with a Lineage
// diagram in its Markdown rendered it (counted above, page by page).
if (diagrams === 0) problem("no Mermaid diagram was rendered on any page");

for (const [from, href] of links) {
  const url = new URL(href);
  if (url.origin !== origin) continue; // external: not fetched, there is no network
  if (!fileFor(url.pathname)) {
    problem(`${from}: broken link ${url.pathname}`);
    continue;
  }
  const anchor = decodeURIComponent(url.hash.slice(1));
  if (anchor && url.pathname.endsWith("/") && !ids.get(url.pathname)?.has(anchor)) {
    problem(`${from}: broken anchor ${url.pathname}#${anchor}`);
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`site check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`site check: ${pages.length} pages (${contractPages.length} contract pages) loaded, ` +
  `${diagrams} Mermaid diagram(s) rendered as SVG, ${links.length} links and anchors good, no request left the site`);
