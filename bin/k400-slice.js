#!/usr/bin/env node
// A shim: the program lives in dist/ (built by `tsc` at install time, see package.json "prepare").
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
