// turndown with the GFM plugin (tables, strikethrough), as a browser extension or a docs
// pipeline would run it: `node turndown.js page.html` prints the markdown.
const fs = require('fs');
const TurndownService = require('turndown');
const { gfm } = require('turndown-plugin-gfm');
const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
service.use(gfm);
process.stdout.write(service.turndown(fs.readFileSync(process.argv[2], 'utf8')) + '\n');
