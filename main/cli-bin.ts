#!/usr/bin/env node
/** The installed `quotebench` command (package.json bin). */
import { runCli } from './cli.js';

runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => process.exit(code));
