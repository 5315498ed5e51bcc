// Search in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (no separate driver, no downloaded
// browser). Run by tests/test_browser.py: node firefox_search.mjs REQUEST.json, where the request names the unzipped
// bundle, the Firefox executable and, per language, [query, expected link] pairs. Every request that is not a file
// (or data: inside a stylesheet) is aborted and reported. Prints a JSON report.
import fs from "node:fs";
import path from "node:path";
import {pathToFileURL} from "node:url";
import puppeteer from "puppeteer-core";

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const report = {blocked: [], errors: [], results: {}, pasted: {}};
const browser = await puppeteer.launch({
  browser: "firefox", executablePath: request.firefox, headless: true, defaultViewport: {width: 1280, height: 900},
});
try {
  for (const [language, queries] of Object.entries(request.queries)) {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      const url = r.url();
      if (url.startsWith("file:") || url.startsWith("data:")) r.continue();
      else { report.blocked.push(url); r.abort(); }
    });
    page.on("pageerror", (error) => report.errors.push(`${language}: ${error.message}`));
    await page.goto(pathToFileURL(path.join(request.root, language, "topics", "amnesty.html")).href);
    const field = await page.$("#kb-search-form input");
    await field.click();
    report.results[language] = {};
    for (const [query] of queries) {
      await field.click({count: 3});
      await page.keyboard.press("Backspace");
      await page.keyboard.type(query);
      await page.waitForFunction((q) => document.querySelector("#kb-search-form input").value === q
        && document.querySelector("#kb-search-list li, #kb-search-meta .kb-search-suggestion"), {timeout: 15000}, query);
      report.results[language][query] = await page.$$eval("#kb-search-list a", (links) => links.slice(0, 3).map((a) => a.getAttribute("href")));
    }
    // A paste with the mouse: text arrives with no key pressed, as an input event only.
    const [query] = queries[0];
    await page.evaluate(() => {
      const input = document.querySelector("#kb-search-form input");
      input.value = "";
      input.dispatchEvent(new Event("input", {bubbles: true}));
      window.__keys = 0;
      for (const type of ["keydown", "keyup", "keypress"]) document.addEventListener(type, () => { window.__keys += 1; }, true);
    });
    await page.evaluate((q) => {
      const input = document.querySelector("#kb-search-form input");
      input.focus();
      document.execCommand("insertText", false, q);
    }, query);
    await page.waitForSelector("#kb-search-list li", {timeout: 15000});
    report.pasted[language] = {
      keys: await page.evaluate(() => window.__keys),
      links: await page.$$eval("#kb-search-list a", (links) => links.slice(0, 3).map((a) => a.getAttribute("href"))),
    };
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
