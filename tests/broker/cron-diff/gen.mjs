#!/usr/bin/env node
// Reference oracle for tst_crondiff: prints cron-parser's next fire times so the C++ test can
// diff them against Broker::CronExpression. Kept deliberately dumb (no filtering, no
// normalisation) so that every deliberate difference lives, explained, in the C++ test.
//
// Usage:
//   node gen.mjs [--count=N] --starts=MS[,MS...] [--expr=EXPR ...] [FILE]
//
//   FILE      one expression per line ("m h dom mon dow", optionally prefixed by
//             "CRON_TZ=<IANA> " or "TZ=<IANA> "); "-" reads stdin. Blank lines are kept as
//             expressions so that line numbers stay aligned with the caller's list.
//   --expr    an expression given on the command line (repeatable; listed before FILE's).
//   --starts  start instants, unix ms (UTC); fire times are strictly after each start.
//   --count   fire times per (expression, start); default 5.
//
// Output, one line per expression and start, expression-major:
//   <exprIndex> <startIndex> OK <ms> <ms> ...   (fewer than N when cron-parser gives up)
//   <exprIndex> <startIndex> ERR <message>

import { readFileSync } from 'node:fs';
import { CronExpressionParser } from 'cron-parser';

function usage(message) {
    process.stderr.write(`gen.mjs: ${message}\n`);
    process.exit(2);
}

let count = 5;
let starts = [];
const expressions = [];
const files = [];
for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('--count=')) {
        count = Number(arg.slice('--count='.length));
        if (!Number.isInteger(count) || count < 1)
            usage(`bad --count: ${arg}`);
    } else if (arg.startsWith('--starts=')) {
        starts = arg
            .slice('--starts='.length)
            .split(',')
            .filter((s) => s.length > 0)
            .map(Number);
        if (starts.some((s) => !Number.isSafeInteger(s)))
            usage(`bad --starts: ${arg}`);
    } else if (arg.startsWith('--expr=')) {
        expressions.push(arg.slice('--expr='.length));
    } else if (arg.startsWith('--')) {
        usage(`unknown option ${arg}`);
    } else {
        files.push(arg);
    }
}
if (starts.length === 0)
    usage('need --starts=MS[,MS...]');
for (const file of files) {
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop(); // the file's final newline does not start another expression
    expressions.push(...lines);
}

// cron-parser has no CRON_TZ syntax; it takes the zone as an option instead.
function splitZone(line) {
    const trimmed = line.trim();
    const m = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(trimmed);
    if (m)
        return { tz: m[1], expr: m[2] };
    // Without a zone cron-parser would use the process's local zone; the broker's default is UTC.
    return { tz: 'UTC', expr: trimmed };
}

const out = [];
expressions.forEach((line, exprIndex) => {
    const { tz, expr } = splitZone(line);
    starts.forEach((start, startIndex) => {
        let result;
        try {
            const interval = CronExpressionParser.parse(expr, {
                currentDate: new Date(start),
                tz,
            });
            const times = interval.take(count).map((d) => d.getTime());
            result = `OK${times.map((t) => ` ${t}`).join('')}`;
        } catch (err) {
            result = `ERR ${String(err && err.message ? err.message : err).replace(/\s+/g, ' ')}`;
        }
        out.push(`${exprIndex} ${startIndex} ${result}`);
    });
    // Flush in chunks so a large run does not hold everything in one string.
    if (out.length >= 4096) {
        process.stdout.write(out.join('\n') + '\n');
        out.length = 0;
    }
});
if (out.length > 0)
    process.stdout.write(out.join('\n') + '\n');
